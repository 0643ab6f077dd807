/**
 * The card side of the reading history (with the real background): seen-before marks after another day's page,
 * duplicates of known papers, papers close to starred ones, live updates from other tabs and from the settings,
 * and a store that stops answering (extension reloaded under the page).
 */
import { test, expect } from './harness';
import type { Page } from '@playwright/test';
import { generateSyntheticSet } from './fixtures/synthetic';
import { cardMarks, waitForMarks } from './content-support';
import { extensionPage, request } from './store-helpers';
import { history, readThrough } from './history-data';

const DAY1 = '/papers/date/2024-03-11';
const DAY2 = '/papers/date/2024-03-12';

const card = (page: Page, id: string) => page.locator(`article[data-paper-lens-id="${id}"]`).first();

test('another day lists papers again: seen before, duplicates of known papers, papers close to starred ones', async ({ context, site, extensionId }) => {
  const data = history();
  site.setPage(DAY1, { papers: data.day1, layout: 'payload' });
  site.setPage(DAY2, { papers: data.day2, layout: 'payload' });
  const ext = await extensionPage(context, extensionId);
  await request(ext, { type: 'settings/set', patch: { seenDwellMs: 100 } });

  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY1}`);
  await waitForMarks(page);
  await card(page, data.reference.id).locator('[data-paper-lens-action="star"]').click();
  await expect(card(page, data.reference.id)).toHaveAttribute('data-paper-lens', /starred/);
  await readThrough(page);

  // One column: the close card's strip has room for all its chips in full (at three columns, New, the reader
  // link and the For you chip do not fit one 320 px line, and the link starts in its shorter form).
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto(`https://huggingface.co${DAY2}`);
  await waitForMarks(page);
  const marks = new Map((await cardMarks(page)).map((entry) => [entry.id, entry]));
  for (const paper of data.repeated) {
    expect(marks.get(paper.id)?.marks).toContain('seen-before');
    await expect(card(page, paper.id).locator('.chip.seen')).toHaveText(/^Seen today/);
  }
  for (const paper of data.day2.filter((p) => !data.repeated.includes(p))) expect(marks.get(paper.id)?.marks).toContain('new');
  await expect(card(page, data.repeated[0]!.id).locator('.chip.new')).toBeHidden();
  await expect(card(page, data.day2[0]!.id).locator('.chip.new')).toHaveText('New');

  // The retitled copy repeats a paper listed (and seen) yesterday under another id.
  expect(marks.get(data.copy.id)).toMatchObject({ duplicateOf: data.known.id });
  expect(marks.get(data.copy.id)?.marks).toContain('duplicate');
  await expect(card(page, data.copy.id).locator('.chip.history')).toContainText(`Same work as “${data.known.title}”`);

  // Close to the starred paper: the chip opens the starred paper with the terms they share.
  const chip = card(page, data.close.id).locator('[data-paper-lens-action="reader-related"]');
  await expect(chip).toHaveText('Close to 1 paper you starred');
  await expect(chip).toHaveAttribute('title', /^Close to 1 paper you starred/);
  // It came after the strip's first render: on a card too narrow for its whole text it takes its shorter form on
  // the strip's line ("★ 1 close", the full text in its title and for screen readers), instead of wrapping to a
  // second line (which would grow the card and move the list) or being cut.
  const full = await chip.evaluate((element) => element.getBoundingClientRect().width);
  expect(full).toBeGreaterThan(100);
  await chip.evaluate((element) => {
    const strip = element.parentElement as HTMLElement;
    const host = (strip.getRootNode() as ShadowRoot).host as HTMLElement;
    // Room for the chip in 80 px and for the chips after it on the line (For you) as they are.
    const shown = Array.from(strip.children).filter((child) => !(child as HTMLElement).hidden);
    const after = Math.max(...shown.map((child) => child.getBoundingClientRect().right)) - element.getBoundingClientRect().right;
    host.style.width = `${element.getBoundingClientRect().left - strip.getBoundingClientRect().left + 80 + after}px`;
  });
  await expect.poll(() => chip.evaluate((element) => getComputedStyle(element, '::after').content)).toBe('"★ 1 close" / ""');
  await expect(chip).toHaveAccessibleName('Close to 1 paper you starred');
  const lines = await chip.evaluate((element) => {
    const strip = element.parentElement as HTMLElement;
    const star = strip.querySelector('[data-paper-lens-action="star"]') as HTMLElement;
    return { width: element.getBoundingClientRect().width, chipTop: element.getBoundingClientRect().top, starTop: star.getBoundingClientRect().top, stripHeight: strip.getBoundingClientRect().height, starHeight: star.getBoundingClientRect().height };
  });
  expect(lines.width).toBeLessThanOrEqual(80);
  expect(lines.chipTop).toBe(lines.starTop);
  expect(lines.stripHeight).toBe(lines.starHeight);
  await chip.evaluate((element) => (((element.parentElement as HTMLElement).getRootNode() as ShadowRoot).host as HTMLElement).style.removeProperty('width'));
  await chip.click();
  await expect(page.locator('paper-lens-popover .title')).toHaveText(data.reference.title);
  await expect(page.locator('paper-lens-popover .term').first()).toBeVisible();
  await page.keyboard.press('Escape');

  const summary = page.locator('paper-lens-summary');
  await expect(summary).toContainText(`${data.day2.length - data.repeated.length} new`);
  await expect(summary).toContainText(`${data.repeated.length} seen before`);
  await summary.locator('[data-paper-lens-filter="seen:hide"]').click();
  for (const paper of data.repeated) await expect(card(page, paper.id)).toBeHidden();
  await summary.locator('[data-paper-lens-filter="seen:show"]').click();
  await summary.locator('[data-paper-lens-filter="only-new"]').click();
  await expect(page.locator('article[data-paper-lens-view="hide"]')).toHaveCount(data.repeated.length);
});

