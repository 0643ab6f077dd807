/**
 * The marks on routed listing pages: one strip per card, the stable card attributes, the summary bar and its
 * filters, the duplicate jump and the related list, both layouts, and the theme.
 */
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { dayPapers, DAY_PATH as DAY } from './fixtures/day-papers';
import { cardMarks, waitForMarks } from './content-support';

test('every card gets one strip, the stable attributes and a summary bar', async ({ context, site, consoleErrors }) => {
  const papers = dayPapers();
  site.setPage(DAY, { papers, layout: 'payload' });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);
  const cards = await cardMarks(page);
  expect(cards).toHaveLength(papers.length);
  expect(cards.map((card) => card.strips)).toEqual(papers.map(() => 1));
  expect(cards.map((card) => card.id)).toEqual(papers.map((paper) => paper.id.replace(/v\d+$/, '')));
  // First visit: every paper is new; the re-listing and the retitled copy are duplicates of the earlier cards.
  expect(cards.every((card) => card.marks.includes('new'))).toBe(true);
  expect(cards[10]).toMatchObject({ duplicateOf: papers[0]?.id });
  expect(cards[10]?.marks).toContain('duplicate');
  expect(cards[cards.length - 1]).toMatchObject({ duplicateOf: papers[2]?.id });
  for (const card of cards) {
    for (const id of card.related) expect(cards.some((other) => other.id === id)).toBe(true);
  }
  await expect(page.locator('article [data-paper-lens-action="star"]')).toHaveCount(papers.length);
  await expect(page.locator('article [data-paper-lens-action="read"][aria-pressed="false"]')).toHaveCount(papers.length);
  const summary = page.locator('paper-lens-summary');
  await expect(summary).toHaveCount(1);
  await expect(summary).toContainText(`${papers.length} papers`);
  await expect(summary).toContainText(`${papers.length} new`);
  await expect(summary).toContainText('2 duplicates');
  expect(errors).toEqual([]);
});

test('the duplicate badge jumps to the earlier card; the related chip lists related titles with shared terms', async ({ context, site }) => {
  const papers = dayPapers();
  site.setPage(DAY, { papers, layout: 'payload' });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);
  const badge = page.locator('article').nth(10).locator('[data-paper-lens-action="duplicate"]');
  await expect(badge).toHaveText('Same paper as #1 above');
  await badge.click();
  await expect(page.locator('article').first()).toHaveAttribute('data-paper-lens-flash', '');
  await expect.poll(() => page.evaluate(() => document.querySelector('article')!.getBoundingClientRect().top)).toBeLessThan(900);

  const withRelated = (await cardMarks(page)).findIndex((card) => card.related.length > 0);
  expect(withRelated).toBeGreaterThanOrEqual(0);
  const chip = page.locator('article').nth(withRelated).locator('[data-paper-lens-action="related"]');
  await chip.scrollIntoViewIfNeeded();
  await chip.click();
  await expect(chip).toHaveAttribute('aria-expanded', 'true');
  const list = page.locator('paper-lens-popover [role="dialog"]');
  await expect(list).toBeVisible();
  const related = (await cardMarks(page))[withRelated]!.related;
  await expect(list.locator('.item')).toHaveCount(related.length);
  await expect(list.locator('.term').first()).toBeVisible();
  // The first item is focused for keyboard users; Escape closes and gives focus back to the chip.
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(chip).toHaveAttribute('aria-expanded', 'false');
  await chip.click();
  const targetIndex = (await cardMarks(page)).findIndex((card) => card.id === related[0]);
  await page.locator('paper-lens-popover .item').first().click();
  await expect(page.locator('article').nth(targetIndex)).toHaveAttribute('data-paper-lens-flash', '');
});

test('summary filters dim or hide duplicates and show only new papers', async ({ context, site }) => {
  const papers = dayPapers();
  site.setPage(DAY, { papers, layout: 'payload' });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);
  const summary = page.locator('paper-lens-summary');
  await summary.locator('[data-paper-lens-filter="duplicates:hide"]').click();
  await expect(page.locator('article[data-paper-lens-view="hide"]')).toHaveCount(2);
  await expect(page.locator('article').nth(10)).toBeHidden();
  await expect(summary).toContainText('2 hidden');
  await summary.locator('[data-paper-lens-filter="duplicates:dim"]').click();
  await expect(page.locator('article[data-paper-lens-view="dim"]')).toHaveCount(2);
  await expect(page.locator('article').nth(10)).toBeVisible();
  await summary.locator('[data-paper-lens-filter="duplicates:show"]').click();
  await expect(page.locator('article[data-paper-lens-view]')).toHaveCount(0);
  // Everything is new on a first visit: "only new" hides nothing.
  await summary.locator('[data-paper-lens-filter="only-new"]').click();
  await expect(summary.locator('[data-paper-lens-filter="only-new"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('article[data-paper-lens-view="hide"]')).toHaveCount(0);
});

test('star and read toggles work by keyboard, persist, and dim read cards', async ({ context, site }) => {
  const papers = dayPapers();
  site.setPage(DAY, { papers, layout: 'payload' });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);
  const star = page.locator('article').nth(1).locator('[data-paper-lens-action="star"]');
  await star.focus();
  await page.keyboard.press('Enter');
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('article').nth(1)).toHaveAttribute('data-paper-lens', /\bstarred\b/);
  const read = page.locator('article').nth(2).locator('[data-paper-lens-action="read"]');
  await read.click();
  await expect(read).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('article').nth(2)).toHaveAttribute('data-paper-lens-view', 'dim');
  await expect(read).toContainText('Read today');

  await page.reload();
  await waitForMarks(page);
  await expect(page.locator('article').nth(1).locator('[data-paper-lens-action="star"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('article').nth(2)).toHaveAttribute('data-paper-lens', /\bread\b/);
});

