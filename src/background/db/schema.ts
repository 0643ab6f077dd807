/**
 * The database schema, one entry per version. A version once released is never edited: a change is a new
 * entry with its own upgrade, so every database ever written opens with the current code (see schema.test.ts,
 * which opens a database written at version 1 with the current schema and compares every record).
 * Nothing is ever deleted to recover from an error; an upgrade only adds or rewrites.
 */
import type { Dexie, Transaction } from 'dexie';

export const DB_NAME = 'paper-lens';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then indexes (`*` multi-entry, `[a+b]` compound). */
  stores: Record<string, string | null>;
  /** Rewrites records written by the previous version; runs inside the version-change transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Version 1.
 *  papers      one row per paper: state, counters, the pages it was listed on (`listings`). Only scalar indexes,
 *              so the frequent state writes never rewrite big multi-entry index entries.
 *  paperIndex  derived search and duplicate keys, written only when a paper's text changes: folded title key,
 *              search words (multi-entry) and MinHash band keys (stored, served from memory: see band-index.ts).
 *  sightings   one row per paper per page visit; the primary key makes a repeated sighting idempotent.
 *  kv          settings and small derived snapshots.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      papers: 'id, activityAt, lastListedAt, lastSeenAt, readAt, starredAt, updatedAt',
      paperIndex: 'id, titleKey, *words, indexedAt',
      sightings: '[paperId+pageKey+at], [paperId+at], [pageKey+at], at',
      kv: 'key',
    },
  },
  /**
   * Version 2: the papers lose the `updatedAt` index. No query reads it (backup merges compare the field, which
   * stays in every row), and each index entry is written with every paper: an import's 1000-paper chunk spent a
   * third of its puts on it. Dropping an index rewrites no record.
   */
  {
    version: 2,
    stores: {
      papers: 'id, activityAt, lastListedAt, lastSeenAt, readAt, starredAt',
    },
  },
  /**
   * Version 3: the papers' tags are a multi-entry index (`*tags`), so the popup's tag filter and the tag list for
   * autocomplete read the index, not every paper. Only papers that carry tags have entries. Adding an index
   * rewrites no record.
   */
  {
    version: 3,
    stores: {
      papers: 'id, activityAt, lastListedAt, lastSeenAt, readAt, starredAt, *tags',
    },
  },
];

export const LATEST_VERSION = Math.max(...SCHEMA_VERSIONS.map((entry) => entry.version));

/** Declares every version up to `upTo` on a Dexie instance (tests open older versions to write old data). */
export function declareSchema(db: Dexie, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS, upTo = Infinity): void {
  for (const entry of versions) {
    if (entry.version > upTo) continue;
    const declared = db.version(entry.version).stores(entry.stores);
    if (entry.upgrade) declared.upgrade(entry.upgrade);
  }
}
