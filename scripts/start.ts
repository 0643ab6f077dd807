/**
 * `npm start`: builds the extension, serves a demo listing (several days of papers) to Chromium through
 * request routing, and opens it with Paper Lens loaded. Without a display it runs headless, walks the demo
 * days like a reader, prints what it annotated and writes screenshots of the page and the popup.
 * `npm start -- --live` opens the real huggingface.co/papers instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { launchExtension, type LaunchedExtension } from '../e2e/launch';
import { demoDays, demoSite, type DemoDay } from '../e2e/fixtures/demo-site';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const live = args.has('--live');
const headed = !args.has('--headless') && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const outDir = resolve(root, '.demo');

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

function printReport(day: DemoDay, cards: CardReport[]): void {
  const count = (state: string): number => cards.filter((card) => card.states.split(' ').includes(state)).length;
  console.log(`\n${day.path}: ${cards.length} cards, ${count('new')} new, ${count('seen-before')} seen before, ${count('duplicate')} duplicates, ${count('related')} with related papers, ${count('starred')} starred, ${count('read')} read`);
  for (const card of cards) {
    const notes = [card.duplicateOf && `duplicate of ${card.duplicateOf}`, card.related && `related: ${card.related.split(' ').slice(0, 3).join(', ')}`].filter(Boolean).join('; ');
    console.log(`  #${String(card.position).padStart(2)} ${card.id.padEnd(11)} [${card.states}] ${card.title.slice(0, 70)}${notes ? `\n      ${notes}` : ''}`);
  }
}

async function headlessTour(launched: LaunchedExtension, days: DemoDay[]): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const page = await launched.context.newPage();
  for (const [index, day] of days.entries()) {
    await page.goto(`https://huggingface.co${day.path}`);
    await waitForMarks(page);
    if (index === 0) {
      // A reader stars two papers and marks one read on the first day.
      await page.locator('[data-paper-lens-action="star"]').nth(1).click();
      await page.locator('[data-paper-lens-action="star"]').nth(4).click();
      await page.locator('[data-paper-lens-action="read"]').nth(2).click();
    }
    if (index < days.length - 1) await readThrough(page);
  }
  const last = days[days.length - 1]!;
  await page.waitForTimeout(500);
  printReport(last, await annotations(page));
  const pagePath = resolve(outDir, 'annotated-page.png');
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
