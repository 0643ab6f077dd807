/**
 * Merging two copies of a paper record (a backup's and the store's, or two synced browsers'): nothing is lost.
 *  - The reader's own state (starred, read) merges field by field by the stamp of each field's last change
 *    (core/reader-state-merge), so a listing visit in one copy never takes back a star made in the other, and an
 *    un-star made after a star still wins.
 *  - first* times are the earliest, last* times the latest, counts the larger, page kinds the union.
 *  - Paper text and metadata (title, abstract, authors, dates, upvotes...) come from the newer record (higher
 *    updatedAt) unless it has that field empty, then from the older one. This rule has no per-field time, so it
 *    is associative only while no copy has the field empty (the reader's state always is).
 *  - Fields this version does not know are kept, the newer record's value first.
 * Either order of the two copies gives the same record: a tie on updatedAt is broken by the records' content.
 */
import type { PaperRecord, Sighting } from './records';
import { READER_FIELDS, mergeReaderState } from './reader-state-merge';

export type MergeChange = 'added' | 'updated' | 'unchanged';

const MIN_TIMES = ['firstListedAt', 'firstSeenAt'] as const;
const MAX_TIMES = ['lastListedAt', 'lastSeenAt', 'updatedAt'] as const;
const COUNTS = ['listedCount', 'seenCount'] as const;
const READER_KEYS: ReadonlySet<string> = new Set(READER_FIELDS.flatMap((field) => [...field.valueKeys, field.stampKey]));
const METADATA = ['title', 'abstract', 'authors', 'publishedAt', 'submittedOnDailyAt', 'upvotes', 'keywords', 'githubRepo'] as const;

type Loose = Record<string, unknown>;

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function pick(values: ReadonlyArray<number | undefined>, choose: (a: number, b: number) => number): number | undefined {
  const present = values.filter((value): value is number => typeof value === 'number');
  return present.length === 0 ? undefined : present.reduce((a, b) => choose(a, b));
}

/** Deep equality for plain JSON-like records (key order ignored). */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Loose)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Loose)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameRecord((a as Loose)[key], (b as Loose)[key]));
}

/** JSON with keys sorted and absent values left out: a content order for records that tie on updatedAt. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner;
    const sorted: Loose = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Loose)[key];
    return sorted;
  });
}

/** Whether `a` counts as the newer copy: the later updatedAt, on a tie the greater content. */
function isNewer(a: PaperRecord, b: PaperRecord): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return canonical(a) > canonical(b);
}

/**
 * One metadata field: a value beats an empty one, then the copy with the later updatedAt, then the greater value,
 * so the choice does not depend on which copy is stored.
 */
function newerValue(a: PaperRecord, b: PaperRecord, key: (typeof METADATA)[number]): unknown {
  const [valueA, valueB] = [a[key], b[key]];
  if (isEmpty(valueA) !== isEmpty(valueB)) return isEmpty(valueA) ? valueB : valueA;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? valueA : valueB;
  return canonical(valueA ?? null) >= canonical(valueB ?? null) ? valueA : valueB;
}

function copy(record: PaperRecord): PaperRecord {
  const out: Loose = { ...record };
  for (const [key, value] of Object.entries(out)) if (Array.isArray(value)) out[key] = [...value];
  return out as unknown as PaperRecord;
}

export function mergePaperRecords(existing: PaperRecord | undefined, incoming: PaperRecord): { record: PaperRecord; change: MergeChange } {
  if (!existing) return { record: copy(incoming), change: 'added' };
  const [newer, older] = (isNewer(incoming, existing) ? [incoming, existing] : [existing, incoming]) as unknown as [Loose, Loose];

  const merged: Loose = { ...older, ...newer };
  for (const key of READER_KEYS) delete merged[key];
  Object.assign(merged, mergeReaderState(existing, incoming));
  for (const key of MIN_TIMES) merged[key] = pick([existing[key], incoming[key]], Math.min);
  for (const key of MAX_TIMES) merged[key] = pick([existing[key], incoming[key]], Math.max);
  for (const key of COUNTS) merged[key] = Math.max(existing[key] ?? 0, incoming[key] ?? 0);
  merged.pageKinds = [...new Set([...(existing.pageKinds ?? []), ...(incoming.pageKinds ?? [])])];
  for (const key of METADATA) merged[key] = newerValue(existing, incoming, key);
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];

  const record = copy(merged as unknown as PaperRecord);
  return { record, change: sameRecord(record, existing) ? 'unchanged' : 'updated' };
}

/** One key per sighting (paper, page, time): the store's primary key, so a re-imported sighting is skipped. */
export function sightingKey(sighting: Pick<Sighting, 'paperId' | 'pageKey' | 'at'>): string {
  return JSON.stringify([sighting.paperId, sighting.pageKey, sighting.at]);
}

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** Merges records into a map by id (an in-memory store; the background does the same per chunk in IndexedDB). */
export function mergeIntoMap(store: Map<string, PaperRecord>, records: Iterable<PaperRecord>): MergeCounts {
  const counts: MergeCounts = { added: 0, updated: 0, unchanged: 0 };
  for (const incoming of records) {
    const { record, change } = mergePaperRecords(store.get(incoming.id), incoming);
    if (change !== 'unchanged') store.set(record.id, record);
    counts[change]++;
  }
  return counts;
}
