// Builds the unpacked Chrome and Firefox extensions, their store zips, the source zip and the licence notices
// into dist/ (packaging/build.mjs does the work).
// Usage: node build.mjs [--watch] [--no-zip] [--dev] [--bench]
// --bench builds dist-bench/chrome with the benchmark's hooks (`__BENCH__`); every other build leaves them out.
import * as esbuild from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, buildExtension, esbuildOptions } from './packaging/build.mjs';

export { entryPoints } from './packaging/build.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const dev = args.has('--dev') || watch;
const bench = args.has('--bench');
const dist = join(root, bench ? 'dist-bench' : 'dist');

if (watch) {
  await rm(dist, { recursive: true, force: true });
  let lastMetafile;
  const ctx = await esbuild.context({
    ...esbuildOptions({ root, outDir: dist, dev }),
    plugins: [{
      name: 'assemble',
      setup(build) {
        build.onEnd(async (result) => {
          if (result.errors.length > 0) return;
          lastMetafile = result.metafile;
          try {
            await assemble({ root, outDir: dist, metafile: lastMetafile, zip: false });
            console.log(`[paper-lens] rebuilt ${new Date().toLocaleTimeString()}`);
          } catch (error) {
            console.error(`[paper-lens] ${error instanceof Error ? error.message : error}`);
          }
        });
      },
    }],
  });
  await ctx.watch();
  // esbuild watches only what it bundles; public/ and manifest.json are copied, so watch them too.
  const { watch: watchFiles } = await import('node:fs');
  let pending;
  const reassemble = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (!lastMetafile) return;
      assemble({ root, outDir: dist, metafile: lastMetafile, zip: false })
        .then(() => console.log(`[paper-lens] copied public/ and manifest ${new Date().toLocaleTimeString()}`))
        .catch((error) => console.error(`[paper-lens] ${error instanceof Error ? error.message : error}`));
    }, 100);
  };
  watchFiles(join(root, 'public'), { recursive: true }, reassemble);
  watchFiles(join(root, 'manifest.json'), reassemble);
  console.log('[paper-lens] watching src/, public/ and manifest.json (Ctrl+C stops)');
} else {
  const { metafile, sourceZipWritten, targets } = await buildExtension({ root, outDir: dist, dev, bench, zip: !args.has('--no-zip') });
  const sizes = Object.entries(metafile.outputs)
    .map(([file, info]) => `${relative(join(dist, '.bundle'), join(root, file))} ${(info.bytes / 1024).toFixed(1)} KB`)
    .join(', ');
  console.log(`[paper-lens] built ${targets.map((target) => `${relative(root, dist)}/${target}`).join(' and ')} (${sizes})`);
  if (!args.has('--no-zip') && !bench) {
    console.log(`[paper-lens] wrote dist/paper-lens-chrome.zip, dist/paper-lens-firefox.zip${sourceZipWritten ? ', dist/paper-lens-source.zip' : ' (no source zip: not a git checkout)'}`);
  }
}
