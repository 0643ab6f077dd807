/**
 * A card's related list over real papers (one labelled pool from ../shared as a day's listing), light and dark:
 * the strength in words and the words both papers use. The screenshots land in the test output folder, and in
 * PAPER_LENS_SCREENSHOTS when that names a folder; they show other people's titles, so they are for review and
 * are not committed. Skipped, saying so, when ../shared is absent.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { loadSharedPapers } from './fixtures/shared-data';
import { cardMarks, waitForMarks } from './content-support';

const DAY = '/papers/date/2024-02-20';
const outDir = process.env.PAPER_LENS_SCREENSHOTS ? path.resolve(process.env.PAPER_LENS_SCREENSHOTS) : null;

async function shoot(page: Page, name: string, output: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: output, animations: 'disabled' });
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, name), animations: 'disabled' });
  }
}

test('the related list names how strong each link is and the words both papers use, light and dark', async ({ context, site }, testInfo) => {
  const shared = loadSharedPapers();
  test.skip(!shared, '../shared/data is absent: no real papers to list');
  const pools = JSON.parse(readFileSync(path.resolve('eval/labels/pools.json'), 'utf8')) as { pools: Array<{ name: string; ids: string[] }> };
  const byId = new Map((shared ?? []).map((paper) => [paper.id, paper]));
  const papers = (pools.pools[0]?.ids ?? []).flatMap((id) => byId.get(id) ?? []);
  site.setPage(DAY, { papers, layout: 'payload', spa: true });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);
  const cards = await cardMarks(page);
  const most = cards.reduce((best, card, i) => (card.related.length > (cards[best]?.related.length ?? 0) ? i : best), 0);
  expect(cards[most]?.related.length).toBeGreaterThan(0);
  // Far cards get their strip when they come near the viewport.
  await page.locator('article').nth(most).scrollIntoViewIfNeeded();
  const chip = page.locator('article').nth(most).locator('[data-paper-lens-action="related"]');
  await expect(chip).toBeVisible();
  await chip.click();
  const list = page.locator('paper-lens-popover [role="dialog"]');
  await expect(list).toBeVisible();
  await expect(list.locator('.strength').first()).toHaveText(/^(Strong|Good|Fair) match$/);
  await expect(list).not.toContainText('%');
  await expect(list.locator('.terms-label').first()).toHaveText('Both use');
  await shoot(page, 'related-list-light.png', testInfo.outputPath('related-list-light.png'));

  await page.keyboard.press('Escape');
  await page.locator('[data-fixture-theme]').click();
  await expect(page.locator('html')).toHaveAttribute('data-paper-lens-theme', 'dark');
  await chip.click();
  await expect(list).toBeVisible();
  await shoot(page, 'related-list-dark.png', testInfo.outputPath('related-list-dark.png'));
});
