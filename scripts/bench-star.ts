/**
 * Star-to-other-tab latency: two tabs show the same listing; a star clicked in tab A must show as `starred` on
 * the same card in tab B. Tab A notes Date.now() in a capture-phase click listener (the click event is composed,
 * so it reaches the document from inside the card's shadow root); tab B notes Date.now() in a MutationObserver
 * installed beforehand. Both tabs read the same system clock.
 */
import type { Page } from 'playwright';
import type { LaunchedExtension } from '../e2e/launch';
import { generateSyntheticSet } from '../e2e/fixtures/synthetic';
import { median, round, type Report } from './bench-report';
import { firstLine } from './bench-content';

/** Notes in the tab, as window.__benchStarSeen[id], when each card first shows the starred mark. */
export async function watchStars(tab: Page): Promise<void> {
  await tab.evaluate(() => {
    const seen: Record<string, number> = {};
    Object.defineProperty(window, '__benchStarSeen', { value: seen });
    new MutationObserver((records) => {
      const now = Date.now();
      for (const record of records) {
        const card = record.target as Element;
        const id = card.getAttribute('data-paper-lens-id');
        if (id && seen[id] === undefined && (card.getAttribute('data-paper-lens') ?? '').split(/\s+/).includes('starred')) seen[id] = now;
      }
    }).observe(document.body, { attributes: true, attributeFilter: ['data-paper-lens'], subtree: true });
  });
}

const STARS = 5;
export const STAR_TARGET_MS = 300;

export function declareStarFigures(report: Report): void {
  report.declare('star_to_other_tab_ms', 'star in one tab shown in another tab', 'ms', { op: '<=', value: STAR_TARGET_MS });
}

async function openListing(launched: LaunchedExtension, url: string): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-paper-lens-ready]', { timeout: 20_000, state: 'attached' });
  return page;
}

export async function runStarBench(launched: LaunchedExtension, report: Report, log: (line: string) => void): Promise<void> {
  const { papers } = generateSyntheticSet({ seed: 4242, count: 30, startDate: '2030-01-01' });
  const path = '/papers/date/2030-01-01';
  launched.site.setPage(path, { papers, layout: 'payload' });
  const url = `https://huggingface.co${path}`;
  let tabA: Page | undefined;
  let tabB: Page | undefined;
  try {
    tabA = await openListing(launched, url);
    tabB = await openListing(launched, url);
    await tabA.evaluate(() => {
      const clicks: number[] = [];
      Object.defineProperty(window, '__benchClicks', { value: clicks });
      document.addEventListener('click', () => clicks.push(Date.now()), { capture: true });
    });
    await watchStars(tabB);
    const latencies: number[] = [];
    for (let i = 0; i < STARS; i++) {
      const id = (papers[3 + i * 4] ?? papers[i])!.id;
      const star = tabA.locator(`[data-paper-lens-id="${id}"] [data-paper-lens-action="star"]`).first();
      await star.click();
      const seenAt = await tabB.waitForFunction((paperId) => (window as unknown as { __benchStarSeen: Record<string, number> }).__benchStarSeen[paperId], id, { timeout: 5_000, polling: 50 });
      const shownAt = (await seenAt.jsonValue()) as number;
      const clickedAt = await tabA.evaluate(() => (window as unknown as { __benchClicks: number[] }).__benchClicks.at(-1) ?? Number.NaN);
      latencies.push(shownAt - clickedAt);
      log(`star ${i + 1}: ${shownAt - clickedAt} ms`);
    }
    report.set('star_to_other_tab_ms', median(latencies), { samples: latencies, note: `median of ${latencies.length} stars on different cards (click event in tab A to the card's data-paper-lens gaining 'starred' in tab B); worst ${round(Math.max(...latencies))} ms` });
  } catch (error) {
    report.miss('star_to_other_tab_ms', firstLine(error));
  } finally {
    await tabA?.close();
    await tabB?.close();
  }
}
