/**
 * Two builds from the same tree write byte-identical store zips and source zip; the source zip holds the
 * tracked files (not node_modules or dist) and the rebuild note.
 */
import { it, expect, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { buildExtension } from './build.mjs';
import { REBUILD_NOTE_NAME } from './source-zip.mjs';

const root = resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

async function buildOnce(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'paper-lens-repro-'));
  dirs.push(dir);
  const { sourceZipWritten } = await buildExtension({ root, outDir: dir });
  expect(sourceZipWritten).toBe(true);
  return dir;
}

it('two builds give byte-identical zips', async () => {
  const first = await buildOnce();
  // A second build later (other mtimes on disk) must not differ.
  await new Promise((done) => setTimeout(done, 1100));
  const second = await buildOnce();
  for (const zip of ['paper-lens-chrome.zip', 'paper-lens-firefox.zip', 'paper-lens-source.zip']) {
    const a = readFileSync(join(first, zip));
    expect(a.length, zip).toBeGreaterThan(1000);
    expect(a.equals(readFileSync(join(second, zip))), zip).toBe(true);
  }

  const files = unzipSync(readFileSync(join(first, 'paper-lens-source.zip')));
  const tracked = execFileSync('git', ['-C', root, 'ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  expect(Object.keys(files).sort()).toEqual([...tracked, REBUILD_NOTE_NAME].sort());
  expect(Object.keys(files).some((path) => path.startsWith('node_modules/') || path.startsWith('dist/'))).toBe(false);
  const note = Buffer.from(files[REBUILD_NOTE_NAME]!).toString('utf8');
  expect(note).toContain('npm ci');
  expect(note).toContain('npm run build');
}, 180_000);
