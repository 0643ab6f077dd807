/**
 * The Dexie database and the shapes its tables hold. Stored paper rows are PaperRecords plus a few fields the
 * store derives for itself; `toPaperRecord` strips them before anything leaves the worker.
 */
import { Dexie, type Table } from 'dexie';
import type { ListingKind, DuplicateRule } from '../../core/types';
import type { PaperRecord, Sighting } from '../../core/records';
import { DB_NAME, declareSchema, SCHEMA_VERSIONS, type SchemaVersion } from './schema';

/** One page a paper was listed on: its first and its latest visit start. */
export interface PageListing {
  pageKind: ListingKind;
  pageKey: string;
  firstAt: number;
  lastAt: number;
}

export interface StoredPaper extends PaperRecord {
  /** Latest of listed, seen, read and starred: orders the history view. */
  activityAt: number;
  /** Distinct pages the paper was listed on (newest 32), so a listing's state needs no sightings query. */
  listings: PageListing[];
  /** When the history-duplicate lookup ran for this paper (it runs once: later papers are the repeats). */
  dupCheckedAt?: number;
  /** The earlier-known paper this one repeats under another id. */
  dupOf?: { id: string; rule: DuplicateRule };
}

export interface PaperIndexRow {
  id: string;
  titleKey: string;
  /** Folded words of title, authors and the abstract's most specific words; prefix-searched. */
  words: string[];
  bandKeys: string[];
  indexedAt: number;
}

export interface KvRow {
  key: string;
  value: unknown;
}

export type SightingKey = [string, string, number];

export class PaperLensDb extends Dexie {
  papers!: Table<StoredPaper, string>;
  paperIndex!: Table<PaperIndexRow, string>;
  sightings!: Table<Sighting, SightingKey>;
  kv!: Table<KvRow, string>;

  constructor(options: { name?: string; versions?: readonly SchemaVersion[]; upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super(options.name ?? DB_NAME, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
      // The worker is the only writer that matters; Dexie's optimistic live-query cache would only cost memory.
      cache: 'disabled',
    });
    declareSchema(this, options.versions ?? SCHEMA_VERSIONS, options.upTo);
  }
}

const INTERNAL_FIELDS = ['activityAt', 'listings', 'dupCheckedAt', 'dupOf'] as const;

/** The public record, without the store's own fields. */
export function toPaperRecord(stored: StoredPaper): PaperRecord {
  const copy: Record<string, unknown> = { ...stored };
  for (const field of INTERNAL_FIELDS) delete copy[field];
  return copy as unknown as PaperRecord;
}

export function activityOf(record: PaperRecord): number {
  return Math.max(record.lastListedAt || 0, record.lastSeenAt ?? 0, record.readAt ?? 0, record.starredAt ?? 0, record.firstListedAt || 0);
}

export const sightingKeyOf = (sighting: Sighting): SightingKey => [sighting.paperId, sighting.pageKey, sighting.at];
