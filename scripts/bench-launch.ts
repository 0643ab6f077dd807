/**
 * Starts Chromium for the benchmark with the bench build (dist-bench/chrome: the production build plus the worker's
 * bench hooks). Two cases need another extension directory: the CPU profile, which loads an unminified copy of the
 * same build so function names are readable, and PAPER_LENS_BENCH_EXTENSION_DIR, which points the bench at any
 * unpacked extension (an older build for a side-by-side run; figures that need the hooks are then not measured).
 */
import { chromium } from 'playwright';
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumArgs, findChromium, INSTALL_HINT } from '../e2e/browser';
import type { LaunchedExtension } from '../e2e/launch';
import { FixtureSite } from '../e2e/fixtures/site';

const root = resolve(import.meta.dirname, '..');

/** The bench build (`node build.mjs --bench`): dist/chrome with the worker's bench hooks (src/background/bench/bench-hooks.ts). */
export const BENCH_EXTENSION_DIR = join(root, 'dist-bench', 'chrome');

/** Builds dist-bench/chrome (the bench runs it unless PAPER_LENS_BENCH_EXTENSION_DIR names another build). */
export function buildBenchExtension(): void {
  execFileSync(process.execPath, [join(root, 'build.mjs'), '--bench'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function launchBench(extensionDir = process.env.PAPER_LENS_BENCH_EXTENSION_DIR ?? BENCH_EXTENSION_DIR): Promise<LaunchedExtension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const userDataDir = mkdtempSync(join(tmpdir(), 'paper-lens-bench-profile-'));
  const site = new FixtureSite();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: chromiumArgs(extensionDir),
    viewport: { width: 1280, height: 900 },
  });
  // Same routing as e2e/launch.ts: the fixture site answers huggingface.co, nothing else leaves the machine.
  await context.route(/^https?:\/\//, async (route) => {
    if (new URL(route.request().url()).hostname === 'huggingface.co') await site.handle(route);
    else await route.abort('blockedbyclient');
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return {
    context,
    site,
    extensionId: new URL(serviceWorker.url()).host,
    serviceWorker,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Copies the built extension and replaces content.js with an unminified bundle of the same source (names kept),
 * so a CPU profile names the functions. Returns the directory and a cleanup function.
 */
export async function buildReadableExtension(): Promise<{ dir: string; cleanup: () => void }> {
  const source = process.env.PAPER_LENS_BENCH_EXTENSION_DIR ?? BENCH_EXTENSION_DIR;
  const dir = mkdtempSync(join(tmpdir(), 'paper-lens-bench-readable-'));
  cpSync(source, dir, { recursive: true });
  if (!process.env.PAPER_LENS_BENCH_EXTENSION_DIR) {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: { content: 'src/content/index.ts' },
      outdir: dir,
      bundle: true,
      format: 'iife',
      target: ['chrome120'],
      minify: false,
      legalComments: 'none',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      define: { 'process.env.NODE_ENV': '"production"', __BENCH__: 'true' },
      logLevel: 'error',
    });
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
