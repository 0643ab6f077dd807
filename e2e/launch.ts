/**
 * Launches Chromium with the built dist/chrome in a persistent context and routes every
 * https://huggingface.co/** request to a FixtureSite. Used by the Playwright fixtures, the demo and the benchmark.
 */
import { chromium, type BrowserContext, type Worker } from 'playwright';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumArgs, findChromium, INSTALL_HINT } from './browser';
import { FixtureSite } from './fixtures/site';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', 'dist', 'chrome');

export interface LaunchOptions {
  /** Reuse a profile (for restart tests); a fresh temporary one otherwise. */
  userDataDir?: string;
  site?: FixtureSite;
  viewport?: { width: number; height: number };
  /** Show the browser window (the demo with a display); headless otherwise. */
  headed?: boolean;
  /** Route huggingface.co to the fixture site (default), or let the real site load (demo --live). */
  live?: boolean;
  colorScheme?: 'light' | 'dark';
}

export interface LaunchedExtension {
  context: BrowserContext;
  site: FixtureSite;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  close(): Promise<void>;
}

/** Blocks everything that is not the routed site or the extension itself: tests never touch the network. */
async function routeSite(context: BrowserContext, site: FixtureSite): Promise<void> {
  await context.route(/^https?:\/\//, async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'huggingface.co') await site.handle(route);
    else await route.abort('blockedbyclient');
  });
}

export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('dist/chrome is missing: run `node build.mjs` first.');
  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'paper-lens-profile-'));
  const site = options.site ?? new FixtureSite();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: !options.headed,
    args: chromiumArgs(EXTENSION_DIR),
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  if (!options.live) await routeSite(context, site);
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    site,
    extensionId,
    serviceWorker,
    userDataDir,
    async close() {
      await context.close();
      if (ownsProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

