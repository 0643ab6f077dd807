/**
 * 'history/list': newest first, paged, with a search over title, author and abstract words, or a paper's arXiv id
 * (core/search-query.ts). Every step goes through an index: the papers' primary key for ids, the view's date
 * index for order, the multi-entry `words` index (prefix ranges) for words. The rarest query word is fetched
 * first; the others filter its matches in memory when few, or are intersected as key sets when many. Nothing reads all 100,000 rows per keystroke.
 */
import type { HistoryRow, HistoryView } from '../../core/records';
import { parseSearchQuery, type SearchQuery } from '../../core/search-query';
import { toPaperRecord, type StoredPaper } from '../db/db';
import type { Store } from '../store';

/** What the history list reads: the papers, their index rows once written, and the papers' total. */
export type HistoryStore = Pick<Store, 'db' | 'indexer' | 'paperTotal'>;

const ORDER_FIELD: Record<HistoryView, 'activityAt' | 'starredAt' | 'readAt'> = {
  history: 'activityAt',
  starred: 'starredAt',
  read: 'readAt',
};
/** Match sets up to this size are filtered by the other query words in memory; larger ones are intersected. */
const SMALL_MATCH = 3000;
/** Up to this many matches are loaded and sorted in memory; more walk the view's order index (keys only). */
const FEW_MATCHES = 200;
/** Index entries read of each word of a several-word query before the larger probe (SMALL_MATCH). */
const FIRST_PROBE = 100;
/** The first chunk of the order index a search with many matches reads (each next one is four times larger). */
const ORDER_CHUNK = 240;
const MAX_LIMIT = 500;

export function localDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
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
async function idsWithPrefix(store: Pick<Store, 'db'>, term: string): Promise<Set<string>> {
  const keys = await store.db.paperIndex.where('words').startsWith(term).primaryKeys();
  return new Set(keys);
}

async function matchingIds(store: Pick<Store, 'db'>, terms: string[]): Promise<Set<string>> {
  const range = (term: string) => store.db.paperIndex.where('words').startsWith(term);
  if (terms.length === 1) return idsWithPrefix(store, terms[0] as string);
  // Which word is rarest, from each word's first index entries (a count would walk every entry of a common word):
  // a few first, more only when every word has that many. A probe shorter than its limit holds all the word's ids.
  let limit = FIRST_PROBE;
  let probes = await Promise.all(terms.map((term) => range(term).limit(limit).primaryKeys()));
  if (probes.every((keys) => keys.length >= limit)) {
    limit = SMALL_MATCH;
    probes = await Promise.all(terms.map((term) => range(term).limit(limit).primaryKeys()));
  }
  const order = terms.map((term, i) => ({ term, keys: probes[i] ?? [] })).sort((a, b) => a.keys.length - b.keys.length);
  const first = order[0];
  if (!first || first.keys.length === 0) return new Set();
  let matches = first.keys.length < limit ? new Set(first.keys) : await idsWithPrefix(store, first.term);
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

/** Ids a search matches: an id or the start of one through the papers' primary key, words through the index. */
async function searchIds(store: Pick<Store, 'db'>, search: Exclude<SearchQuery, { kind: 'all' | 'unsearchable' }>): Promise<Set<string>> {
  if (search.kind === 'words') return matchingIds(store, search.terms);
  const byId = store.db.papers.where(':id');
  const keys = search.kind === 'id' ? await byId.equals(search.id).primaryKeys() : await byId.startsWith(search.prefix).primaryKeys();
  return new Set(keys);
}

export async function listHistory(store: HistoryStore, view: HistoryView, query: string | undefined, offset: number, limit: number): Promise<{ rows: HistoryRow[]; total: number }> {
  const field = ORDER_FIELD[view] ?? 'activityAt';
  const from = Math.max(0, Math.floor(offset) || 0);
  const size = Math.min(MAX_LIMIT, Math.max(0, Math.floor(limit) || 0));
  const search = parseSearchQuery(query);
  if (search.kind === 'unsearchable') return { rows: [], total: 0 };
  // A word search reads the words of the index rows: papers an import just added get theirs first.
  if (search.kind === 'words') await store.indexer.keysReady();
  return store.db.transaction('r', [store.db.papers, store.db.paperIndex], async () => {
    if (search.kind === 'all') {
      const [total, papers] = await Promise.all([
        view === 'history' ? store.paperTotal.get(() => store.db.papers.count()) : store.db.papers.orderBy(field).count(),
        store.db.papers.orderBy(field).reverse().offset(from).limit(size).toArray(),
      ]);
      return { rows: papers.map((paper) => rowOf(paper)), total };
    }
    const matches = await searchIds(store, search);
    if (matches.size === 0) return { rows: [], total: 0 };
    if (matches.size <= FEW_MATCHES) {
      const papers = (await store.db.papers.bulkGet([...matches]))
        .filter((paper): paper is StoredPaper => !!paper && (view === 'history' || paper[field] !== undefined))
        .sort((a, b) => sortValue(b, view) - sortValue(a, view) || (a.id < b.id ? -1 : 1));
      return { rows: papers.slice(from, from + size).map((paper) => rowOf(paper)), total: papers.length };
    }
    // Many matches: walk the view's order index newest first, keys only, in growing chunks, and stop once the page
    // is filled. The history holds every paper, so its total is the match count; the other views' indexes are small.
    const wanted = from + size;
    const hits: string[] = [];
    let total = view === 'history' ? matches.size : 0;
    for (let offset = 0, chunk = ORDER_CHUNK; ; offset += chunk, chunk *= 4) {
      const ids = await store.db.papers.orderBy(field).reverse().offset(offset).limit(chunk).primaryKeys();
      for (const id of ids) if (matches.has(id)) hits.push(id);
      if (ids.length < chunk || (view === 'history' && hits.length >= wanted)) break;
    }
    if (view !== 'history') total = hits.length;
    const page = await store.db.papers.bulkGet(hits.slice(from, from + size));
    return { rows: page.filter((paper): paper is StoredPaper => !!paper).map((paper) => rowOf(paper)), total };
  });
}
