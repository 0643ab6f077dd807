/**
 * The site is a single-page app: client-side navigation with a stale payload, infinite loading, re-renders that
 * replace the cards or rewrite them in place. The marks follow, one set per card, never stale. How fast they follow
 * is the bench's to measure (spa_* figures, scripts/bench-spa.ts): these tests check the outcome only, since a timed
 * test flakes on a loaded machine.
 */
import { test, expect } from './harness';
import type { Page } from '@playwright/test';
import { generateSyntheticSet } from './fixtures/synthetic';
import { ALL_CARDS_MARKED, cardMarks, msUntilMarked, waitForMarks } from './content-support';

const FIRST = '/papers/date/2024-03-11';
const NEXT = '/papers/date/2024-03-12';

type FixtureApi = { navigate(url: string, options?: object): Promise<void>; appendFrom(url: string): Promise<void>; rerender(): void; swapInPlace(url: string): Promise<void> };
const app = (page: Page, call: (api: FixtureApi) => unknown) => page.evaluate(`(${call.toString()})(window.__fixture)`);

function setUp(site: import('./fixtures/site').FixtureSite) {
  const first = generateSyntheticSet({ seed: 21, count: 12, startDate: '2024-03-11' }).papers;
  const next = generateSyntheticSet({ seed: 22, count: 9, startDate: '2024-03-12' }).papers;
  const more = generateSyntheticSet({ seed: 23, count: 6, startDate: '2024-03-13' }).papers;
  site.setPage(FIRST, { papers: first, layout: 'payload', spa: true });
  site.setPage(NEXT, { papers: next, layout: 'payload', spa: true });
  site.setPage('/papers/date/2024-03-13', { papers: more, layout: 'payload', spa: true });
  return { first, next, more };
}

test('client-side navigation with a stale payload: the marks follow the new cards', async ({ context, site, consoleErrors }) => {
  const { first, next } = setUp(site);
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(`https://huggingface.co${FIRST}`);
  const generation = await waitForMarks(page);
  expect((await cardMarks(page)).map((card) => card.id)).toEqual(first.map((paper) => paper.id));

  await msUntilMarked(page, () => page.getByRole('link', { name: 'Next day →' }).click(), ALL_CARDS_MARKED);
  expect(page.url()).toBe(`https://huggingface.co${NEXT}`);
  await waitForMarks(page, generation);
  const cards = await cardMarks(page);
  expect(cards.map((card) => card.id)).toEqual(next.map((paper) => paper.id));
  expect(cards.every((card) => card.strips === 1)).toBe(true);
  await expect(page.locator('paper-lens-marks')).toHaveCount(next.length);
  await expect(page.locator('paper-lens-summary')).toHaveCount(1);
  await expect(page.locator('paper-lens-summary')).toContainText(`${next.length} papers`);

  // Back: the first day's cards come back, marked once.
  await page.goBack();
  await expect.poll(async () => (await cardMarks(page)).map((card) => card.id)).toEqual(first.map((paper) => paper.id));
  await expect.poll(() => page.evaluate(ALL_CARDS_MARKED)).toBe(true);
  await expect(page.locator('paper-lens-marks')).toHaveCount(first.length);
  expect(errors).toEqual([]);
});

