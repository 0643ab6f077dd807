/**
 * Loads a history view page by page (offset/limit) so the popup never asks the store for more rows than the
 * reader scrolls to. Pages are kept as separate arrays: a star toggle replaces one page, so only that page
 * re-renders. Answers to an older query are dropped, which keeps search-as-you-type correct when replies
 * arrive out of order.
 */
import type { HistoryRow, HistoryView, PaperRecord, PaperState } from '../core/records';
import { mergeReaderState, readerStateOf, withReaderState, type ReaderState } from '../core/reader-state-merge';

export interface HistoryQuery {
  view: HistoryView;
  query: string;
  /** Only papers carrying this tag. */
  tag?: string;
}

export type FetchHistoryPage = (request: HistoryQuery & { offset: number; limit: number }) => Promise<{ rows: HistoryRow[]; total: number }>;

/** A query's first page, asked for before the query is opened (HistoryPager.prefetch, first-page.ts). */
export interface PrefetchedPage {
  query: HistoryQuery;
  answer: ReturnType<FetchHistoryPage>;
}

export interface PagerSnapshot {
  query: HistoryQuery;
  pages: HistoryRow[][];
  /** Rows consumed from the store so far: the offset of the next page. */
  offset: number;
  /** Total matching rows the store reported; null before the first answer. */
  total: number | null;
  status: 'loading' | 'idle' | 'error';
  error: string | null;
}

/** Read and starred times of a paper; `undefined` clears one. */
export interface PaperPatch {
  readAt?: number | undefined;
  starredAt?: number | undefined;
  tags?: string[] | undefined;
  note?: string | undefined;
}


export const FIRST_PAGE_SIZE = 12;
export const PAGE_SIZE = 60;

const normalQuery = (query: HistoryQuery): HistoryQuery => ({ view: query.view, query: query.query.trim(), ...(query.tag ? { tag: query.tag } : {}) });

export class HistoryPager {
  private generation = 0;
  private snapshot: PagerSnapshot;
  private readonly seen = new Set<string>();
  /** A first page asked for before its query was opened (see prefetch). */
  private prefetched: PrefetchedPage | null = null;

  constructor(
    private readonly fetchPage: FetchHistoryPage,
    private readonly onChange: (snapshot: PagerSnapshot) => void,
    private readonly describeError: (error: unknown) => string = (error) => (error instanceof Error ? error.message : String(error)),
  ) {
    this.snapshot = { query: { view: 'history', query: '' }, pages: [], offset: 0, total: null, status: 'idle', error: null };
  }

  get current(): PagerSnapshot {
    return this.snapshot;
  }

  /** More rows exist beyond what is loaded. */
  get hasMore(): boolean {
    const { total, offset } = this.snapshot;
    return total === null || offset < total;
  }

  /**
   * Asks for a query's first page before it is opened (the popup's boot script asked already when `answer` is
   * given: first-page.ts), instead of after the app's first paint, when effects run. The next `open` of the same
   * query takes the answer; any other open, or a reload, drops it.
   */
  prefetch(query: HistoryQuery, answer?: ReturnType<FetchHistoryPage>): void {
    const normal = normalQuery(query);
    const asked = answer ?? this.fetchPage({ ...normal, offset: 0, limit: FIRST_PAGE_SIZE });
    // Its failure is shown by the open that takes it; one never taken has nobody to tell.
    asked.catch(() => undefined);
    this.prefetched = { query: normal, answer: asked };
  }

  /** Starts over for a view and query; resolves when the first page is in (or failed). */
  open(query: HistoryQuery): Promise<void> {
    this.generation++;
    this.seen.clear();
    const normal = normalQuery(query);
    const prefetched = this.prefetched;
    this.prefetched = null;
    this.update({ query: normal, pages: [], offset: 0, total: null, status: 'idle', error: null });
    const taken = prefetched && prefetched.query.view === normal.view && prefetched.query.query === normal.query && prefetched.query.tag === normal.tag ? prefetched.answer : undefined;
    return this.load(FIRST_PAGE_SIZE, taken);
  }

  /** Re-reads the current query from the top (after the store changed under it). */
  reload(): Promise<void> {
    this.prefetched = null;
    return this.open(this.snapshot.query);
  }

  /** Fetches the next page unless one is in flight or everything is loaded. */
  loadMore(): Promise<void> {
    if (this.snapshot.status === 'loading' || !this.hasMore) return Promise.resolve();
    return this.load(PAGE_SIZE);
  }

  private async load(limit: number, prefetched?: ReturnType<FetchHistoryPage>): Promise<void> {
    const generation = this.generation;
    const { query, offset } = this.snapshot;
    this.update({ ...this.snapshot, status: 'loading', error: null });
    try {
      const answer = await (prefetched ?? this.fetchPage({ ...query, offset, limit }));
      if (generation !== this.generation) return;
      // The store may shift under us between pages (a new sighting moves a paper to the top); never show a row twice.
      const fresh = answer.rows.filter((row) => !this.seen.has(row.paper.id));
      for (const row of fresh) this.seen.add(row.paper.id);
      const pages = fresh.length ? [...this.snapshot.pages, fresh] : this.snapshot.pages;
      // A short page means the end, whatever total said.
      const total = answer.rows.length < limit ? this.snapshot.offset + answer.rows.length : answer.total;
      this.update({ ...this.snapshot, pages, offset: this.snapshot.offset + answer.rows.length, total, status: 'idle', error: null });
    } catch (error) {
      if (generation !== this.generation) return;
      this.update({ ...this.snapshot, status: 'error', error: this.describeError(error) });
    }
  }

  /**
   * Folds new paper states (a star or read toggle, here or in a tab) into the loaded rows, each reader field from
   * whichever copy changed it last: an answer that crossed a newer one in flight does not undo it.
   */
  applyStates(states: readonly PaperState[]): void {
    const byId = new Map(states.map((state) => [state.id, state]));
    this.patchRows((paper) => {
      const state = byId.get(paper.id);
      return state ? mergeReaderState(readerStateOf(paper), readerStateOf(state)) : null;
    });
  }

  /** Sets one paper's read or starred time at once (an optimistic toggle; the store's answer follows). */
  patchPaper(id: string, patch: PaperPatch): void {
    this.patchRows((paper) => {
      if (paper.id !== id) return null;
      const reader: Record<string, unknown> = { ...readerStateOf(paper), ...patch };
      for (const key of Object.keys(reader)) if (reader[key] === undefined) delete reader[key];
      return reader as ReaderState;
    });
  }

  private patchRows(readerOf: (paper: PaperRecord) => ReaderState | null): void {
    let changed = false;
    const pages = this.snapshot.pages.map((page) => {
      let pageChanged = false;
      const rows = page.map((row) => {
        const reader = readerOf(row.paper);
        if (!reader || JSON.stringify(readerStateOf(reader)) === JSON.stringify(readerStateOf(row.paper))) return row;
        pageChanged = true;
        return { ...row, paper: withReaderState(row.paper, reader) };
      });
      if (!pageChanged) return page;
      changed = true;
      return rows;
    });
    if (changed) this.update({ ...this.snapshot, pages });
  }

  private update(next: PagerSnapshot): void {
    this.snapshot = next;
    this.onChange(next);
  }
}
