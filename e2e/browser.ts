/** Finds the Chromium the end-to-end tests drive: CHROME_PATH, then Debian's, then a Playwright-installed one. */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

export const INSTALL_HINT = 'No Chromium found: install one with `sudo apt-get install chromium` (Debian/Ubuntu) or set CHROME_PATH to a Chromium/Chrome binary.';

export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // playwright throws when it has no browser of its own; that just means "not found".
  }
  return null;
}

/** Flags for a quiet, offline browser: without the networking flags Chromium keeps dialling Google's hosts. */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
  ];
}
