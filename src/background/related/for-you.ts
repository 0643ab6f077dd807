/**
 * papers/for-you: a listing's papers closest to what the reader starred and read (core/for-you), against the
 * papers the reader saw lately and passed over. Nothing for a reader who has starred or read nothing yet.
 */
import type { Paper } from '../../core/types';
import { rankForYou, type ForYouPick } from '../../core/for-you/rank';
import type { Store } from '../store';

/** Papers seen and passed over that the ranking weighs against, newest first. */
const SKIPPED_LIMIT = 300;

export async function forYouPicks(store: Store, listed: readonly Paper[]): Promise<ForYouPick[]> {
  const settings = await store.settings();
  if (!settings.marks.forYou || listed.length === 0) return [];
  const liked = await store.referenceSet();
  if (liked.length === 0) return [];
  const skipped = await store.db.papers.orderBy('lastSeenAt').reverse()
    .filter((paper) => paper.starredAt === undefined && paper.readAt === undefined)
    .limit(SKIPPED_LIMIT).toArray();
  return rankForYou(liked, skipped, listed);
}
