/**
 * What the store keeps and hands out. Pure types shared by background, content, popup, options and export.
 */
import type { ListingKind, Paper, DuplicateRule } from './types';

/** One listing of a paper on one page visit. */
export interface Sighting {
  paperId: string;
  pageKind: ListingKind;
  pageKey: string;
  /** ms since epoch. */
  at: number;
  /** The card was actually on screen (see Settings.seenVisibleFraction / seenDwellMs). */
  seen: boolean;
}

/** A paper as the store keeps it. All times are ms since epoch. */
export interface PaperRecord extends Paper {
  firstListedAt: number;
  lastListedAt: number;
  listedCount: number;
  firstSeenAt?: number;
  lastSeenAt?: number;
  seenCount: number;
  /** Distinct listing kinds this paper was listed on. */
  pageKinds: ListingKind[];
  readAt?: number;
  starredAt?: number;
  /**
   * Stamps (core/hlc) of the last change to the starred and the read state: set by a star and by an un-star
   * alike, so an un-star stays as a tombstone that a merge with another copy (backup, sync) can see.
   */
  starStamp?: string;
  readStamp?: string;
  /** The reader's tags (core/annotations: checked, no repeats) and the stamp of their last change, clearing included. */
  tags?: string[];
  tagsStamp?: string;
  /** The reader's note, plain text, and the stamp of its last change, clearing included. */
  note?: string;
  noteStamp?: string;
  /** Last change of any user-visible state (a listing visit too); orders only the paper's text when copies merge. */
  updatedAt: number;
}

/** A paper the reader already knows that a listed paper repeats under another id (or the same id). */
export interface HistoryDuplicate {
  knownId: string;
  knownTitle: string;
  rule: DuplicateRule;
  knownReadAt?: number;
  knownStarredAt?: number;
  knownLastSeenAt?: number;
  knownFirstListedAt: number;
}

/** A starred or read paper close to a listed paper. */
export interface ReaderRelated {
  id: string;
  title: string;
  state: 'starred' | 'read';
  score: number;
  sharedTerms: string[];
}

/** Everything a card needs to know about its paper's history. */
export interface PaperState {
  id: string;
  /** Listed on another page, or seen on an earlier visit, before this page visit. */
  seenBefore: boolean;
  firstListedAt?: number;
  lastListedAt?: number;
  seenCount: number;
  lastSeenAt?: number;
  /** Distinct earlier listings (other pages), oldest first, at most 10. */
  earlierListings: Array<{ pageKind: ListingKind; pageKey: string; at: number }>;
  readAt?: number;
  starredAt?: number;
  /** The reader's tags and note, when the paper carries any. */
  tags?: string[];
  note?: string;
  /** Stamps of the last change of each reader field: a page keeps the newer of two answers that cross in flight. */
  starStamp?: string;
  readStamp?: string;
  tagsStamp?: string;
  noteStamp?: string;
  /** Set when this listing repeats a different-id paper already known (same-id history is `seenBefore`). */
  historyDuplicate?: HistoryDuplicate;
  /** Starred or read papers this one is close to, best first, at most 3. */
  readerRelated: ReaderRelated[];
}

export interface Stats {
  listed: { week: number; all: number };
  seen: { week: number; all: number };
  read: { week: number; all: number };
  starred: { week: number; all: number };
  /** Last 30 days, oldest first, local dates YYYY-MM-DD. */
  daily: Array<{ date: string; seen: number; read: number }>;
}

export type HistoryView = 'history' | 'starred' | 'read';

export interface HistoryRow {
  paper: PaperRecord;
  /** Local day YYYY-MM-DD the row is grouped under (last activity). */
  day: string;
  /** Where it was last listed, e.g. `day:2024-03-11`. */
  lastPageKey?: string;
  historyDuplicate?: HistoryDuplicate;
  readerRelated?: ReaderRelated[];
}
