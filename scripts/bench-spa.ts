/**
 * How fast the marks follow the site's client-side rendering (target: within 200 ms): a client-side navigation
 * to another day (stale payload), infinite loading that appends a day's cards, and a re-render that replaces
 * every card. Each is timed in the page from the fixture app's DOM change (window.__fixture.changedAt) until
 * every card carries its id and exactly one strip, built on every card in the viewport (far cards get theirs as
 * they come near), 5 times on fresh days, median.
 */
import type { Page } from 'playwright';
import type { LaunchedExtension } from '../e2e/launch';
import { generateSyntheticSet } from '../e2e/fixtures/synthetic';
import { msUntilMarked, waitForMarks } from '../e2e/content-support';
import { median, round, type Report } from './bench-report';
import { firstLine } from './bench-content';

/** Page-side check: what the reader can see is marked. */
const MARKED = `Array.from(document.querySelectorAll('article')).every((card) => {
  const link = card.querySelector('h3 a');
  const id = link ? link.getAttribute('href').replace('/papers/', '') : null;
  const hosts = card.querySelectorAll('paper-lens-marks');
  const box = card.getBoundingClientRect();
  const visible = box.bottom > 0 && box.top < window.innerHeight;
  return hosts.length === 1 && (!visible || hosts[0].shadowRoot !== null) && card.getAttribute('data-paper-lens-id') === id;
})`;
const WAIT_MS = 10_000;

/** msUntilMarked with a limit: a change the marks never follow is reported, not waited for forever. */
function timed(page: Page, action: () => Promise<unknown>): Promise<number> {
  return Promise.race([
    msUntilMarked(page, action, MARKED),
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`the marks did not follow within ${WAIT_MS / 1000} s`)), WAIT_MS)),
  ]);
}

const RUNS = 5;
const CARDS = 30;
export const FOLLOW_TARGET_MS = 200;

const KINDS = {
  spa_navigation_to_marks_ms: 'client-side navigation to another day: marks follow',
  spa_infinite_loading_to_marks_ms: 'infinite loading of a day more: marks follow',
  spa_rerender_to_marks_ms: 'a re-render replacing every card: marks follow',
} as const;
type Kind = keyof typeof KINDS;

type FixtureApi = { appendFrom(url: string): Promise<void>; rerender(): void };

export function declareSpaFigures(report: Report): void {
  for (const [name, label] of Object.entries(KINDS)) report.declare(name, label, 'ms', { op: '<=', value: FOLLOW_TARGET_MS });
}

function day(run: number, offset: number): string {
  return `2035-0${1 + (run % 9)}-${String(10 + offset).padStart(2, '0')}`;
}

export async function runSpaBench(launched: LaunchedExtension, report: Report, log: (line: string) => void): Promise<void> {
  const samples: Record<Kind, number[]> = { spa_navigation_to_marks_ms: [], spa_infinite_loading_to_marks_ms: [], spa_rerender_to_marks_ms: [] };
  let page: Page | undefined;
  try {
    for (let run = 0; run < RUNS; run++) {
      const dates = [day(run, 0), day(run, 1), day(run, 2)];
      dates.forEach((date, i) => {
        const { papers } = generateSyntheticSet({ seed: 5000 + run * 3 + i, count: CARDS, plant: true, startDate: date });
        launched.site.setPage(`/papers/date/${date}`, { papers, layout: 'payload', spa: true });
      });
      page = await launched.context.newPage();
      await page.goto(`https://huggingface.co/papers/date/${dates[0]}`);
      await waitForMarks(page, -1, 20_000);
      const open = page;
      samples.spa_navigation_to_marks_ms.push(await timed(open, () => open.getByRole('link', { name: 'Next day →' }).click()));
      samples.spa_infinite_loading_to_marks_ms.push(await timed(open, () => open.evaluate((url) => (window as unknown as { __fixture: FixtureApi }).__fixture.appendFrom(url), `/papers/date/${dates[2]}`)));
      samples.spa_rerender_to_marks_ms.push(await timed(open, () => open.evaluate(() => (window as unknown as { __fixture: FixtureApi }).__fixture.rerender())));
      log(`spa run ${run + 1}: navigation ${round(samples.spa_navigation_to_marks_ms.at(-1)!)} ms, infinite loading ${round(samples.spa_infinite_loading_to_marks_ms.at(-1)!)} ms, re-render ${round(samples.spa_rerender_to_marks_ms.at(-1)!)} ms`);
      await page.close();
      page = undefined;
    }
  } catch (error) {
    log(`spa: ${firstLine(error)}`);
  } finally {
    await page?.close();
  }
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const values = samples[kind];
    if (values.length === 0) report.miss(kind, 'no run completed');
    else report.set(kind, median(values), { samples: values, note: `median of ${values.length}, ${CARDS}-card days on a store that knows none of them; worst ${round(Math.max(...values))} ms` });
  }
}
