/**
 * Shapes shared by every context. Pure types: no browser API.
 */

/** Which kind of listing a page is; `paper` is a single paper's detail page. */
export type ListingKind = 'day' | 'week' | 'month' | 'trending' | 'search' | 'landing' | 'paper' | 'other';

/** One listing page as the reader saw it. `key` identifies the listing, e.g. `day:2024-03-11`, `week:2024-W11`, `search:diffusion`. */
export interface ListingPage {
  kind: ListingKind;
  key: string;
  url: string;
  /** YYYY-MM-DD (or YYYY-Www / YYYY-MM) of the listing when the URL or payload names it. */
  period?: string;
}

/** A paper as read from a listing (payload or card). The id is normalised (see core/ids). */
export interface Paper {
  id: string;
  title: string;
  /** Empty string when the page did not show it. */
  abstract: string;
  authors: string[];
  /** ISO date strings as the site gives them. */
  publishedAt?: string;
  submittedOnDailyAt?: string;
  upvotes?: number;
  keywords?: string[];
  githubRepo?: string;
}

export type DuplicateRule = 'same-id' | 'same-title' | 'near-abstract';

/** Why paper `index` on the page repeats an earlier one. */
export interface DuplicateMatch {
  /** Index (on the page) of the earlier listing of the same work. */
  ofIndex: number;
  ofId: string;
  rule: DuplicateRule;
  /** 1 for exact rules; estimated containment for near-abstract. */
  score: number;
}

export interface RelatedLink {
  index: number;
  id: string;
  /** Cosine similarity, 0..1. */
  score: number;
  /** The terms the two papers share most, human readable (unstemmed surface forms), best first. */
  sharedTerms: string[];
}

/** Result of analysing one page's papers, indexed like the input array. */
export interface PageAnalysis {
  duplicateOf: Array<DuplicateMatch | null>;
  /** Up to `maxRelated` links per paper, best first, between first listings only: a copy is never linked, nor has links. */
  related: RelatedLink[][];
  /** Number of connected groups formed by related links (a group has 2 or more papers). */
  relatedGroups: number;
}

export interface AnalysisOptions {
  /** Cosine threshold for a related link. */
  relatedThreshold: number;
  /** At most this many related links per paper (1..5). */
  maxRelated: number;
}