test('the whole list container replaced, payload gone: still marked', async ({ context, site }) => {
  const { next } = setUp(site);
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${FIRST}`);
  await waitForMarks(page);
  await msUntilMarked(page, () => app(page, (api) => api.navigate('/papers/date/2024-03-12', { mode: 'container', payload: 'gone' })), ALL_CARDS_MARKED);
  expect((await cardMarks(page)).map((card) => card.id)).toEqual(next.map((paper) => paper.id));
  await expect(page.locator('paper-lens-summary')).toHaveCount(1);
});

test('infinite loading appends cards; a re-render replacing every card never doubles the marks', async ({ context, site }) => {
  const { first, more } = setUp(site);
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${FIRST}`);
  await waitForMarks(page);

  await msUntilMarked(page, () => app(page, (api) => api.appendFrom('/papers/date/2024-03-13')), ALL_CARDS_MARKED);
  expect((await cardMarks(page)).map((card) => card.id)).toEqual([...first, ...more].map((paper) => paper.id));

  await msUntilMarked(page, () => app(page, (api) => api.rerender()), ALL_CARDS_MARKED);
  const cards = await cardMarks(page);
  expect(cards.map((card) => card.strips)).toEqual(cards.map(() => 1));
  await expect(page.locator('paper-lens-marks')).toHaveCount(first.length + more.length);
});

test('cards rewritten in place for other papers lose their old marks', async ({ context, site }) => {
  const { first, next } = setUp(site);
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${FIRST}`);
  await waitForMarks(page);
  await page.locator('article').first().locator('[data-paper-lens-action="star"]').click();
  await expect(page.locator('article').first()).toHaveAttribute('data-paper-lens', /starred/);

  await msUntilMarked(page, () => app(page, (api) => api.swapInPlace('/papers/date/2024-03-12')), ALL_CARDS_MARKED);
  const cards = await cardMarks(page);
  const expected = [...next.map((paper) => paper.id), ...first.slice(next.length).map((paper) => paper.id)];
  expect(cards.map((card) => card.id)).toEqual(expected);
  // The star belonged to the first paper, not to the card element that now shows another paper.
  await expect(page.locator('article').first()).not.toHaveAttribute('data-paper-lens', /starred/);
  await expect(page.locator('article').first().locator('[data-paper-lens-action="star"]')).toHaveAttribute('aria-pressed', 'false');
  expect(cards.every((card) => card.strips === 1)).toBe(true);
});

test('routing to a paper page and back: the paper counts as opened, the listing is marked again', async ({ context, site }) => {
  const { first } = setUp(site);
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${FIRST}`);
  await waitForMarks(page);
  const target = first[3]!;
  await page.locator('article').nth(3).locator('h3 a').click();
  await page.waitForURL(`**/papers/${target.id}`);
  await page.goBack();
  await waitForMarks(page);
  await expect(page.locator('article').nth(3)).toHaveAttribute('data-paper-lens', /\bread\b/);
  await expect(page.locator('article').nth(3).locator('[data-paper-lens-action="read"]')).toHaveAttribute('aria-pressed', 'true');
});

test('the reading keys follow client-side navigation and infinite loading', async ({ context, site }) => {
  const { first, next, more } = setUp(site);
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${FIRST}`);
  const generation = await waitForMarks(page);
  const focusedId = (): Promise<string | null> => page.evaluate(() => document.querySelector('article[data-paper-lens-focus]')?.getAttribute('data-paper-lens-id') ?? null);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  expect(await focusedId()).toBe(first[1]!.id);

  // To the next day without a page load: j starts again at the new list's first card, s stars it.
  await page.getByRole('link', { name: 'Next day →' }).click();
  await waitForMarks(page, generation);
  await expect.poll(async () => (await cardMarks(page)).map((card) => card.id)).toEqual(next.map((paper) => paper.id));
  await page.keyboard.press('j');
  expect(await focusedId()).toBe(next[0]!.id);
  await page.keyboard.press('s');
  await expect.poll(async () => (await cardMarks(page))[0]?.marks).toContain('starred');

  // More cards load below: j walks on into them.
  await msUntilMarked(page, () => app(page, (api) => api.appendFrom('/papers/date/2024-03-13')), ALL_CARDS_MARKED);
  for (let i = 1; i <= next.length; i++) await page.keyboard.press('j');
  expect(await focusedId()).toBe(more[0]!.id);
  await page.keyboard.press('r');
  await expect.poll(async () => (await cardMarks(page))[next.length]?.marks).toContain('read');
});
