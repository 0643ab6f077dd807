/**
 * PaperState from stored rows. "Seen before" is relative to a page visit: a paper is seen before when another
 * page listed it before this visit started, or it was on screen before this visit started.
 */
import type { DuplicateRule } from '../../core/types';
import type { HistoryDuplicate, PaperState, ReaderRelated } from '../../core/records';
import type { PageListing, StoredPaper } from '../db/db';
import { readerStateOf } from '../../core/reader-state-merge';

const MAX_EARLIER_LISTINGS = 10;

/** The visit a state is relative to: the given page's latest visit, or the paper's most recent listing. */
function currentVisit(record: StoredPaper, pageKey: string | undefined): PageListing | undefined {
  const listings = record.listings ?? [];
  if (pageKey !== undefined) return listings.find((listing) => listing.pageKey === pageKey);
  let latest: PageListing | undefined;
  for (const listing of listings) if (!latest || listing.lastAt > latest.lastAt) latest = listing;
  return latest;
}

export function historyDuplicateOf(known: StoredPaper, rule: DuplicateRule): HistoryDuplicate {
  const duplicate: HistoryDuplicate = { knownId: known.id, knownTitle: known.title, rule, knownFirstListedAt: known.firstListedAt };
  if (known.readAt !== undefined) duplicate.knownReadAt = known.readAt;
  if (known.starredAt !== undefined) duplicate.knownStarredAt = known.starredAt;
  if (known.lastSeenAt !== undefined) duplicate.knownLastSeenAt = known.lastSeenAt;
  return duplicate;
}

export function emptyState(id: string): PaperState {
  return { id, seenBefore: false, seenCount: 0, earlierListings: [], readerRelated: [] };
}

export function stateOf(
  record: StoredPaper | undefined,
  id: string,
  context: { pageKey?: string; dupKnown?: StoredPaper; readerRelated?: ReaderRelated[] } = {},
): PaperState {
  if (!record) return emptyState(id);
  const visit = currentVisit(record, context.pageKey);
  const visitStart = visit?.lastAt ?? Number.POSITIVE_INFINITY;
  const earlier = (record.listings ?? [])
    .filter((listing) => listing.pageKey !== visit?.pageKey && listing.firstAt < visitStart)
    .sort((a, b) => a.firstAt - b.firstAt)
    .slice(0, MAX_EARLIER_LISTINGS)
    .map((listing) => ({ pageKind: listing.pageKind, pageKey: listing.pageKey, at: listing.firstAt }));
  const seenEarlier = record.firstSeenAt !== undefined && record.firstSeenAt < visitStart;
  const state: PaperState = {
    id: record.id,
    seenBefore: earlier.length > 0 || seenEarlier,
    firstListedAt: record.firstListedAt,
    lastListedAt: record.lastListedAt,
    seenCount: record.seenCount ?? 0,
    earlierListings: earlier,
    readerRelated: context.readerRelated ?? [],
  };
  if (record.lastSeenAt !== undefined) state.lastSeenAt = record.lastSeenAt;
  const { tags, note, ...flags } = readerStateOf(record);
  Object.assign(state, flags);
  if (tags && tags.length > 0) state.tags = [...tags];
  if (note) state.note = note;
  if (record.dupOf && context.dupKnown && context.dupKnown.id === record.dupOf.id) {
    state.historyDuplicate = historyDuplicateOf(context.dupKnown, record.dupOf.rule);
  }
  return state;
}
