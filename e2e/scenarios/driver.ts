/**
 * The little the shared scenarios need from a browser, so one scenario runs in Chromium (Playwright,
 * playwright-driver.ts) and in Firefox (Puppeteer over WebDriver BiDi, ../firefox/launch.ts).
 */
import type { FixtureSite } from '../fixtures/site';

export interface DownloadedFile {
  fileName: string;
  text: string;
}

export interface Tab {
  /** Loads an https://huggingface.co URL (served by the fixture site) and waits for its load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs a JavaScript expression in the page (an async IIFE is awaited) and answers its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Clicks like a user: CSS, where ' >>> ' steps into the open shadow root of the element before it. */
  click(selector: string): Promise<void>;
  /** Runs `trigger` (a click that saves a file) and answers the file the browser saved. */
  download(trigger: () => Promise<void>): Promise<DownloadedFile>;
  /** Saves a PNG of the viewport, for a person to look at. */
  screenshot(path: string): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: 'chromium' | 'firefox';
  readonly site: FixtureSite;
  newTab(): Promise<Tab>;
  /** Opens one of the extension's own pages in a new tab. */
  extensionTab(page: 'popup.html' | 'options.html'): Promise<Tab>;
  /** Console errors and uncaught exceptions of every tab opened so far. */
  consoleErrors(): string[];
}

/** Polls `expression` in the tab until it is truthy; throws with `what` and the last value after `timeoutMs`. */
export async function waitUntil(tab: Tab, expression: string, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await tab.evaluate<unknown>(expression);
      if (last) return;
    } catch (error) {
      // A navigation in progress destroys the page's context; the next poll runs in the new one.
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
