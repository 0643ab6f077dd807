/**
 * Pure helpers that turn what a page showed into stored rows: merging a freshly listed paper into its record,
 * the per-page listings, and the derived search/duplicate index row.
 */
import type { ListingKind, Paper } from '../../core/types';
import type { PaperRecord } from '../../core/records';
import { duplicateKeys } from '../../core/duplicates';
import { words as foldedWords } from '../../core/text';
import { STOP_WORDS } from '../../core/text-stopwords';
import type { PageListing, PaperIndexRow, StoredPaper } from './db';
import { activityOf, toPaperRecord } from './db';

export const MAX_LISTINGS = 32;
/** Abstract words kept in the search index per paper (the longest distinct ones: the most specific). */
const ABSTRACT_SEARCH_WORDS = 8;
/** Distinct words of a note kept in the search index (a 10,000-character note has about 1,500 words). */
const NOTE_SEARCH_WORDS = 400;

const PAPER_FIELDS = ['publishedAt', 'submittedOnDailyAt', 'upvotes', 'keywords', 'githubRepo'] as const;

/** Copies only the Paper fields (a listing may carry extra properties we do not keep). */
export function plainPaper(paper: Paper): Paper {
  const out: Paper = {
    id: paper.id,
    title: typeof paper.title === 'string' ? paper.title : '',
    abstract: typeof paper.abstract === 'string' ? paper.abstract : '',
    authors: Array.isArray(paper.authors) ? paper.authors.filter((name) => typeof name === 'string') : [],
  };
  for (const field of PAPER_FIELDS) if (paper[field] !== undefined) (out as unknown as Record<string, unknown>)[field] = paper[field];
  return out;
}

/**
 * The paper as best known: a non-empty title, the longer abstract (cards may show a truncated one), the longer
 * author list, and the site's latest dates, upvotes and links. Returns whether the searchable text changed.
 */
export function mergePaperText(record: StoredPaper, paper: Paper): { changed: boolean; textChanged: boolean } {
  let changed = false;
  let textChanged = false;
  if (paper.title && paper.title !== record.title) {
    record.title = paper.title;
    changed = textChanged = true;
  }
  if (paper.abstract && paper.abstract.length > (record.abstract?.length ?? 0)) {
    record.abstract = paper.abstract;
    changed = textChanged = true;
  }
  if (paper.authors.length > (record.authors?.length ?? 0)) {
    record.authors = [...paper.authors];
    changed = textChanged = true;
  }
  for (const field of PAPER_FIELDS) {
    const value = paper[field];
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(record[field])) {
      (record as unknown as Record<string, unknown>)[field] = value;
      changed = true;
    }
  }
  return { changed, textChanged };
}

export function newStoredPaper(paper: Paper, now: number): StoredPaper {
  return {
    ...plainPaper(paper),
    firstListedAt: now,
    lastListedAt: now,
    listedCount: 0,
    seenCount: 0,
    pageKinds: [],
    updatedAt: now,
    activityAt: now,
    listings: [],
  };
}

/** Records a visit (starting at `at`) of a page in the paper's listings. */
export function addListing(record: StoredPaper, pageKind: ListingKind, pageKey: string, at: number): void {
  const listings = record.listings ?? (record.listings = []);
  const existing = listings.find((listing) => listing.pageKey === pageKey);
  if (existing) {
    existing.firstAt = Math.min(existing.firstAt, at);
    existing.lastAt = Math.max(existing.lastAt, at);
  } else {
    listings.push({ pageKind, pageKey, firstAt: at, lastAt: at });
    if (listings.length > MAX_LISTINGS) {
      listings.sort((a, b) => b.lastAt - a.lastAt);
      listings.length = MAX_LISTINGS;
    }
  }
  if (!record.pageKinds.includes(pageKind)) record.pageKinds = [...record.pageKinds, pageKind];
}

/** Brings the derived ordering field up to date after any change. */
export function touch(record: StoredPaper, now: number): void {
  record.updatedAt = Math.max(record.updatedAt || 0, now);
  record.activityAt = activityOf(record);
}

/** A stored row from a public record (backups, older rows): the store's own fields filled in. */
export function storedFrom(record: PaperRecord, previous?: StoredPaper): StoredPaper {
  const stored: StoredPaper = {
    // A backup file never sets the store's own fields (toPaperRecord drops any it carries).
    ...toPaperRecord(record as StoredPaper),
    pageKinds: Array.isArray(record.pageKinds) ? record.pageKinds : [],
    listings: previous?.listings ?? [],
    activityAt: 0,
  };
  if (previous?.dupCheckedAt !== undefined) stored.dupCheckedAt = previous.dupCheckedAt;
  if (previous?.dupOf) stored.dupOf = previous.dupOf;
  if (stored.readAt === undefined || stored.readAt === null) delete stored.readAt;
  if (stored.starredAt === undefined || stored.starredAt === null) delete stored.starredAt;
  stored.activityAt = activityOf(stored);
  return stored;
}

/** What a paper's search words are made from: its text, and the reader's tags and note when it has them. */
export type SearchText = Pick<Paper, 'title' | 'authors' | 'abstract'> & { tags?: string[]; note?: string };

/**
 * Distinct folded search words: title and author words, the abstract's longest content words, and the words of
 * the reader's tags and note (every one, up to NOTE_SEARCH_WORDS: the reader searches for what they wrote).
 */
export function searchWords(paper: SearchText): string[] {
  const out = new Set<string>();
  for (const word of foldedWords(paper.title ?? '')) if (!STOP_WORDS.has(word)) out.add(word);
  for (const author of paper.authors ?? []) for (const word of foldedWords(author)) if (word.length > 1) out.add(word);
  const fromAbstract = [...new Set(foldedWords(paper.abstract ?? ''))]
    .filter((word) => word.length >= 5 && !STOP_WORDS.has(word) && !out.has(word) && !/^\d+$/.test(word))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .slice(0, ABSTRACT_SEARCH_WORDS);
  for (const word of fromAbstract) out.add(word);
  for (const tag of Array.isArray(paper.tags) ? paper.tags : []) for (const word of foldedWords(tag)) out.add(word);
  if (typeof paper.note === 'string' && paper.note !== '') {
    let added = 0;
    for (const word of foldedWords(paper.note)) {
      if (added >= NOTE_SEARCH_WORDS) break;
      if (out.has(word) || STOP_WORDS.has(word)) continue;
      out.add(word);
      added++;
    }
  }
  return [...out];
}

export function indexRowOf(paper: SearchText & Pick<Paper, 'id'>, now: number): PaperIndexRow {
  return indexRowWithKeys(paper, duplicateKeys(paper), now);
}

/** The index row of `paper` from duplicate keys already made from its text (see listing/merge.ts). */
export function indexRowWithKeys(paper: SearchText & Pick<Paper, 'id'>, keys: { titleKey: string; bandKeys: string[] }, now: number): PaperIndexRow {
  return { id: paper.id, titleKey: keys.titleKey, bandKeys: keys.bandKeys, words: searchWords(paper), indexedAt: now };
}
