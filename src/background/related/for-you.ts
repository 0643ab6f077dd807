/**
 * papers/for-you: a listing's papers closest to what the reader starred and read (core/for-you), against the
 * papers the reader saw lately and passed over. Nothing for a reader who has starred or read nothing yet.
 *
 * The page names its papers by id: page/listed already brought their text here, and it is read back from the
 * store (a read after the listing's write, which IndexedDB orders after it), so the page does not serialise
 * the whole list a second time, and a reader with nothing starred or read costs no read at all.
 */
import { rankForYou, type ForYouPick } from '../../core/for-you/rank';
import type { StoredPaper } from '../db/db';
import type { Store } from '../store';

/** Papers seen and passed over that the ranking weighs against, newest first. */
const SKIPPED_LIMIT = 300;

/** Picks among `ids` (normalised, in page order; indexes into `ids`); ids the store does not hold are left out. */
export async function forYouPicks(store: Pick<Store, 'db' | 'settings' | 'referenceSet'>, ids: readonly string[]): Promise<ForYouPick[]> {
  const settings = await store.settings();
  if (!settings.marks.forYou || ids.length === 0) return [];
  const liked = await store.referenceSet();
  if (liked.length === 0) return [];
  const [stored, skipped] = await Promise.all([
    store.db.papers.bulkGet([...ids]),
    store.db.papers.orderBy('lastSeenAt').reverse()
      .filter((paper) => paper.starredAt === undefined && paper.readAt === undefined)
      .limit(SKIPPED_LIMIT).toArray(),
  ]);
  const listed: StoredPaper[] = [];
  const at: number[] = [];
  stored.forEach((paper, i) => {
    if (!paper) return;
    listed.push(paper);
    at.push(i);
  });
  return rankForYou(liked, skipped, listed).map((pick) => ({ ...pick, index: at[pick.index] as number }));
}
