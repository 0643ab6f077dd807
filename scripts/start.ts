/**
 * `npm start`: builds the extension, serves a demo listing (three days of papers) to Chromium through request
 * routing, and opens it with Paper Lens loaded. Without a display (or with `--headless`) it walks the demo days
 * like a reader (on the first day it stars two papers and marks one read, papers the last day lists again),
 * prints a line per day and every card of the last day, writes four screenshots to .demo/ and ends with what it
 * did. `npm start -- --live` opens the real huggingface.co/papers instead.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Page } from 'playwright';
import { launchExtension, type LaunchedExtension } from '../e2e/launch';
import { demoDays, demoSite, type DemoDay } from '../e2e/fixtures/demo-site';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const live = args.has('--live');
const headed = !args.has('--headless') && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const outDir = resolve(root, '.demo');
/** The README's page screenshots are copied here too when it names a folder (docs/screenshots). */
const publishDir = process.env.PAPER_LENS_SCREENSHOTS ? resolve(process.env.PAPER_LENS_SCREENSHOTS) : null;

function build(): void {
  execFileSync(process.execPath, [resolve(root, 'build.mjs')], { stdio: 'inherit', cwd: root });
}

async function waitForMarks(page: Page): Promise<void> {
  await page.waitForSelector('html[data-paper-lens-ready]', { timeout: 15_000 });
}

/** Scrolls through the list slowly enough for cards to count as seen. */
async function readThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(1100);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

interface CardReport {
  position: number;
  id: string;
  states: string;
  duplicateOf: string;
  related: string;
  title: string;
}

async function annotations(page: Page): Promise<CardReport[]> {
  return page.$$eval('[data-paper-lens-id]', (cards) =>
    cards.map((card, index) => ({
      position: index + 1,
      id: card.getAttribute('data-paper-lens-id') ?? '',
      states: card.getAttribute('data-paper-lens') ?? '',
      duplicateOf: card.getAttribute('data-paper-lens-duplicate-of') ?? '',
      related: card.getAttribute('data-paper-lens-related') ?? '',
      title: (card.querySelector('h3')?.textContent ?? '').trim(),
    })),
  );
}

function dayLine(day: DemoDay, cards: CardReport[]): string {
  const count = (state: string): number => cards.filter((card) => card.states.split(' ').includes(state)).length;
  return `${day.path}: ${cards.length} cards, ${count('new')} new, ${count('seen-before')} seen before, ${count('duplicate')} duplicates, ${count('related')} with related papers, ${count('starred')} starred, ${count('read')} read`;
}

function printCards(cards: CardReport[]): void {
  for (const card of cards) {
    const notes = [card.duplicateOf && `duplicate of ${card.duplicateOf}`, card.related && `related: ${card.related.split(' ').slice(0, 3).join(', ')}`].filter(Boolean).join('; ');
    console.log(`  #${String(card.position).padStart(2)} ${card.id.padEnd(11)} [${card.states}] ${card.title.slice(0, 70)}${notes ? `\n      ${notes}` : ''}`);
  }
}

/**
 * The first day's papers the reader stars and reads: ones the last day lists again, so its page shows a starred
 * and a read card beside the duplicates and related papers (the first day's first cards when none come back).
 */
function tourChoices(days: DemoDay[]): { star: string[]; read: string[] } {
  const first = days[0]?.papers ?? [];
  const lastIds = new Set((days[days.length - 1]?.papers ?? []).map((paper) => paper.id));
  const back = days.length > 1 ? first.filter((paper) => lastIds.has(paper.id)) : [];
  const [a, b, c] = [...back, ...first.filter((paper) => !back.includes(paper))].map((paper) => paper.id);
  return { star: [a, c].filter((id): id is string => id !== undefined), read: [b].filter((id): id is string => id !== undefined) };
}

/** Presses a card's star or read toggle and waits until the card shows it pressed. */
async function press(page: Page, id: string, action: 'star' | 'read'): Promise<void> {
  const toggle = page.locator(`[data-paper-lens-id="${id}"]`).first().locator(`[data-paper-lens-action="${action}"]`);
  await toggle.click();
  await page.locator(`[data-paper-lens-id="${id}"]`).first().locator(`[data-paper-lens-action="${action}"][aria-pressed="true"]`).waitFor({ timeout: 5000 });
}

