// The source package AMO asks for beside minified bundles: every tracked file of the checkout (so neither
// node_modules nor dist), as it is on disk, and a note on rebuilding the same extension files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reproducibleZip } from './zip.mjs';

export const REBUILD_NOTE_NAME = 'REBUILD.txt';

/** Tracked files with their git modes, or null when `root` is not a git checkout. */
function trackedFiles(root) {
  let listing;
  try {
    listing = execFileSync('git', ['-C', root, 'ls-files', '-s', '-z'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
  // A file in the middle of a merge is listed once per stage; the zip takes it once, as it is on disk.
  const files = new Map();
  for (const line of listing.split('\0').filter(Boolean)) {
    const [meta, path] = line.split('\t');
    if (!files.has(path)) files.set(path, { path, executable: meta.startsWith('100755') });
  }
  return [...files.values()];
}

function commitOf(root) {
  try {
    const head = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head} with uncommitted changes to tracked files` : head;
  } catch {
    return 'unknown';
  }
}

export function rebuildNote({ version, commit, nodeVersion, esbuildVersion }) {
  return `Paper Lens ${version}: source of the Chrome and Firefox packages
From commit ${commit}.

Rebuild (Linux, macOS or Windows; Node.js 20 or later with npm; this package was built with Node ${nodeVersion}):

  npm ci
  npm run build

npm ci installs the exact versions in package-lock.json (esbuild ${esbuildVersion} bundles and minifies the
TypeScript in src/). npm run build runs build.mjs, which writes:

  dist/firefox/               the unpacked Firefox extension
  dist/paper-lens-firefox.zip the package submitted to addons.mozilla.org
  dist/chrome/                the unpacked Chrome extension
  dist/paper-lens-chrome.zip  the package submitted to the Chrome Web Store

The build is reproducible: the files in dist/firefox are byte for byte those in the submitted package
(compare with unzip -d and diff -r, or the zips themselves, which use fixed timestamps and ordering).
`;
}

/** Writes nothing and answers null outside a git checkout; otherwise answers the zip's bytes. */
export function sourceZip(root, { version, esbuildVersion }) {
  const tracked = trackedFiles(root);
  if (!tracked) return null;
  const entries = tracked
    .filter(({ path }) => existsSync(join(root, path)))
    .map(({ path, executable }) => ({ path, executable, data: readFileSync(join(root, path)) }));
  if (entries.some(({ path }) => path === REBUILD_NOTE_NAME)) throw new Error(`${REBUILD_NOTE_NAME} is tracked; the source zip writes its own`);
  const note = rebuildNote({ version, commit: commitOf(root), nodeVersion: process.version, esbuildVersion });
  entries.push({ path: REBUILD_NOTE_NAME, data: Buffer.from(note, 'utf8') });
  return reproducibleZip(entries);
}
