/**
 * 'history/list' with a tag: the papers carrying the tag (the papers' multi-entry `tags` index, case ignored), in
 * the view's order, narrowed by the search words when there are any. Tagged papers are the reader's own picks, a
 * few hundred at most, so they are sorted and matched in memory.
 */
import { cleanTag } from '../../core/annotations';
import type { HistoryRow, HistoryView } from '../../core/records';
import { words as foldedWords } from '../../core/text';
import { STOP_WORDS } from '../../core/text-stopwords';
import type { StoredPaper } from '../db/db';
import { rowOf } from './history';
import type { Store } from '../store';


const MAX_LIMIT = 500;

const ORDER_FIELD: Record<HistoryView, 'activityAt' | 'starredAt' | 'readAt'> = {
  history: 'activityAt',
  starred: 'starredAt',
  read: 'readAt',
};

function terms(query: string | undefined): string[] {
  const all = [...new Set(foldedWords(query ?? ''))];
  const content = all.filter((word) => !STOP_WORDS.has(word));
  return content.length > 0 ? content : all;
}

export async function listTaggedHistory(
  store: Pick<Store, 'db' | 'indexer'>,
  view: HistoryView,
  tag: string,
  query: string | undefined,
  offset: number,
  limit: number,
): Promise<{ rows: HistoryRow[]; total: number }> {
  const field = ORDER_FIELD[view] ?? 'activityAt';
  const from = Math.max(0, Math.floor(offset) || 0);
  const size = Math.min(MAX_LIMIT, Math.max(0, Math.floor(limit) || 0));
  const wanted = terms(query);
  const name = cleanTag(String(tag));
  if (name === '') return { rows: [], total: 0 };
  if (wanted.length > 0) await store.indexer.keysReady();
  return store.db.transaction('r', [store.db.papers, store.db.paperIndex], async () => {
    let papers: StoredPaper[] = await store.db.papers.where('tags').equalsIgnoreCase(name).distinct().toArray();
    if (view !== 'history') papers = papers.filter((paper) => paper[field] !== undefined);
    if (wanted.length > 0) {
      const rows = await store.db.paperIndex.bulkGet(papers.map((paper) => paper.id));
      papers = papers.filter((_, i) => {
        const words = rows[i]?.words ?? [];
        return wanted.every((term) => words.some((word) => word.startsWith(term)));
      });
    }
    papers.sort((a, b) => ((b[field] as number | undefined) ?? 0) - ((a[field] as number | undefined) ?? 0) || (a.id < b.id ? -1 : 1));
    return { rows: papers.slice(from, from + size).map(rowOf), total: papers.length };
  });
}
