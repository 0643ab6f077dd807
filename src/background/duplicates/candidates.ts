/**
 * The candidate index as the worker holds it: loaded once from its snapshot plus the rows indexed since (or
 * rebuilt from every paper when the duplicate keys changed), kept up to date as rows are indexed, and persisted
 * as a snapshot now and then. The papers and their index rows are the truth; this is a cache of them.
 */
import { duplicateKeys } from '../../core/duplicates';
import type { PaperLensDb, StoredPaper } from '../db/db';
import { indexRowOf } from '../db/derive';
import { CandidateIndex, type CandidateSnapshot } from './candidate-index';

/** Rows replayed per chunk when the candidate index is rebuilt. */
const REBUILD_CHUNK = 5000;
/** Delta size (papers) past which the candidate index is compacted and its snapshot persisted. */
const SNAPSHOT_EVERY = 2000;
/** The kv row holding the snapshot. */
export const SNAPSHOT_KEY = 'candidateIndex';

/** Changes when the detection helper's keys change: stored keys must then be recomputed. */
export function keysFingerprint(): string {
  const keys = duplicateKeys({
    title: 'Fingerprint of the Duplicate Keys',
    abstract: 'We measure how stable locality sensitive hashing keys remain across releases of the extension while abstracts change slowly over many weeks of daily reading and careful study of recent machine learning papers.',
  });
  return `${keys.titleKey}|${keys.bandKeys.join(',')}`;
}

export type IndexedKeys = ReadonlyArray<{ id: string; titleKey: string; bandKeys: string[]; indexedAt: number }>;

export class Candidates {
  private index: CandidateIndex | null = null;
  private loading: Promise<CandidateIndex> | null = null;
  private snapshotWrite: Promise<void> = Promise.resolve();

  constructor(private readonly db: PaperLensDb, private readonly now: () => number) {}

  /** The candidate index, loaded from its snapshot plus the rows indexed since (or rebuilt from all rows). */
  get(): Promise<CandidateIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.loading ??= this.load().then(
      (index) => {
        this.index = index;
        this.loading = null;
        return index;
      },
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  private async load(): Promise<CandidateIndex> {
    const fingerprint = keysFingerprint();
    const row = await this.db.kv.get(SNAPSHOT_KEY);
    const snapshot = row?.value as CandidateSnapshot | undefined;
    const index = new CandidateIndex(fingerprint, snapshot);
    if (snapshot && snapshot.fingerprint !== fingerprint) {
      // The keys changed: the stored rows hold old keys. Recompute them (the papers are the truth).
      await this.reindexAll(index);
      return index;
    }
    let from = index.replayFrom;
    for (;;) {
      const rows = await this.db.paperIndex.where('indexedAt').aboveOrEqual(from).limit(REBUILD_CHUNK).toArray();
      for (const indexRow of rows) index.add(indexRow.id, indexRow, indexRow.indexedAt);
      if (rows.length < REBUILD_CHUNK) break;
      const last = rows[rows.length - 1]?.indexedAt ?? from;
      // Rows sharing one indexedAt across a chunk border are added twice: harmless (ids are deduplicated).
      from = last;
      if (rows.every((r) => r.indexedAt === last)) from = last + 1;
    }
    if (index.pendingPapers >= SNAPSHOT_EVERY) this.persist(index);
    return index;
  }

  private async reindexAll(index: CandidateIndex): Promise<void> {
    let lastId: string | null = null;
    for (;;) {
      const papers: StoredPaper[] = lastId === null
        ? await this.db.papers.orderBy(':id').limit(REBUILD_CHUNK).toArray()
        : await this.db.papers.where(':id').above(lastId).limit(REBUILD_CHUNK).toArray();
      if (papers.length === 0) break;
      const now = this.now();
      const rows = papers.map((paper) => indexRowOf(paper, now));
      await this.db.paperIndex.bulkPut(rows);
      for (const indexRow of rows) index.add(indexRow.id, indexRow, indexRow.indexedAt);
      lastId = papers[papers.length - 1]?.id ?? null;
    }
    this.persist(index);
  }

  /**
   * Adds freshly indexed rows (after their transaction committed) and persists a snapshot now and then. During
   * a bulk run (an import being indexed) the snapshot, which holds every paper's keys, is written only when the
   * rows since the last one are a quarter of it, so indexing n papers writes O(n) of snapshots, not O(n²);
   * the run persists what remains when it ends (persistIfDue).
   */
  noteIndexed(rows: IndexedKeys, bulk = false): void {
    const index = this.index;
    if (!index) return; // not loaded yet: the load replays these rows from paperIndex
    for (const indexRow of rows) index.add(indexRow.id, indexRow, indexRow.indexedAt);
    const every = bulk ? Math.max(SNAPSHOT_EVERY, index.size / 4) : SNAPSHOT_EVERY;
    if (index.pendingPapers >= every) this.persist(index);
  }

  persistIfDue(): void {
    const index = this.index;
    if (index && index.pendingPapers >= SNAPSHOT_EVERY) this.persist(index);
  }

  private persist(index: CandidateIndex): void {
    const snapshot = index.compact();
    if (!snapshot) return;
    const value: CandidateSnapshot = { ...snapshot, ids: [...snapshot.ids], base: snapshot.base.slice() };
    // A cache: a failed or interrupted write only means more rows to replay at the next wake.
    this.snapshotWrite = this.snapshotWrite
      .then(() => this.db.kv.put({ key: SNAPSHOT_KEY, value }))
      .then(() => undefined, () => undefined);
  }

  /** Waits for pending snapshot writes (tests, shutdown). */
  flush(): Promise<void> {
    return this.snapshotWrite;
  }

  /** The database was cleared or merged into: load again at the next use. */
  forget(): void {
    this.index = null;
    this.loading = null;
  }
}
