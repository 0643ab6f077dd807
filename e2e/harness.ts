/**
 * Playwright fixtures: Chromium with the built dist/chrome loaded in a persistent context, every
 * https://huggingface.co/** request answered by a FixtureSite, and helpers for the extension's own pages.
 */
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { launchExtension, type LaunchedExtension } from './launch';
import type { FixtureSite } from './fixtures/site';

export { launchExtension, EXTENSION_DIR, type LaunchedExtension, type LaunchOptions } from './launch';

/** Console errors and uncaught exceptions of a page, collected from the moment this is called. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

interface Fixtures {
  launched: LaunchedExtension;
  context: BrowserContext;
  site: FixtureSite;
  extensionId: string;
  serviceWorker: Worker;
  openPopup: () => Promise<Page>;
  openOptions: () => Promise<Page>;
  consoleErrors: (page: Page) => string[];
}

export const test = base.extend<Fixtures>({
  // eslint-style note: Playwright requires the object-destructuring first argument even when unused.
  // eslint-disable-next-line no-empty-pattern
  launched: async ({}, use) => {
    const launched = await launchExtension();
    await use(launched);
    await launched.close();
  },
  context: async ({ launched }, use) => use(launched.context),
  site: async ({ launched }, use) => use(launched.site),
  extensionId: async ({ launched }, use) => use(launched.extensionId),
  serviceWorker: async ({ launched }, use) => use(launched.serviceWorker),
  openPopup: async ({ launched }, use) => {
    await use(async () => {
      const page = await launched.context.newPage();
      await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
      return page;
    });
  },
  openOptions: async ({ launched }, use) => {
    await use(async () => {
      const page = await launched.context.newPage();
      await page.goto(`chrome-extension://${launched.extensionId}/options.html`);
      return page;
    });
  },
  // eslint-disable-next-line no-empty-pattern
  consoleErrors: async ({}, use) => use(collectConsoleErrors),
});

export { expect };
