/**
 * The popup's search box as a reader uses it: an arXiv id however it is pasted finds that paper; a query with
 * nothing searchable finds nothing and says why; a title with one long unbreakable word wraps inside its row.
 * Screenshots of both go to the test output folder (and PAPER_LENS_SCREENSHOTS when set).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { buildHistory, mergeHistory } from './popup-helpers';

const outDir = process.env.PAPER_LENS_SCREENSHOTS ? path.resolve(process.env.PAPER_LENS_SCREENSHOTS) : null;

async function shoot(page: Page, name: string, outputPath: string): Promise<void> {
  await page.screenshot({ path: outputPath, animations: 'disabled' });
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, name), animations: 'disabled' });
  }
}

const LONG_WORD = 'Supercalifragilisticexpialidociousnessification-of-Pretrained-Multimodal-Transformers';

test('search by arXiv id, a query with nothing to find, and a long unbreakable title', async ({ openPopup, consoleErrors }, testInfo) => {
  const papers = generateSyntheticSet({ seed: 71, count: 30 }).papers;
  papers[0] = { ...papers[0]!, title: `${LONG_WORD} ${papers[0]!.title}` };
  const target = papers[7]!;
  const popup = await openPopup();
  const errors = consoleErrors(popup);
  await mergeHistory(popup, buildHistory(papers, { perDay: 10 }));
  await popup.setViewportSize({ width: 440, height: 600 });
  await popup.reload();
  const rows = popup.locator('[data-paper-lens-row]');
  await expect(rows.first()).toBeVisible();
  const search = popup.getByRole('searchbox', { name: 'Search papers' });

  for (const query of [target.id, `${target.id}v2`, `arXiv:${target.id}`, `https://arxiv.org/abs/${target.id}v3`, `https://huggingface.co/papers/${target.id}`]) {
    await search.fill(query);
    await expect(rows, query).toHaveCount(1);
    await expect(rows.first().locator('.row-title'), query).toHaveText(target.title);
    await expect(popup.getByText('1 match', { exact: true })).toBeVisible();
  }

  await search.fill('<img src=x onerror=alert(1)>');
  await expect(popup.locator('[data-empty="search"]')).toBeVisible();
  await expect(popup.locator('[data-empty-reason="unsearchable"]')).toContainText('no letters or digits');
  await expect(rows).toHaveCount(0);
  await expect(popup.getByText('0 matches', { exact: true })).toBeVisible();
  expect(await popup.locator('img').count()).toBe(0);
  await shoot(popup, 'popup-search-nothing.png', testInfo.outputPath('popup-search-nothing.png'));

  // The long word: its row's title wraps inside the row (two lines at most), nothing runs past the popup's edge.
  await search.fill('supercalifragilisticexpialidociousnessification');
  await expect(rows).toHaveCount(1);
  const title = rows.first().locator('.row-title');
  const box = await title.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth, right: element.getBoundingClientRect().right, height: element.getBoundingClientRect().height, line: parseFloat(getComputedStyle(element).lineHeight) }));
  expect(box.scroll).toBeLessThanOrEqual(box.client);
  expect(box.right).toBeLessThanOrEqual(440);
  expect(box.height).toBeLessThanOrEqual(box.line * 2 + 1);
  await shoot(popup, 'popup-long-title.png', testInfo.outputPath('popup-long-title.png'));
  await popup.emulateMedia({ colorScheme: 'dark' });
  await shoot(popup, 'popup-long-title-dark.png', testInfo.outputPath('popup-long-title-dark.png'));
  expect(errors).toEqual([]);
});
