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
import { RefTable } from '../api/ref-table';

export const MAX_READER_RELATED = 3;
/** Refs kept at most (pages that never asked: closed, navigated away, or a caller that does not show them). */
const KEPT = 16;

export type RelatedById = Map<string, ReaderRelated[]>;

/** Starred or read papers close to each of `records` (remembered per paper for later states and broadcasts). */
export function scoreReaderRelated(store: Store, records: readonly StoredPaper[], referencePapers: ReferencePapers<StoredPaper>, threshold: number): RelatedById {
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
export async function readerRelatedOf(store: Store, ids: readonly string[]): Promise<RelatedById> {
  const settings = await store.settings();
  if (!settings.marks.related) return new Map();
  const [records, reference] = await Promise.all([store.db.papers.bulkGet([...ids]), store.referencePapers()]);
  const found = records.filter((record): record is StoredPaper => record !== undefined);
  return scoreReaderRelated(store, found, reference, settings.relatedThreshold);
}

/** Scorings started by page/listed, kept under their ref until papers/reader-related takes them. */
export class PendingRelated {
  private readonly byRef = new RefTable<Promise<RelatedById>>(KEPT);
  /** Scorings not done yet, by paper id: states answered meanwhile wait for them (see `settledFor`). */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** Runs `score` for `ids` after the current answer went out (a macrotask later); returns the ref to ask with. */
  start(ids: readonly string[], score: () => Promise<RelatedById>): string {
    const scored = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(score);
    // A failure is answered to whoever asks; until then nobody awaits this promise.
    scored.catch(() => undefined);
    const ref = this.byRef.issue(scored);
    for (const id of ids) this.inFlight.set(id, scored);
    const done = (): void => {
      for (const id of ids) if (this.inFlight.get(id) === scored) this.inFlight.delete(id);
    };
    scored.then(done, done);
    return ref;
  }

  /**
   * Resolves once no scoring of `ids` is under way, so a state answered right after a listing (papers/seen, a
   * broadcast) carries the links the listing's scoring remembers instead of none.
   */
  async settledFor(ids: readonly string[]): Promise<void> {
    const waits = new Set<Promise<unknown>>();
    for (const id of ids) {
      const pending = this.inFlight.get(id);
      if (pending) waits.add(pending);
    }
    if (waits.size > 0) await Promise.allSettled([...waits]);
  }

  /** The scoring started under `ref`, or null when this worker has none (then score from the stored papers). */
  take(ref: string): Promise<RelatedById> | null {
    return this.byRef.take(ref) ?? null;
  }
}

/** papers/reader-related: the links of `ids`, from the scoring under `ref` when there is one. */
export async function answerReaderRelated(store: Store, ref: string, ids: readonly string[]): Promise<Array<{ id: string; readerRelated: ReaderRelated[] }>> {
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
