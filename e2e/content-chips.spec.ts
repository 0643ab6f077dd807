/**
 * The marks as a reader sees them at the widths the site uses (one, two and three columns, and 420 px cards):
 * every chip shows its full text or, where its line has no room, its shorter form with the full text in its title
 * and accessible name; none is cut. While the reader looks, nothing on a card changes its size or its words
 * except what the reader does. Screenshots in light and dark go to the test output folder.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { waitForMarks } from './content-support';
import { extensionPage, request } from './store-helpers';
import { history, readThrough } from './history-data';

const DAY1 = '/papers/date/2024-03-11';
const DAY2 = '/papers/date/2024-03-12';
/** Viewport widths: one column, two, three, and three columns of about 420 px cards. */
const WIDTHS = [{ name: '1-column', width: 820 }, { name: '2-columns', width: 1100 }, { name: '3-columns', width: 1440 }, { name: '420px-cards', width: 1340 }];

interface ChipReport { card: string; text: string; short: string | null; compact: boolean; title: string | null; name: string; cut: boolean; outside: boolean }

/** Every shown chip of every card: its words, its shorter form when shown, and whether it is cut or runs out of its strip. */
async function chips(page: Page): Promise<ChipReport[]> {
  return page.$$eval('article', (cards) => cards.flatMap((card) => {
    const strip = card.querySelector('paper-lens-marks')?.shadowRoot?.querySelector('.strip');
    if (!strip) return [];
    const right = strip.getBoundingClientRect().right;
    return Array.from(strip.querySelectorAll<HTMLElement>('.chip')).filter((chip) => !chip.hidden).map((chip) => {
      const label = chip.querySelector('.label') as HTMLElement;
      const compact = chip.classList.contains('compact');
      return {
        card: card.getAttribute('data-paper-lens-id') ?? '',
        text: label.textContent ?? '',
        short: chip.getAttribute('data-short'),
        compact,
        title: chip.getAttribute('title'),
        name: chip.getAttribute('aria-label') ?? label.textContent ?? '',
        cut: !compact && (label.scrollWidth > label.clientWidth + 1 || getComputedStyle(label).textOverflow === 'ellipsis'),
        outside: chip.getBoundingClientRect().right > right + 1,
      };
    });
  }));
}

/** Each card's strip: its height, its width and its words (shown form), for comparing before and after a wait. */
async function strips(page: Page): Promise<string[]> {
  return page.$$eval('article', (cards) => cards.map((card) => {
    const strip = card.querySelector('paper-lens-marks')?.shadowRoot?.querySelector('.strip');
    if (!strip) return 'no strip';
    const words = Array.from(strip.querySelectorAll<HTMLElement>('.chip, .toggle')).filter((node) => !node.hidden).map((node) => (node.classList.contains('compact') ? node.getAttribute('data-short') : node.textContent)).join(' | ');
    return `${Math.round(strip.getBoundingClientRect().height)}px ${Math.round(card.getBoundingClientRect().height)}px: ${words}`;
  }));
}

test('chips read in full or in a shorter form at every width, and hold still while the reader looks', async ({ context, site, extensionId }, testInfo) => {
  test.setTimeout(120_000);
  const data = history();
  site.setPage(DAY1, { papers: data.day1, layout: 'payload' });
  // Day 2 also lists one paper twice (a duplicate on the page).
  site.setPage(DAY2, { papers: [...data.day2, data.day2[1]!], layout: 'payload' });
  const ext = await extensionPage(context, extensionId);
  await request(ext, { type: 'settings/set', patch: { seenDwellMs: 100 } });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`https://huggingface.co${DAY1}`);
  await waitForMarks(page);
  // A first visit: the summary bar says what the two buttons do, and each button has a tooltip.
  const hint = page.locator('paper-lens-summary').locator('[data-paper-lens-hint]');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('Star keeps a paper in your Starred list');
  await expect(page.locator('article').first().locator('[data-paper-lens-action="star"]')).toHaveAttribute('title', /^Star: keep this paper/);
  await expect(page.locator('article').first().locator('[data-paper-lens-action="read"]')).toHaveAttribute('title', /^Mark as read/);
  await page.screenshot({ path: testInfo.outputPath('first-visit-hint.png') });
  await page.locator(`article[data-paper-lens-id="${data.reference.id}"]`).first().locator('[data-paper-lens-action="star"]').click();
  await page.locator('article').nth(2).locator('[data-paper-lens-action="read"]').click();
  await readThrough(page);

  // The reader used the buttons: later pages no longer show the hint.
  await page.goto(`https://huggingface.co${DAY1}`);
  await waitForMarks(page);
  await expect(hint).toBeHidden();

  for (const { name, width } of WIDTHS) {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto(`https://huggingface.co${DAY2}`);
    await waitForMarks(page);
    await page.waitForTimeout(300);
    const first = await strips(page);
    // The reader looks: the cards on screen count as seen, the links from the history arrive.
    await page.waitForTimeout(2500);
    expect(await strips(page), `${name}: nothing on a card changed while the reader looked`).toEqual(first);
    // The page's second listing of day2[1] is its last card. Strips are built only near the viewport, and at one
    // column that card lies below the band: the reader scrolls to it, and it names the first listing.
    const copy = page.locator('article').last();
    await copy.scrollIntoViewIfNeeded();
    await expect(copy.locator('.chip:not([hidden])', { hasText: 'Same paper as' }), name).toHaveText('Same paper as #2 above');
    const shown = await chips(page);
    expect(shown.some((chip) => chip.text.startsWith('Close to 1 paper you starred')), name).toBe(true);
    expect(shown.some((chip) => chip.text.startsWith('Same work as')), name).toBe(true);
    expect(shown.some((chip) => chip.text.startsWith('Same paper as')), name).toBe(true);
    for (const chip of shown) {
      expect(chip.cut, `${name} ${chip.card}: “${chip.text}” is cut`).toBe(false);
      expect(chip.outside, `${name} ${chip.card}: “${chip.text}” runs out of its strip`).toBe(false);
      if (chip.compact) {
        expect(chip.short, `${name}: a shortened chip has its shorter form`).toBeTruthy();
        expect(chip.title ?? '', `${name}: its title keeps the full text`).toContain(chip.text);
        expect(chip.name, `${name}: its accessible name is the full text`).toBe(chip.text);
      }
    }
    // Seen on day 1 only, before this first visit of day 2: this visit does not count itself.
    if (name === WIDTHS[0]!.name) for (const seen of shown.filter((chip) => chip.text.startsWith('Seen'))) expect(seen.text).toBe('Seen today');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: testInfo.outputPath(`cards-${name}.png`) });
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    await page.waitForTimeout(200);
    await page.screenshot({ path: testInfo.outputPath(`cards-${name}-dark.png`) });
    await page.evaluate(() => document.documentElement.classList.remove('dark'));
  }
});
