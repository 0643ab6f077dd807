/**
 * A change made in one place shows in every open listing tab without a reload. How fast is the bench's to measure
 * (star_to_other_tab_ms, scripts/bench-star.ts): this test checks only the outcome, since a loaded machine can hold
 * the worker (tab B's listing was just written) past any bound.
 */
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { cardMarks, extensionPage, request } from './store-helpers';

test('a paper starred on one tab appears starred on another, and an undo from an extension page reaches both', async ({ context, site, extensionId }) => {
  const { papers } = generateSyntheticSet({ seed: 9, count: 8 });
  site.setPage('/papers/date/2024-03-11', { papers, layout: 'payload' });
  site.setPage('/papers/week/2024-W11', { papers: papers.slice(2), layout: 'payload' });
  const tabA = await context.newPage();
  await tabA.goto('https://huggingface.co/papers/date/2024-03-11');
  await tabA.waitForSelector('html[data-paper-lens-ready]');
  const tabB = await context.newPage();
  await tabB.goto('https://huggingface.co/papers/week/2024-W11');
  await tabB.waitForSelector('html[data-paper-lens-ready]');
  const target = papers[3]!.id;
  await expect.poll(async () => (await cardMarks(tabB)).has(target)).toBe(true);

  await tabA.locator(`article[data-paper-lens-id="${target}"] [data-paper-lens-action="star"]`).click();
  await expect.poll(async () => (await cardMarks(tabB)).get(target) ?? '', { intervals: [50] }).toContain('starred');

  // Undone from an extension page (the popup's path): both tabs follow.
  const ext = await extensionPage(context, extensionId);
  const response = await request<{ ok: boolean }>(ext, { type: 'paper/set-starred', id: target, starred: false });
  expect(response.ok).toBe(true);
  await expect.poll(async () => (await cardMarks(tabA)).get(target) ?? '', { intervals: [50] }).not.toContain('starred');
  await expect.poll(async () => (await cardMarks(tabB)).get(target) ?? '', { intervals: [50] }).not.toContain('starred');
});
