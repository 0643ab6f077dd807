/**
 * Reader-related links ("Close to 2 papers you starred"): starred or read papers close to each listed paper.
 *
 * They are not part of a listing's state (seen, read, history duplicates), and scoring 250 papers against the
 * reference set costs as much as the rest of the answer, so page/listed answers the states first and hands out
 * a ref; the scoring starts right after the answer went out, and papers/reader-related asks for it by that ref.
 * A ref this worker did not hand out (it was stopped and woke again) is answered from the stored papers.
 */
import type { ReaderRelated } from '../../core/records';
import { relatedToReference, type ReferencePapers } from '../../core/related';
import type { StoredPaper } from '../db/db';
import type { Store } from '../store';
import type { RelatedById } from './pending-related';

/** What scoring stored papers uses: the settings, the papers, the reference set, and the cache it fills. */
export type RelatedStore = Pick<Store, 'db' | 'settings' | 'referencePapers' | 'rememberRelated'>;

export const MAX_READER_RELATED = 3;

/** Starred or read papers close to each of `records` (remembered per paper for later states and broadcasts). */
export function scoreReaderRelated(store: Pick<Store, 'rememberRelated'>, records: readonly StoredPaper[], referencePapers: ReferencePapers<StoredPaper>, threshold: number): RelatedById {
  const out: RelatedById = new Map();
  const reference = referencePapers.papers;
  const links = reference.length === 0 ? [] : relatedToReference([...records], referencePapers, { threshold, max: MAX_READER_RELATED });
  records.forEach((record, i) => {
    const related: ReaderRelated[] = (links[i] ?? []).flatMap((link) => {
      const paper = reference[link.referenceIndex];
      if (!paper || paper.id === record.id) return [];
      return [{ id: paper.id, title: paper.title, state: paper.starredAt !== undefined ? 'starred' : 'read', score: link.score, sharedTerms: link.sharedTerms }];
    });
    const kept = related.slice(0, MAX_READER_RELATED);
    store.rememberRelated(record.id, kept);
    out.set(record.id, kept);
  });
  return out;
}

/** The links of stored papers, read and scored now (a ref this worker does not know). */
export async function readerRelatedOf(store: RelatedStore, ids: readonly string[]): Promise<RelatedById> {
  const settings = await store.settings();
  if (!settings.marks.related) return new Map();
  const [records, reference] = await Promise.all([store.db.papers.bulkGet([...ids]), store.referencePapers()]);
  const found = records.filter((record): record is StoredPaper => record !== undefined);
  return scoreReaderRelated(store, found, reference, settings.relatedThreshold);
}

/** papers/reader-related: the links of `ids`, from the scoring under `ref` when there is one. */
export async function answerReaderRelated(store: RelatedStore & Pick<Store, 'pendingRelated'>, ref: string, ids: readonly string[]): Promise<Array<{ id: string; readerRelated: ReaderRelated[] }>> {
  const pending = store.pendingRelated.take(ref);
  const scored = pending ? await pending : null;
  // A scoring of other papers than those asked for is no answer to this request.
  const fits = scored !== null && ids.every((id) => scored.has(id));
  const byId = fits ? scored : await readerRelatedOf(store, ids);
  return ids.flatMap((id) => {
    const related = byId.get(id);
    return related ? [{ id, readerRelated: related }] : [];
  });
}
