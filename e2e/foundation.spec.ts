/**
 * The whole chain on production URLs: built extension -> routed daily page -> content script marks every
 * card it recognised -> the popup opens without console errors.
 */
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';

test('content script marks every card of a routed daily page, popup opens cleanly', async ({ context, site, openPopup, consoleErrors }) => {
  const { papers } = generateSyntheticSet({ seed: 42, count: 20 });
  site.setPage('/papers/date/2024-03-11', { papers, layout: 'payload' });
  const page = await context.newPage();
  const pageErrors = consoleErrors(page);
  await page.goto('https://huggingface.co/papers/date/2024-03-11');
  await page.waitForSelector('html[data-paper-lens-ready]');
  const cards = page.locator('article');
  await expect(cards).toHaveCount(20);
  const marked = await page.$$eval('article', (articles) => articles.map((article) => article.getAttribute('data-paper-lens-id')));
  expect(marked).toEqual(papers.map((paper) => paper.id));
  await expect(page.locator('article [data-paper-lens-action="star"]')).toHaveCount(20);
  expect(pageErrors).toEqual([]);

  const popup = await openPopup();
  const popupErrors = consoleErrors(popup);
  await popup.reload();
  await expect(popup.locator('body')).not.toBeEmpty();
  await popup.waitForTimeout(500);
  expect(popupErrors).toEqual([]);
});

for (const path of ['/papers/trending', '/papers/week/2024-W11', '/papers/month/2024-03', '/papers?q=diffusion']) {
  test(`content script runs on ${path}`, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`https://huggingface.co${path}`);
    await page.waitForSelector('html[data-paper-lens-ready]');
    const cards = await page.locator('article').count();
    expect(cards).toBeGreaterThan(0);
    await expect(page.locator('article[data-paper-lens-id]')).toHaveCount(cards);
  });
}