async function headlessTour(launched: LaunchedExtension, days: DemoDay[]): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const page = await launched.context.newPage();
  const choices = tourChoices(days);
  console.log('');
  for (const [index, day] of days.entries()) {
    await page.goto(`https://huggingface.co${day.path}`);
    await waitForMarks(page);
    if (index === 0) {
      for (const id of choices.star) await press(page, id, 'star');
      for (const id of choices.read) await press(page, id, 'read');
    }
    if (index < days.length - 1) await readThrough(page);
    await page.waitForTimeout(500);
    const cards = await annotations(page);
    console.log(dayLine(day, cards));
    if (index === days.length - 1) printCards(cards);
  }
  const pagePath = resolve(outDir, 'annotated-page.png');
  // The first rows, with the starred and read papers that came back, in one screen.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: pagePath });
  // The related list of the first card that has one, open beside its chip.
  const relatedPath = resolve(outDir, 'related-list.png');
  await page.locator('[data-paper-lens-action="related"]:visible').first().click();
  await page.waitForSelector('paper-lens-popover');
  await page.waitForTimeout(200);
  await page.screenshot({ path: relatedPath });
  await page.keyboard.press('Escape');
  // The site's dark theme (the html element's `dark` class), which the marks follow.
  const darkPath = resolve(outDir, 'annotated-page-dark.png');
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await page.waitForTimeout(300);
  await page.screenshot({ path: darkPath });
  await page.evaluate(() => document.documentElement.classList.remove('dark'));
  const popup = await launched.context.newPage();
  await popup.setViewportSize({ width: 460, height: 600 });
  await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
  await popup.waitForTimeout(800);
  const popupPath = resolve(outDir, 'popup.png');
  await popup.screenshot({ path: popupPath });
  console.log(`\nScreenshots:\n  ${pagePath}\n  ${relatedPath}\n  ${darkPath}\n  ${popupPath}`);
  if (publishDir) {
    mkdirSync(publishDir, { recursive: true });
    for (const path of [pagePath, relatedPath, darkPath]) copyFileSync(path, resolve(publishDir, basename(path)));
    console.log(`Page screenshots copied to ${publishDir}`);
  }
  const starred = await popupCount(popup, 'starred');
  const read = await popupCount(popup, 'read');
  console.log(`\nOn ${days[0]?.date ?? 'the first day'} the tour starred ${plural(choices.star.length, 'paper')} and marked ${plural(choices.read.length, 'paper')} read; the store holds ${plural(starred, 'starred paper')} and ${plural(read, 'read paper')}.`);
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** How many papers the store lists as starred or read, asked through the popup's own message API. */
async function popupCount(popup: Page, view: 'starred' | 'read'): Promise<number> {
  return popup.evaluate(async (which) => {
    const reply = (await chrome.runtime.sendMessage({ type: 'history/list', view: which, offset: 0, limit: 0 })) as { ok?: boolean; total?: number };
    if (!reply.ok || typeof reply.total !== 'number') throw new Error(`the store did not count the ${which} papers`);
    return reply.total;
  }, view);
}

async function main(): Promise<void> {
  build();
  const days = demoDays();
  const launched = await launchExtension({ site: demoSite(days), headed, live, viewport: headed ? undefined : { width: 1280, height: 1000 } });
  if (headed) {
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.goto(live ? 'https://huggingface.co/papers' : `https://huggingface.co${days[0]!.path}`);
    console.log(live
      ? 'Opened https://huggingface.co/papers with Paper Lens. Close the browser to stop.'
      : `Opened the demo listing (${days.map((day) => day.date).join(', ')}; links at the bottom of each page) with Paper Lens. Close the browser to stop.`);
    await new Promise<void>((done) => launched.context.on('close', () => done()));
    return;
  }
  if (live) {
    const page = await launched.context.newPage();
    await page.goto('https://huggingface.co/papers');
    await waitForMarks(page);
    console.log(await annotations(page));
  } else {
    console.log(`No display: running headless through ${days.length} demo days.`);
    await headlessTour(launched, days);
  }
  await launched.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
