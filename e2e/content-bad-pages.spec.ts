/**
 * Bad pages get nothing worse than no marks: markup planted in titles and abstracts stays text and never runs,
 * a payload that is not JSON, a card without a title, and a 5000-card page.
 */
import { test, expect } from './harness';
import type { Page } from '@playwright/test';
import type { Paper } from '../src/core/types';
import { generateSyntheticSet } from './fixtures/synthetic';
import { cardMarks, waitForMarks } from './content-support';

const PLANT = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1;console.error(\'pwned\')">';

/** Every <img src=x> and <script> in the page, including inside open shadow roots. */
async function plantedElements(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    const visit = (root: Document | ShadowRoot): void => {
      count += root.querySelectorAll('img[src="x"], script:not([src])').length;
      for (const element of Array.from(root.querySelectorAll('*'))) if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(document);
    return count;
  });
}

function evilPapers(): Paper[] {
  const { papers } = generateSyntheticSet({ seed: 31, count: 6 });
  const first = papers[0]!;
  const evil = { ...first, title: `${PLANT}<script>window.__pwned=99</script> ${first.title}`, abstract: `${PLANT} ${first.abstract}` };
  // A retitled copy, so the duplicate badge and the related list both carry planted text.
  return [evil, ...papers.slice(1), { ...evil, id: '2409.00001', title: `${evil.title} (v2)` }, { ...papers[1]!, id: '2409.00002', title: `${PLANT} ${papers[1]!.title}` }];
}

for (const layout of ['payload', 'abstract-cards'] as const) {
  test(`planted markup in titles and abstracts stays text (${layout})`, async ({ context, site, consoleErrors }) => {
    const papers = evilPapers();
    site.setPage('/papers/date/2024-03-11', { papers, layout });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('https://huggingface.co/papers/date/2024-03-11');
    await waitForMarks(page);
    expect((await cardMarks(page)).map((card) => card.id)).toEqual(papers.map((paper) => paper.id));
    // Open every related list: their titles come from the page too.
    const chips = page.locator('article [data-paper-lens-action="related"]:visible');
    for (let i = 0; i < (await chips.count()); i++) {
      await chips.nth(i).click();
      await expect(page.locator('paper-lens-popover .item').first()).toBeVisible();
      const titles = await page.locator('paper-lens-popover .title').allTextContents();
      for (const title of titles) expect(papers.some((paper) => paper.title === title)).toBe(true);
      await page.keyboard.press('Escape');
    }
    await page.waitForTimeout(300);
    expect(await plantedElements(page)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('a payload that is not JSON and a card without a title: the cards alone, no errors', async ({ context, site, consoleErrors }) => {
  const { papers } = generateSyntheticSet({ seed: 32, count: 8 });
  site.setPage('/papers/date/2024-03-11', { papers, layout: 'payload', rawProps: '{"dailyPapers": [ {"paper": oops', untitled: [2] });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto('https://huggingface.co/papers/date/2024-03-11');
  await waitForMarks(page);
  const cards = await cardMarks(page);
  expect(cards.map((card) => card.id)).toEqual(papers.map((paper) => paper.id));
  expect(cards.map((card) => card.strips)).toEqual(papers.map(() => 1));
  await expect(page.locator('paper-lens-summary')).toContainText(`${papers.length} papers`);
  expect(errors).toEqual([]);
});

test('a page with nothing to mark and a raw page that is not a listing stay untouched', async ({ context, site, consoleErrors }) => {
  site.setHtml('/papers/date/2024-03-11', '<!doctype html><html><body><main><h1>No papers today</h1><a href="/papers/trending">Trending</a></main></body></html>');
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto('https://huggingface.co/papers/date/2024-03-11');
  await waitForMarks(page);
  await expect(page.locator('paper-lens-summary, paper-lens-marks')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a 5000-card page is marked in full, far cards get their strip as they come near', async ({ context, site, consoleErrors }) => {
  // A cap on waiting for the right result on a loaded machine (two test workers beside each other), not a speed bound.
  test.setTimeout(240_000);
  const { papers } = generateSyntheticSet({ seed: 33, count: 5000, plant: true, startDate: '2023-01-01' });
  site.setPage('/papers/month/2023-01', { papers, layout: 'payload' });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto('https://huggingface.co/papers/month/2023-01', { timeout: 60_000 });
  await waitForMarks(page, -1, 90_000);
  const ids = await page.$$eval('article', (cards) => cards.map((card) => card.getAttribute('data-paper-lens-id')));
  expect(ids.filter(Boolean)).toHaveLength(5000);
  // Strips are built for the first screens at once and for the rest as they come near.
  await expect(page.locator('article').first().locator('[data-paper-lens-action="star"]')).toBeVisible();
  await page.locator('article').nth(4000).scrollIntoViewIfNeeded();
  // A wait for the outcome, not a time bound: on a loaded machine Playwright's queries over 5000 cards are slow too.
  await expect(page.locator('article').nth(4000).locator('[data-paper-lens-action="star"]')).toBeVisible({ timeout: 60_000 });
  // The read went in several slices. How long each took is the bench's (content_*_longest_task_ms), not a test's.
  const reads = await page.evaluate(() => performance.getEntriesByType('measure').filter((entry) => entry.name === 'paper-lens:read').length);
  expect(reads).toBeGreaterThan(1);
  expect(errors).toEqual([]);
});
