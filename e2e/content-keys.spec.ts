/**
 * Reading the listing by keyboard alone: moving between cards, star, read, related list, the duplicate's
 * original, opening a paper and the key help; no key acts while the reader types, and the options can turn
 * the keys off.
 */
import { test, expect } from './harness';
import type { Page } from '@playwright/test';
import type { Paper } from '../src/core/types';
import { generateSyntheticSet } from './fixtures/synthetic';
import { cardMarks, shoot, useSiteTheme, waitForMarks } from './content-support';

const DAY = '/papers/date/2024-03-12';

function dayPapers(): Paper[] {
  const { papers } = generateSyntheticSet({ seed: 11, count: 14 });
  const first = papers[0] as Paper;
  return [...papers.slice(0, 6), { ...first, id: `${first.id}v2` }, ...papers.slice(6)];
}

const focusedIndex = (page: Page): Promise<number> =>
  page.$$eval('article', (cards) => cards.findIndex((card) => card.hasAttribute('data-paper-lens-focus')));

test('j/k move the focus, s stars, r reads, x opens the related list, g goes to the original, Enter opens', async ({ context, site }) => {
  const papers = dayPapers();
  site.setPage(DAY, { papers, layout: 'payload' });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);

  await page.keyboard.press('j');
  expect(await focusedIndex(page)).toBe(0);
  // The real focus is on the card's title link, so a screen reader reads the title; the live region says where.
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('article') === document.querySelector('article'))).toBe(true);
  await expect.poll(() => page.evaluate(() => document.querySelector('paper-lens-keys')?.shadowRoot?.querySelector('[role="status"]')?.textContent)).toBe(`Paper 1 of ${papers.length}`);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  expect(await focusedIndex(page)).toBe(2);
  await page.keyboard.press('k');
  expect(await focusedIndex(page)).toBe(1);
  await expect(page.locator('article[data-paper-lens-focus]')).toHaveCount(1);

  await page.keyboard.press('s');
  await expect.poll(async () => (await cardMarks(page))[1]?.marks).toContain('starred');
  await page.keyboard.press('r');
  await expect.poll(async () => (await cardMarks(page))[1]?.marks).toContain('read');
  await expect(page.locator('article').nth(1).locator('[data-paper-lens-action="star"]')).toHaveAttribute('aria-pressed', 'true');
  // The same toggles by key as by pointer: s again removes the star.
  await page.keyboard.press('s');
  await expect.poll(async () => (await cardMarks(page))[1]?.marks).not.toContain('starred');

  // x on a card with related papers opens its list; Escape closes it.
  const withRelated = (await cardMarks(page)).findIndex((card) => card.related.length > 0);
  expect(withRelated).toBeGreaterThanOrEqual(0);
  for (let i = (await focusedIndex(page)); i < withRelated; i++) await page.keyboard.press('j');
  for (let i = (await focusedIndex(page)); i > withRelated; i--) await page.keyboard.press('k');
  expect(await focusedIndex(page)).toBe(withRelated);
  await page.keyboard.press('x');
  await expect(page.locator('paper-lens-popover [role="dialog"]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('paper-lens-popover [role="dialog"]')).toHaveCount(0);

  // g on the re-listed copy (card 7) goes to its original, card 1.
  const duplicate = (await cardMarks(page)).findIndex((card) => card.duplicateOf !== null);
  expect(duplicate).toBe(6);
  while ((await focusedIndex(page)) < duplicate) await page.keyboard.press('j');
  while ((await focusedIndex(page)) > duplicate) await page.keyboard.press('k');
  await page.keyboard.press('g');
  expect(await focusedIndex(page)).toBe(0);
  await expect(page.locator('article').first()).toHaveAttribute('data-paper-lens-flash', '');

  // Enter (and o) open the focused paper through its title link.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/papers/${papers[0]!.id.replace('.', '\\.')}$`));
});

test('no key acts while the reader types or holds a modifier; ? shows the keys; the options turn them off', async ({ context, site, openOptions }, testInfo) => {
  const papers = dayPapers();
  site.setPage(DAY, { papers, layout: 'payload' });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'site-search';
    document.body.prepend(input);
  });
  await page.locator('#site-search').click();
  await page.keyboard.type('jjsr');
  await expect(page.locator('#site-search')).toHaveValue('jjsr');
  expect(await focusedIndex(page)).toBe(-1);
  expect((await cardMarks(page)).some((card) => card.marks.includes('starred') || card.marks.includes('read'))).toBe(false);

  await page.locator('#site-search').blur();
  await page.keyboard.press('Control+j');
  await page.keyboard.press('Alt+s');
  expect(await focusedIndex(page)).toBe(-1);

  await page.keyboard.press('?');
  const help = page.locator('paper-lens-keys [role="dialog"]');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Next / previous paper');
  await shoot(page, 'key-help-light.png', (name) => testInfo.outputPath(name));
  await useSiteTheme(page, 'dark');
  await shoot(page, 'key-help-dark.png', (name) => testInfo.outputPath(name));
  await useSiteTheme(page, 'light');
  // While the help is open the reading keys wait.
  await page.keyboard.press('j');
  expect(await focusedIndex(page)).toBe(-1);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  const options = await openOptions();
  const toggle = options.locator('[name="keyboard"]');
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.bringToFront();
  // A fresh load reads the saved settings; the save itself may come a moment after the click.
  await expect.poll(async () => {
    await page.reload();
    await waitForMarks(page);
    await page.keyboard.press('j');
    return focusedIndex(page);
  }).toBe(-1);
});
