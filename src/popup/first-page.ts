/**
 * The popup's first rows, asked for before the app's script has even loaded. popup.html runs popup-boot.js (a few
 * hundred bytes) right after its static frame: it sends the first history request and loads popup.js once the
 * frame has painted. The frame used to wait for popup.js to run (first paint 164 ms against 120 ms without the
 * script, median of 16 opens on the 2-core machine); the request no longer waits for it either. popup.js takes the
 * answer from here (App), or asks itself when the boot did not run.
 */
import type { HistoryView } from '../core/records';
import { send } from '../platform/messaging';
import { FIRST_PAGE_SIZE, type FetchHistoryPage, type HistoryQuery, type PrefetchedPage } from './history-pager';

export type Tab = HistoryView | 'dashboard';
export const TAB_IDS: readonly Tab[] = ['history', 'starred', 'read', 'dashboard'];
export const TAB_KEY = 'paper-lens:popup-tab';

export const fetchPage: FetchHistoryPage = async (request) => {
  const { rows, total } = await send('history/list', request);
  return { rows, total };
};

/** The tab the reader left the popup on, else History. */
export function initialTab(): Tab {
  try {
    const saved = localStorage.getItem(TAB_KEY);
    if (TAB_IDS.includes(saved as Tab)) return saved as Tab;
  } catch {
    // No storage: start on History.
  }
  return 'history';
}

/** The list a tab shows (the dashboard keeps the history under it). */
export const listViewOf = (tab: Tab): HistoryView => (tab === 'dashboard' ? 'history' : tab);

/** Where the boot script leaves the first page for the app (the two are separate bundles on one page). */
const HANDOFF = '__paperLensFirstPage';
type HandoffScope = { [HANDOFF]?: PrefetchedPage };

/** The boot's half: asks for the first page of the tab the popup opens on. */
export function startFirstPage(scope: HandoffScope = globalThis as HandoffScope, fetch: FetchHistoryPage = fetchPage): void {
  const query: HistoryQuery = { view: listViewOf(initialTab()), query: '' };
  const answer = fetch({ ...query, offset: 0, limit: FIRST_PAGE_SIZE });
  // Its failure is shown by the list that takes it (HistoryPager); one never taken has nobody to tell.
  answer.catch(() => undefined);
  scope[HANDOFF] = { query, answer };
}

/** The app's half: the first page the boot asked for, once (undefined when the boot did not run). */
export function takeFirstPage(scope: HandoffScope = globalThis as HandoffScope): PrefetchedPage | undefined {
  const first = scope[HANDOFF];
  delete scope[HANDOFF];
  return first;
}
