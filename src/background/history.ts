/**
 * 'history/list': newest first, paged, with a search over title, author and abstract words. Every step goes
 * through an index: the view's date index for order, the multi-entry `words` index (prefix ranges) for search.
 * The rarest query word is fetched first; the others filter its matches in memory when few, or are intersected
 * as key sets when many. Nothing reads all 100,000 rows per keystroke.
 */
import type { HistoryRow, HistoryView } from '../core/records';
import { words as foldedWords } from '../core/text';
import { STOP_WORDS } from '../core/text-stopwords';
import { toPaperRecord, type StoredPaper } from './db';
import type { Store } from './store';

const ORDER_FIELD: Record<HistoryView, 'activityAt' | 'starredAt' | 'readAt'> = {
  history: 'activityAt',
  starred: 'starredAt',
  read: 'readAt',
};
/** Match sets up to this size are loaded and sorted in memory; larger ones walk the order index. */
const SMALL_MATCH = 3000;
const MAX_LIMIT = 500;

export function localDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function queryTerms(query: string): string[] {
  const all = [...new Set(foldedWords(query))];
  const content = all.filter((word) => !STOP_WORDS.has(word));
  return content.length > 0 ? content : all;
}

function sortValue(paper: StoredPaper, view: HistoryView): number {
  return (paper[ORDER_FIELD[view]] as number | undefined) ?? 0;
}

export function rowOf(paper: StoredPaper): HistoryRow {
  const last = (paper.listings ?? []).reduce<{ pageKey: string; lastAt: number } | null>((best, listing) => (!best || listing.lastAt > best.lastAt ? listing : best), null);
  const row: HistoryRow = { paper: toPaperRecord(paper), day: localDay(paper.activityAt) };
  if (last) row.lastPageKey = last.pageKey;
  return row;
}

/** Ids whose index words start with `term` (a multi-entry range: one id may appear several times). */
async function idsWithPrefix(store: Store, term: string): Promise<Set<string>> {
  const keys = await store.db.paperIndex.where('words').startsWith(term).primaryKeys();
  return new Set(keys);
}

async function matchingIds(store: Store, terms: string[]): Promise<Set<string>> {
  const counts = await Promise.all(terms.map((term) => store.db.paperIndex.where('words').startsWith(term).count()));
  const order = terms.map((term, i) => ({ term, count: counts[i] ?? 0 })).sort((a, b) => a.count - b.count);
  const first = order[0];
  if (!first || first.count === 0) return new Set();
  let matches = await idsWithPrefix(store, first.term);
  const rest = order.slice(1);
  if (rest.length === 0) return matches;
  if (matches.size <= SMALL_MATCH) {
    const rows = await store.db.paperIndex.bulkGet([...matches]);
    matches = new Set(rows.filter((row) => row && rest.every(({ term }) => row.words.some((word) => word.startsWith(term)))).map((row) => row!.id));
    return matches;
  }
  for (const { term } of rest) {
    const other = await idsWithPrefix(store, term);
    matches = new Set([...matches].filter((id) => other.has(id)));
    if (matches.size === 0) break;
  }
  return matches;
}

export async function listHistory(store: Store, view: HistoryView, query: string | undefined, offset: number, limit: number): Promise<{ rows: HistoryRow[]; total: number }> {
  const field = ORDER_FIELD[view] ?? 'activityAt';
  const from = Math.max(0, Math.floor(offset) || 0);
  const size = Math.min(MAX_LIMIT, Math.max(0, Math.floor(limit) || 0));
  const terms = query ? queryTerms(query) : [];
  // A search reads the words of the index rows: papers an import just added get theirs first.
  if (terms.length > 0) await store.indexer.keysReady();
  return store.db.transaction('r', [store.db.papers, store.db.paperIndex], async () => {
    if (terms.length === 0) {
      const [total, papers] = await Promise.all([
        view === 'history' ? store.paperTotal.get(() => store.db.papers.count()) : store.db.papers.orderBy(field).count(),
        store.db.papers.orderBy(field).reverse().offset(from).limit(size).toArray(),
      ]);
      return { rows: papers.map((paper) => rowOf(paper)), total };
    }
    const matches = await matchingIds(store, terms);
    if (matches.size === 0) return { rows: [], total: 0 };
    if (matches.size <= SMALL_MATCH) {
      const papers = (await store.db.papers.bulkGet([...matches]))
        .filter((paper): paper is StoredPaper => !!paper && (view === 'history' || paper[field] !== undefined))
        .sort((a, b) => sortValue(b, view) - sortValue(a, view) || (a.id < b.id ? -1 : 1));
      return { rows: papers.slice(from, from + size).map((paper) => rowOf(paper)), total: papers.length };
    }
    // Many matches: walk the view's order index (keys only) and keep the matching ids.
    const ordered = await store.db.papers.orderBy(field).reverse().primaryKeys();
    const hits = ordered.filter((id) => matches.has(id));
    const page = await store.db.papers.bulkGet(hits.slice(from, from + size));
    return { rows: page.filter((paper): paper is StoredPaper => !!paper).map((paper) => rowOf(paper)), total: hits.length };
  });
}
