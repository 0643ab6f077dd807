/** The shared scenarios' driver over Playwright's Chromium with the extension loaded (../launch.ts). */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { LaunchedExtension } from '../launch';
import { collectConsoleErrors } from '../harness';
import type { DownloadedFile, ExtensionBrowser, Tab } from './driver';

function playwrightTab(page: Page): Tab {
  return {
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    async click(selector) {
      // Playwright's CSS already pierces open shadow roots.
      await page.locator(selector.replaceAll(' >>> ', ' ')).click();
    },
    async download(trigger): Promise<DownloadedFile> {
      const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
      const path = await download.path();
      return { fileName: download.suggestedFilename(), text: await readFile(path, 'utf8') };
    },
    async screenshot(path) {
      await page.screenshot({ path });
    },
  };
}

export function chromiumBrowser(launched: LaunchedExtension): ExtensionBrowser {
  const errors: string[][] = [];
  const open = async (): Promise<Page> => {
    const page = await launched.context.newPage();
    errors.push(collectConsoleErrors(page));
    return page;
  };
  return {
    name: 'chromium',
    site: launched.site,
    async newTab() {
      return playwrightTab(await open());
    },
    async extensionTab(path) {
      const page = await open();
      await page.goto(`chrome-extension://${launched.extensionId}/${path}`);
      return playwrightTab(page);
    },
    consoleErrors: () => errors.flat(),
  };
}
