/**
 * Firefox with the built dist/firefox installed as a temporary add-on, driven by Puppeteer over WebDriver BiDi
 * (Playwright cannot load extensions in Firefox). Every https:// request of a web tab is answered by a
 * FixtureSite or refused; downloads land in a directory of their own; the extension's script errors, which BiDi
 * does not report, are read from the browser's stderr.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FixtureSite } from '../fixtures/site';
import { waitUntil, type DownloadedFile, type ExtensionBrowser, type Tab } from '../scenarios/driver';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'firefox');
export const FIREFOX_INSTALL_HINT = 'No Firefox found: install one with `sudo apt-get install firefox-esr` (Debian/Ubuntu) or set FIREFOX_PATH to a Firefox binary.';
/** A fixed moz-extension:// host, so the suite knows the extension's pages before it starts. */
export const EXTENSION_UUID = '5f0c7a52-8a3e-4b9e-9d55-2f1b6c0e7a11';

export function findFirefox(): string | null {
  for (const candidate of [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

export interface LaunchedFirefox {
  browser: ExtensionBrowser;
  /** `JavaScript error: moz-extension://…` lines Firefox printed so far (the extension's uncaught errors). */
  extensionErrors(): string[];
  /** Every line Firefox printed, for a failure's report. */
  output(): string[];
  /** The profile folder Firefox runs with (gone after close). */
  profileDir(): string | undefined;
  close(): Promise<void>;
}

/**
 * Firefox run as root refuses to start ("Running Firefox as root in a regular user's session is not supported")
 * when $HOME, $XAUTHORITY or $XDG_RUNTIME_DIR belongs to another user, as in CI containers whose HOME is the
 * runner's. Headless Firefox needs neither X nor a runtime dir, so as root it gets a HOME of its own instead.
 */
function firefoxEnv(home: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (process.getuid?.() === 0) {
    delete env.XAUTHORITY;
    delete env.XDG_RUNTIME_DIR;
    env.HOME = home;
  }
  return env;
}

/** A request's tab closed before its answer went out: nothing is waiting for it any more. */
function tabGone(): void {}

interface BidiFrame {
  browsingContext: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> };
}

function waitForDownload(dir: string, before: Set<string>, timeoutMs = 30_000): Promise<DownloadedFile> {
  const deadline = Date.now() + timeoutMs;
  let lastSize = -1;
  return new Promise((done, fail) => {
    const poll = (): void => {
      const names = readdirSync(dir);
      const fresh = names.filter((name) => !before.has(name) && !name.endsWith('.part'));
      const inProgress = names.some((name) => name.endsWith('.part'));
      const fileName = fresh[0];
      if (fileName && !inProgress) {
        const size = statSync(join(dir, fileName)).size;
        // Done when its size holds between two polls.
        if (size > 0 && size === lastSize) {
          done({ fileName, text: readFileSync(join(dir, fileName), 'utf8') });
          return;
        }
        lastSize = size;
      }
      if (Date.now() > deadline) fail(new Error(`No download finished within ${timeoutMs} ms (files: ${names.join(', ') || 'none'})`));
      else setTimeout(poll, 150);
    };
    poll();
  });
}

function firefoxTab(page: Page, downloadDir: string): Tab {
  return {
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    async click(selector) {
      await page.locator(selector).click();
    },
    async download(trigger) {
      const before = new Set(readdirSync(downloadDir));
      await trigger();
      return waitForDownload(downloadDir, before);
    },
    async screenshot(path) {
      await page.screenshot({ path: path as `${string}.png` });
    },
  };
}

export async function launchFirefox(site = new FixtureSite()): Promise<LaunchedFirefox> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_INSTALL_HINT);
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) throw new Error('dist/firefox is missing: run `node build.mjs` first.');
  const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const scratch = mkdtempSync(join(tmpdir(), 'paper-lens-firefox-'));
  const downloadDir = join(scratch, 'downloads');
  const home = join(scratch, 'home');
  for (const dir of [downloadDir, home]) mkdirSync(dir);
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    env: firefoxEnv(home),
    // The Chromium suite's window (launch.ts): cards far below it get their strips only when scrolled near.
    defaultViewport: { width: 1280, height: 900 },
    // Lets the WebDriver BiDi client install a temporary add-on (webExtension.install).
    args: ['--remote-allow-system-access'],
    timeout: 90_000,
    protocolTimeout: 120_000,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
      // Saves <a download> files straight into downloadDir, without a dialog.
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  const lines: string[] = [];
  const process = browser.process();
  for (const stream of [process?.stderr, process?.stdout]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
  }
  const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (installed !== addonId) throw new Error(`Firefox installed ${installed}, not ${addonId}`);

  // BiDi reports console errors of web tabs (content scripts included) but none from moz-extension:// pages;
  // those pages' uncaught errors come through stderr above.
  const pageErrors: string[] = [];
  const open = async (): Promise<Page> => {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
    return page;
  };
  const extensionBrowser: ExtensionBrowser = {
    name: 'firefox',
    site,
    async newTab() {
      const page = await open();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.hostname === 'huggingface.co') {
          const { status, body, contentType } = site.respond(request.url());
          request.respond({ status, body, contentType }).catch(tabGone);
        } else if (url.protocol === 'https:' || url.protocol === 'http:') {
          // Tests never touch the network.
          request.abort('blockedbyclient').catch(tabGone);
        } else {
          request.continue().catch(tabGone);
        }
      });
      return firefoxTab(page, downloadDir);
    },
    async extensionTab(path) {
      const page = await open();
      // page.goto waits for events Firefox does not send for moz-extension:// pages; BiDi's own navigate does not.
      await (page.mainFrame() as unknown as BidiFrame).browsingContext.navigate(`moz-extension://${EXTENSION_UUID}/${path}`, 'complete');
      const tab = firefoxTab(page, downloadDir);
      await waitUntil(tab, `document.readyState === 'complete' && location.protocol === 'moz-extension:'`, `${path} to load`);
      return tab;
    },
    consoleErrors: () => [...pageErrors],
  };

  return {
    browser: extensionBrowser,
    extensionErrors: () => lines.filter((line) => line.startsWith('JavaScript error: moz-extension://')),
    output: () => [...lines],
    profileDir() {
      const args = browser.process()?.spawnargs ?? [];
      const at = args.indexOf('--profile');
      return at >= 0 ? args[at + 1] : undefined;
    },
    async close() {
      await browser.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
