/**
 * The popup's search over a full store: the first page of answers (12 rows, as the popup asks) for a mix of
 * queries, beside its floor, the same request without a query (a plain walk of the history's date index), taken in
 * the same run, turn about. The ratio says what the search adds, whatever the machine's speed that minute.
 */
import type { Page } from '@playwright/test';
import { median, round, type Report } from './bench-report';
import { storedPaper } from './bench-records';

const ROUNDS = 7;
const FIRST_PAGE = 12;

export function declareSearchFigures(report: Report): void {
  for (const stored of [10_000, 100_000]) {
    const count = stored.toLocaleString('en');
    const jsonOnly = stored === 10_000 ? { jsonOnly: true } : {};
    report.declare(`search_${stored}_ms`, `popup search, first ${FIRST_PAGE} results, ${count} stored`, 'ms', undefined, jsonOnly);
    report.declare(`search_${stored}_floor_ms`, `its floor: the first ${FIRST_PAGE} papers of the history, no query`, 'ms', undefined, jsonOnly);
    report.declare(`search_${stored}_ratio`, 'search over its floor', 'count', undefined, jsonOnly);
  }
}

/** The queries a reader types: a rare title word, a common prefix, two words, an author's surname, an arXiv id. */
function queries(stored: number): string[] {
  const someone = storedPaper(Math.floor(stored * 0.37));
  const other = storedPaper(Math.floor(stored * 0.81));
  const titleWords = someone.title.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 5);
  const surname = (other.authors[0] ?? 'smith').split(/\s+/).at(-1)!.toLowerCase();
  return [titleWords[0] ?? 'attention', 'mo', `${titleWords[0] ?? 'sparse'} ${titleWords[1] ?? 'models'}`, surname, `arXiv:${other.id}v2`];
}

async function timeList(page: Page, query: string): Promise<{ ms: number; total: number }> {
  return page.evaluate(async (request) => {
    const started = performance.now();
    const response = (await chrome.runtime.sendMessage({ type: 'history/list', ...request })) as { ok: boolean; total?: number; error?: { message: string } };
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(response.error?.message ?? 'history/list failed');
    return { ms, total: response.total ?? 0 };
  }, { view: 'history', query, offset: 0, limit: FIRST_PAGE });
}

export async function runSearchBench(page: Page, report: Report, stored: number, log: (line: string) => void): Promise<void> {
  const asked = queries(stored);
  // Once each before timing: the first search after an import also waits for its index rows.
  for (const query of ['', ...asked]) await timeList(page, query);
  const search: number[] = [];
  const floor: number[] = [];
  const perQuery = new Map<string, number[]>(asked.map((query) => [query, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of asked) {
      const found = await timeList(page, query);
      const base = await timeList(page, '');
      search.push(found.ms);
      floor.push(base.ms);
      perQuery.get(query)!.push(found.ms);
    }
  }
  const totals = await Promise.all(asked.map(async (query) => (await timeList(page, query)).total));
  const searchMs = median(search);
  const floorMs = median(floor);
  const detail = asked.map((query, i) => `“${query}” ${round(median(perQuery.get(query)!))} ms (${totals[i]} matches)`).join(', ');
  log(`search ${stored}: ${round(searchMs)} ms against a floor of ${round(floorMs)} ms; ${detail}`);
  report.set(`search_${stored}_ms`, searchMs, { samples: search, note: `median over ${ROUNDS} rounds of ${asked.length} queries, each followed by its floor: ${detail}` });
  report.set(`search_${stored}_floor_ms`, floorMs, { samples: floor, note: 'history/list without a query (the date index, first page), one after each search' });
  report.set(`search_${stored}_ratio`, searchMs / Math.max(0.01, floorMs));
}
