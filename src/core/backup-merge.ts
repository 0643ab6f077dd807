/**
 * Merging a paper record from a backup into the one already stored: the newest state wins and nothing is lost.
 *  - Read and starred state come together from the record changed last (higher updatedAt), so an un-star made
 *    after a star wins. On a tie each is kept from whichever side has it.
 *  - first* times are the earliest, last* times the latest, counts the larger, page kinds the union.
 *  - Paper text and metadata (title, abstract, authors, dates, upvotes...) come from the newer record unless it
 *    has that field empty, then from the older one.
 *  - Fields this version does not know are kept, the newer record's value first.
 */
import type { PaperRecord, Sighting } from './records';

export type MergeChange = 'added' | 'updated' | 'unchanged';

const MIN_TIMES = ['firstListedAt', 'firstSeenAt'] as const;
const MAX_TIMES = ['lastListedAt', 'lastSeenAt', 'updatedAt'] as const;
const COUNTS = ['listedCount', 'seenCount'] as const;
const STATE = ['readAt', 'starredAt'] as const;
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

function copy(record: PaperRecord): PaperRecord {
  const out: Loose = { ...record };
  for (const [key, value] of Object.entries(out)) if (Array.isArray(value)) out[key] = [...value];
  return out as unknown as PaperRecord;
}

export function mergePaperRecords(existing: PaperRecord | undefined, incoming: PaperRecord): { record: PaperRecord; change: MergeChange } {
  if (!existing) return { record: copy(incoming), change: 'added' };
  const incomingIsNewer = incoming.updatedAt > existing.updatedAt;
  const tie = incoming.updatedAt === existing.updatedAt;
  const [newer, older] = (incomingIsNewer ? [incoming, existing] : [existing, incoming]) as unknown as [Loose, Loose];

  const merged: Loose = { ...older, ...newer };
  for (const key of MIN_TIMES) merged[key] = pick([existing[key], incoming[key]], Math.min);
  for (const key of MAX_TIMES) merged[key] = pick([existing[key], incoming[key]], Math.max);
  for (const key of COUNTS) merged[key] = Math.max(existing[key] ?? 0, incoming[key] ?? 0);
  merged.pageKinds = [...new Set([...(existing.pageKinds ?? []), ...(incoming.pageKinds ?? [])])];
  for (const key of STATE) merged[key] = tie ? (existing[key] ?? incoming[key]) : newer[key];
  for (const key of METADATA) merged[key] = isEmpty(newer[key]) ? older[key] : newer[key];
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