test('search results with abstracts in the cards and a list without <article> are marked too', async ({ context, site }) => {
  const { papers } = generateSyntheticSet({ seed: 11, count: 12 });
  site.setPage('/papers?q=attention', { papers, layout: 'abstract-cards', heading: 'Search results' });
  site.setPage('/papers/date/2024-02-01', { papers, layout: 'plain-list' });
  const page = await context.newPage();
  await page.goto('https://huggingface.co/papers?q=attention');
  await waitForMarks(page);
  expect((await cardMarks(page)).map((card) => card.id)).toEqual(papers.map((paper) => paper.id));

  await page.goto('https://huggingface.co/papers/date/2024-02-01');
  await waitForMarks(page);
  const rows = await page.$$eval('[data-paper-lens-id]', (elements) => elements.map((element) => [element.tagName, element.getAttribute('data-paper-lens-id'), element.querySelectorAll('paper-lens-marks').length]));
  // Every card carries its id; strips are in the cards near the viewport (far ones get theirs as they come near).
  expect(rows.map(([tag, id]) => [tag, id])).toEqual(papers.map((paper) => ['DIV', paper.id]));
  expect(rows.every(([, , hosts]) => hosts === 0 || hosts === 1)).toBe(true);
  expect(rows[0]?.[2]).toBe(1);
});

test('the marks follow the site theme: dark class, toggled live', async ({ context, site }) => {
  const { papers } = generateSyntheticSet({ seed: 5, count: 6 });
  site.setPage(DAY, { papers, layout: 'payload', spa: true });
  const page = await context.newPage();
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-paper-lens-theme', 'light');
  const chipColour = () => page.locator('article').first().locator('[data-paper-lens-action="star"]').evaluate((button) => getComputedStyle(button).backgroundColor);
  const light = await chipColour();
  await page.locator('[data-fixture-theme]').click();
  await expect(html).toHaveAttribute('data-paper-lens-theme', 'dark');
  await expect.poll(chipColour).not.toBe(light);
});

test('a far card is left as the site made it until it comes near; its strip is in before it is in view, and nothing in view moves', async ({ context, site }) => {
  const { papers } = generateSyntheticSet({ seed: 21, count: 120 });
  site.setPage('/papers/date/2024-03-12', { papers, layout: 'payload' });
  const page = await context.newPage();
  // One column: each card is a row of its own.
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto('https://huggingface.co/papers/date/2024-03-12');
  await waitForMarks(page);
  const far = page.locator('article').nth(110);
  const before = await far.evaluate((card) => ({ id: card.getAttribute('data-paper-lens-id'), hosts: card.querySelectorAll('paper-lens-marks').length }));
  expect(before).toEqual({ id: papers[110]?.id.replace(/v\d+$/, ''), hosts: 0 });

  // Jump to the middle: the cards that come near above the viewport get their strips, and the card at the top
  // of the viewport stays where it is (the browser anchors the scroll to what is in view).
  const topOfView = await page.evaluate(() => {
    const card = document.querySelectorAll('article')[60] as HTMLElement;
    window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY);
    return card.getBoundingClientRect().top;
  });
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('article')[55]?.querySelector('paper-lens-marks')?.shadowRoot != null)).toBe(true);
  expect(await page.evaluate(() => (document.querySelectorAll('article')[60] as HTMLElement).getBoundingClientRect().top)).toBe(topOfView);

  // The far card's strip is built while it is still below the viewport, and stays as it is once it is in view.
  await page.evaluate(() => window.scrollTo(0, (document.querySelectorAll('article')[104] as HTMLElement).getBoundingClientRect().top + window.scrollY));
  await expect.poll(() => far.evaluate((card) => {
    const box = card.getBoundingClientRect();
    return card.querySelector('paper-lens-marks')?.shadowRoot != null && box.top > window.innerHeight;
  })).toBe(true);
  const built = await far.evaluate((card) => card.getBoundingClientRect().height);
  await far.scrollIntoViewIfNeeded();
  await expect(far.locator('[data-paper-lens-action="star"]')).toBeVisible();
  expect(await far.evaluate((card) => ({ hosts: card.querySelectorAll('paper-lens-marks').length, height: card.getBoundingClientRect().height }))).toEqual({ hosts: 1, height: built });
});
