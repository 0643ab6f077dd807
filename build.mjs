// Builds the unpacked Chrome and Firefox extensions and their store zips from one manifest.json.
// Usage: node build.mjs [--watch] [--no-zip] [--dev] [--bench]
// --bench builds dist-bench/chrome with the benchmark's hooks (`__BENCH__`); every other build leaves them out.
import * as esbuild from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const dev = args.has('--dev') || watch;
const bench = args.has('--bench');
const dist = join(root, bench ? 'dist-bench' : 'dist');
const targets = bench ? ['chrome'] : ['chrome', 'firefox'];

export const entryPoints = {
  background: 'src/background/index.ts',
  content: 'src/content/index.ts',
  popup: 'src/popup/index.tsx',
  'popup-boot': 'src/popup/boot.ts',
  options: 'src/options/index.tsx',
};

/** Turns the one source manifest into each browser's manifest. */
export function manifestFor(target, source) {
  const manifest = structuredClone(source);
  if (target === 'chrome') {
    delete manifest.browser_specific_settings;
  } else {
    // Firefox runs MV3 background code as an event page, not a service worker.
    manifest.background = { scripts: [source.background.service_worker] };
  }
  return manifest;
}

async function writeManifests() {
  const source = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  source.version = pkg.version;
  for (const target of targets) {
    await writeFile(join(dist, target, 'manifest.json'), JSON.stringify(manifestFor(target, source), null, 2) + '\n');
  }
}

async function copyPublic() {
  for (const target of targets) {
    await cp(join(root, 'public'), join(dist, target), { recursive: true });
  }
}

async function filesUnder(dir) {
  const out = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out.sort();
}

async function zipTargets() {
  for (const target of targets) {
    const dir = join(dist, target);
    const files = {};
    for (const path of await filesUnder(dir)) {
      // Fixed timestamps keep the zips reproducible.
      files[relative(dir, path).split('\\').join('/')] = [await readFile(path), { mtime: new Date('2024-01-01T00:00:00Z') }];
    }
    await writeFile(join(dist, `paper-lens-${target}.zip`), zipSync(files, { level: 9 }));
  }
}

/** Copies the bundles esbuild wrote to dist/.bundle into each target. */
async function copyBundles() {
  for (const target of targets) {
    await cp(join(dist, '.bundle'), join(dist, target), { recursive: true });
  }
}

const buildOptions = {
  absWorkingDir: root,
  entryPoints,
  outdir: join(dist, '.bundle'),
  bundle: true,
  format: 'iife',
  target: ['chrome120', 'firefox121'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"', __BENCH__: String(bench) },
  metafile: true,
  logLevel: 'warning',
};

async function assemble() {
  for (const target of targets) await mkdir(join(dist, target), { recursive: true });
  await copyPublic();
  await copyBundles();
  await writeManifests();
  if (!args.has('--no-zip') && !watch && !bench) await zipTargets();
}

if (watch) {
  await rm(dist, { recursive: true, force: true });
  const ctx = await esbuild.context({
    ...buildOptions,
    plugins: [{
      name: 'assemble',
      setup(build) {
        build.onEnd(async (result) => {
          if (result.errors.length > 0) return;
          await assemble();
          console.log(`[paper-lens] rebuilt ${new Date().toLocaleTimeString()}`);
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
    pending = setTimeout(() => assemble().then(() => console.log(`[paper-lens] copied public/ and manifest ${new Date().toLocaleTimeString()}`)), 100);
  };
  watchFiles(join(root, 'public'), { recursive: true }, reassemble);
  watchFiles(join(root, 'manifest.json'), reassemble);
  console.log('[paper-lens] watching src/, public/ and manifest.json (Ctrl+C stops)');
} else {
  await rm(dist, { recursive: true, force: true });
  const result = await esbuild.build(buildOptions);
  await assemble();
  await writeFile(join(dist, 'meta.json'), JSON.stringify(result.metafile));
  const sizes = Object.entries(result.metafile.outputs)
    .map(([file, info]) => `${relative(join(dist, '.bundle'), join(root, file))} ${(info.bytes / 1024).toFixed(1)} KB`)
    .join(', ');
  console.log(`[paper-lens] built ${targets.map((target) => `${relative(root, dist)}/${target}`).join(' and ')} (${sizes})`);
}
