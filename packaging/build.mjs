// Builds the unpacked Chrome and Firefox extensions from one manifest.json into `outDir`, and (unless zip is
// false) the two store zips and the source zip beside them.
import * as esbuild from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { manifestFor, storeRuleProblems } from './manifest.mjs';
import { thirdPartyNotices } from './notices.mjs';
import { sourceZip } from './source-zip.mjs';
import { reproducibleZip } from './zip.mjs';

export const TARGETS = ['chrome', 'firefox'];
export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.txt';

export const entryPoints = {
  background: 'src/background/index.ts',
  content: 'src/content/index.ts',
  popup: 'src/popup/index.tsx',
  'popup-boot': 'src/popup/boot.ts',
  options: 'src/options/index.tsx',
};

/** `bench`: the benchmark's build, with its hooks compiled in (`__BENCH__`); every other build leaves them out. */
export function esbuildOptions({ root, outDir, dev, bench = false }) {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir: join(outDir, '.bundle'),
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

async function zipDir(dir) {
  const entries = [];
  for (const path of await filesUnder(dir)) entries.push({ path: relative(dir, path).split('\\').join('/'), data: await readFile(path) });
  return reproducibleZip(entries);
}

/**
 * Copies public/, the bundles, the licence files and each browser's manifest into outDir/<target>, and checks
 * each package against the store rules. Throws, naming every broken rule, when a package could not be submitted.
 */
export async function assemble({ root, outDir, metafile, zip, targets = TARGETS }) {
  const source = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  source.version = pkg.version;
  const notices = thirdPartyNotices(root, metafile);
  const problems = [];
  for (const target of targets) {
    const dir = join(outDir, target);
    await mkdir(dir, { recursive: true });
    await cp(join(root, 'public'), dir, { recursive: true });
    await cp(join(outDir, '.bundle'), dir, { recursive: true });
    await cp(join(root, 'LICENSE'), join(dir, 'LICENSE.txt'));
    await writeFile(join(dir, NOTICES_FILE), notices);
    const manifest = manifestFor(target, source);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    problems.push(...storeRuleProblems(target, manifest, dir).map((problem) => `${target}: ${problem}`));
  }
  if (problems.length > 0) throw new Error(`The built packages break store rules:\n  ${problems.join('\n  ')}`);
  if (!zip) return { sourceZipWritten: false };
  for (const target of TARGETS) await writeFile(join(outDir, `paper-lens-${target}.zip`), await zipDir(join(outDir, target)));
  const esbuildVersion = createRequire(join(root, 'package.json'))('esbuild/package.json').version;
  const sourceBytes = sourceZip(root, { version: pkg.version, esbuildVersion });
  if (sourceBytes) await writeFile(join(outDir, 'paper-lens-source.zip'), sourceBytes);
  return { sourceZipWritten: sourceBytes !== null };
}

/** One full build into a clean outDir. Answers esbuild's metafile. A bench build is Chrome's only and never zipped. */
export async function buildExtension({ root, outDir, dev = false, zip = true, bench = false }) {
  await rm(outDir, { recursive: true, force: true });
  const result = await esbuild.build(esbuildOptions({ root, outDir, dev, bench }));
  const targets = bench ? ['chrome'] : TARGETS;
  const { sourceZipWritten } = await assemble({ root, outDir, metafile: result.metafile, zip: zip && !bench, targets });
  await writeFile(join(outDir, 'meta.json'), JSON.stringify(result.metafile));
  return { metafile: result.metafile, sourceZipWritten, targets };
}