test('a star in one tab shows on the same card in another tab', async ({ context, site }) => {
  const { papers } = generateSyntheticSet({ seed: 13, count: 8 });
  site.setPage(DAY1, { papers, layout: 'payload' });
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const tab of [a, b]) {
    await tab.goto(`https://huggingface.co${DAY1}`);
    await waitForMarks(tab);
  }
  // The reader clicks in the tab in front: tab a went behind when tab b opened, and Playwright's input to a
  // background tab waits 1-2 s for frames a hidden page does not draw. How fast the star travels is the bench's
  // to say (star_to_other_tab_ms); this checks the outcome.
  await a.bringToFront();
  await a.locator('article').nth(3).locator('[data-paper-lens-action="star"]').click();
  await expect(b.locator('article').nth(3)).toHaveAttribute('data-paper-lens', /starred/);
  await expect(b.locator('article').nth(3).locator('[data-paper-lens-action="star"]')).toHaveAttribute('aria-pressed', 'true');
});

test('settings apply at once: marks switched off, read cards no longer dimmed, seen papers dimmed by default', async ({ context, site, extensionId }) => {
  const { papers } = generateSyntheticSet({ seed: 14, count: 30, plant: true });
  site.setPage(DAY1, { papers, layout: 'payload' });
  const ext = await extensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY1}`);
  await waitForMarks(page);
  expect((await cardMarks(page)).some((entry) => entry.related.length > 0)).toBe(true);
  expect((await cardMarks(page)).some((entry) => entry.duplicateOf)).toBe(true);
  await page.locator('article').first().locator('[data-paper-lens-action="read"]').click();
  await expect(page.locator('article').first()).toHaveAttribute('data-paper-lens-view', 'dim');

  await request(ext, { type: 'settings/set', patch: { marks: { related: false, duplicates: false, dimRead: false } } });
  await expect.poll(async () => (await cardMarks(page)).filter((entry) => entry.related.length > 0 || entry.duplicateOf).length).toBe(0);
  await expect(page.locator('article [data-paper-lens-action="related"]:visible')).toHaveCount(0);
  await expect(page.locator('article').first()).not.toHaveAttribute('data-paper-lens-view', 'dim');

  await request(ext, { type: 'settings/set', patch: { marks: { related: true, duplicates: true }, relatedCount: 1 } });
  await expect.poll(async () => Math.max(...(await cardMarks(page)).map((entry) => entry.related.length))).toBe(1);

  // Papers seen on an earlier visit are dimmed when a page opens with "hide seen by default".
  await request(ext, { type: 'settings/set', patch: { hideSeenByDefault: true } });
  await page.reload();
  await waitForMarks(page);
  await expect(page.locator('paper-lens-summary [data-paper-lens-filter="seen:dim"]')).toHaveAttribute('aria-pressed', 'true');
});

test('the extension reloaded under an open page: page-only marks stay and a plain note explains', async ({ context, site, serviceWorker, consoleErrors }) => {
  const { papers } = generateSyntheticSet({ seed: 15, count: 10, plant: true });
  const list = [...papers, { ...papers[0]!, id: '2411.00001' }];
  site.setPage(DAY1, { papers: list, layout: 'payload' });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(`https://huggingface.co${DAY1}`);
  await waitForMarks(page);
  const listTop = (await page.locator('article').first().boundingBox())?.y;
  // The orphaned content script keeps running; its store is gone ("Extension context invalidated").
  await serviceWorker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
  await page.waitForTimeout(1000);

  const star = page.locator('article').nth(1).locator('[data-paper-lens-action="star"]');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('article').nth(1).locator('.note')).toContainText('not saved');
  const summaryNote = page.locator('paper-lens-summary .note');
  await expect(summaryNote).toContainText('updated or reloaded');
  // The note floats at the foot of the window: it came at no moment the reader chose, so it moves nothing.
  expect((await page.locator('article').first().boundingBox())?.y).toBe(listTop);
  await summaryNote.locator('.dismiss').click();
  await expect(summaryNote).toBeHidden();
  await page.locator('paper-lens-summary .warn').click();
  await expect(summaryNote).toBeVisible();
  await expect(page.locator('article').last()).toHaveAttribute('data-paper-lens', /duplicate/);
  expect((await cardMarks(page)).every((entry) => entry.strips === 1)).toBe(true);

  // The site keeps rendering: page-only marks follow, still one set per card.
  await page.evaluate(() => {
    const list = document.querySelector('[data-fixture-list]')!;
    list.replaceChildren(...Array.from(list.children).reverse().map((card) => card.cloneNode(true)));
  });
  await expect.poll(async () => (await cardMarks(page)).map((entry) => entry.id)).toEqual([...list].reverse().map((paper) => paper.id));
  await expect.poll(async () => (await cardMarks(page)).every((entry) => entry.strips === 1)).toBe(true);
  // The copy now comes first, so it is the original and the paper listed below it is the duplicate.
  await expect(page.locator('article').first()).not.toHaveAttribute('data-paper-lens', /duplicate/);
  await expect(page.locator('article').last()).toHaveAttribute('data-paper-lens-duplicate-of', '2411.00001');
  expect(errors.filter((error) => !/Extension context invalidated/.test(error))).toEqual([]);
});
