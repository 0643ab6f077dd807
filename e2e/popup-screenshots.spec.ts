/**
 * Screenshots of the popup (history, starred in dark, dashboard) and the options page over a month of
 * reading history, for review and for the README. They land in the test output folder, and in
 * PAPER_LENS_SCREENSHOTS when that names a folder (e.g. docs/screenshots).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { buildHistory, mergeHistory } from './popup-helpers';

const outDir = process.env.PAPER_LENS_SCREENSHOTS ? path.resolve(process.env.PAPER_LENS_SCREENSHOTS) : null;

async function shoot(page: Page, name: string, outputPath: (name: string) => string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: outputPath(name), fullPage, animations: 'disabled' });
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, name), fullPage, animations: 'disabled' });
  }
}

test('popup and options screenshots, light and dark', async ({ openPopup, openOptions }, testInfo) => {
  // The project's own synthetic papers: these screenshots go into the README, where other people's texts must not.
  const papers = generateSyntheticSet({ seed: 3, count: 330 }).papers;
  const popup = await openPopup();
  await mergeHistory(popup, buildHistory(papers, { perDay: [9, 14, 12, 17, 11, 3, 2, 13, 16, 10, 15, 12, 4, 0], starEvery: 6, readEvery: 3 }));
  const output = (name: string): string => testInfo.outputPath(name);

  await popup.setViewportSize({ width: 440, height: 600 });
  await popup.evaluate(() => localStorage.clear());
  await popup.reload();
  await expect(popup.locator('[data-paper-lens-row]').first()).toBeVisible();
  await expect(popup.locator('.tab-badge').first()).toBeVisible();
  await shoot(popup, 'popup-history.png', output);

  await popup.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(popup.locator('.chart svg')).toBeVisible();
  await shoot(popup, 'popup-dashboard.png', output);

  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.getByRole('tab', { name: /Starred/ }).click();
  await expect(popup.locator('[data-paper-lens-row]').first()).toBeVisible();
  await shoot(popup, 'popup-starred-dark.png', output);

  await popup.getByRole('tab', { name: /History/ }).click();
  await popup.getByRole('button', { name: 'Export' }).click();
  await expect(popup.getByText(/papers? ready as/)).toBeVisible();
  await shoot(popup, 'popup-export-dark.png', output);

  const options = await openOptions();
  await options.setViewportSize({ width: 900, height: 1000 });
  await expect(options.getByText('All changes saved')).toBeVisible();
  await shoot(options, 'options.png', output, true);
});
