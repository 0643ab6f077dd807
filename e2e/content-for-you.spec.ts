/**
 * "For you" on a listing: after the reader starred papers of one topic, a later listing's bar lists the papers
 * closest to them, each card in that list says so, and the list jumps to its cards; a reader with nothing starred
 * or read gets no entry at all.
 */
import { test, expect } from './harness';
import { generateSyntheticSet, type SyntheticPaper } from './fixtures/synthetic';
import { cardMarks, shoot, useSiteTheme, waitForMarks } from './content-support';
import { extensionPage, request } from './store-helpers';

const DAY_ONE = '/papers/date/2024-03-11';
const DAY_TWO = '/papers/date/2024-03-12';

function days(): { first: SyntheticPaper[]; second: SyntheticPaper[] } {
  const { papers } = generateSyntheticSet({ seed: 5, count: 48 });
  return { first: papers.slice(0, 24), second: papers.slice(24) };
}

test('papers close to the starred ones are listed for you, with a chip and a jump', async ({ context, site }, testInfo) => {
  const { first, second } = days();
  site.setPage(DAY_ONE, { papers: first, layout: 'payload' });
  site.setPage(DAY_TWO, { papers: second, layout: 'payload' });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY_ONE}`);
  await waitForMarks(page);
  // Nothing starred yet: no entry.
  await expect(page.locator('paper-lens-summary .for-you')).toBeHidden();
  const topic = first[0]!.topic;
  const starredIndexes = first.map((paper, i) => (paper.topic === topic ? i : -1)).filter((i) => i >= 0).slice(0, 2);
  expect(starredIndexes).toHaveLength(2);
  for (const index of starredIndexes) {
    const star = page.locator('article').nth(index).locator('[data-paper-lens-action="star"]');
    await star.scrollIntoViewIfNeeded();
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');
  }

  await page.goto(`https://huggingface.co${DAY_TWO}`);
  await waitForMarks(page);
  const entry = page.locator('paper-lens-summary .for-you');
  await expect(entry).toBeVisible();
  const picked = (await cardMarks(page)).flatMap((card, i) => (card.marks.includes('for-you') ? [i] : []));
  expect(picked.length).toBeGreaterThan(0);
  expect(picked.length).toBeLessThanOrEqual(5);
  await expect(entry).toContainText(String(picked.length));
  // The synthetic topics stand for the reader's interest: the picks are papers of the starred topic.
  expect(picked.some((i) => second[i]!.topic === topic)).toBe(true);
  const chip = page.locator('article').nth(picked[0]!).locator('paper-lens-marks .chip.foryou');
  await expect(chip).toHaveText('For you');
  await expect(chip).toHaveAttribute('title', /^For you: Close to “.+” /);

  await entry.click();
  const list = page.locator('paper-lens-popover [role="dialog"]');
  await expect(list).toBeVisible();
  await expect(list.locator('.item')).toHaveCount(picked.length);
  await expect(list.locator('.context').first()).toContainText('Close to');
  await shoot(page, 'for-you-list-light.png', (name) => testInfo.outputPath(name));
  await useSiteTheme(page, 'dark');
  await expect(list).toBeVisible();
  await shoot(page, 'for-you-list-dark.png', (name) => testInfo.outputPath(name));
  await useSiteTheme(page, 'light');
  const firstBadge = await list.locator('.item .pos').first().textContent();
  const target = Number(firstBadge?.replace('#', '')) - 1;
  await list.locator('.item').first().click();
  await expect(page.locator('article').nth(target)).toHaveAttribute('data-paper-lens-flash', '');
});

test('a reader with nothing starred or read gets no For you entry', async ({ context, site, extensionId }) => {
  const { second } = days();
  site.setPage(DAY_TWO, { papers: second, layout: 'payload' });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY_TWO}`);
  await waitForMarks(page);
  const worker = await extensionPage(context, extensionId);
  const answer = await request<{ ok: boolean; picks: unknown[] }>(worker, { type: 'papers/for-you', ids: second.map((paper) => paper.id) });
  expect(answer).toMatchObject({ ok: true, picks: [] });
  await expect(page.locator('paper-lens-summary .for-you')).toBeHidden();
  expect((await cardMarks(page)).some((card) => card.marks.includes('for-you'))).toBe(false);
});
