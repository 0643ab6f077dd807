/**
 * The store: the database plus the worker's caches (settings, the candidate index, the reader's reference set
 * for related papers). Every request handler takes a Store; tests and the benchmark build one directly.
 */
import type { PaperState, ReaderRelated } from '../core/records';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../core/settings';
import { duplicateKeys } from '../core/duplicates';
import { ReferencePapers } from '../core/related';
import { CandidateIndex, type CandidateSnapshot } from './duplicates/candidate-index';
import { PaperLensDb, type StoredPaper } from './db/db';
import { stateOf } from './papers/paper-state';
import { indexRowOf } from './db/derive';
import { Indexer } from './db/indexer';
import { PaperTotal } from './db/paper-total';
import { PendingAnalyses } from './analysis/pending-analyses';
import { PendingWrites } from './listing/pending-writes';
import { PendingRelated } from './related/reader-related';
import { DuplicateRecheck } from './duplicates/recheck';
import { HybridClock, newDeviceId } from '../core/hlc';
import type { SyncEngine } from './sync/engine';

/** Starred and read papers compared with each listing, newest first. */
export const REFERENCE_LIMIT = 400;
/** Rows replayed per chunk when the candidate index is rebuilt. */
const REBUILD_CHUNK = 5000;
/** Delta size (papers) past which the candidate index is compacted and its snapshot persisted. */
const SNAPSHOT_EVERY = 2000;
const RELATED_CACHE_LIMIT = 5000;

/** Changes when the detection helper's keys change: stored keys must then be recomputed. */
export function keysFingerprint(): string {
  const keys = duplicateKeys({
    title: 'Fingerprint of the Duplicate Keys',
    abstract: 'We measure how stable locality sensitive hashing keys remain across releases of the extension while abstracts change slowly over many weeks of daily reading and careful study of recent machine learning papers.',
  });
  return `${keys.titleKey}|${keys.bandKeys.join(',')}`;
}

/** The kv row holding this profile's device id for change stamps. */
export const DEVICE_KEY = 'device';

export interface StoreOptions {
  db?: PaperLensDb;
  now?: () => number;
}

export class Store {
  readonly db: PaperLensDb;
  readonly now: () => number;
  private settingsCache: Settings | null = null;
  private readerClock: Promise<HybridClock> | null = null;
  private candidateIndex: CandidateIndex | null = null;
  private candidateLoading: Promise<CandidateIndex> | null = null;
  private referenceCache: StoredPaper[] | null = null;
  private referenceTokens: { papers: StoredPaper[]; tokens: ReferencePapers<StoredPaper> } | null = null;
  /** Bumped whenever starred/read papers change; reader-related results carry the version they were made with. */
  referenceVersion = 0;
  private readonly relatedCache = new Map<string, ReaderRelated[]>();
  private snapshotWrite: Promise<void> = Promise.resolve();
  /** Writes derived index rows after the request that needed them; catches up after a stop or an import. */
  readonly indexer: Indexer;
  /** Page analyses page/listed started, until the page's page/analyse takes them. */
  readonly analyses = new PendingAnalyses();
  /** How many papers are stored; writes that add papers go through paperTotal.track. */
  readonly paperTotal = new PaperTotal();
  /** Listings answered before their write committed, by receipt (see listing/record-listing.ts). */
  readonly pendingWrites = new PendingWrites();
  /** Reader-related scorings page/listed started after answering, by ref (see related/reader-related.ts). */
  readonly pendingRelated = new PendingRelated();
  /** Listings' papers checked for history duplicates again once an import's index rows are all written. */
  readonly duplicateRecheck = new DuplicateRecheck(this);
  /** Papers whose state changed outside any request (a recheck): the worker tells the tabs. */
  onLateChange: ((ids: string[]) => void) | null = null;
  /** Reports a phase's ms since `since` and returns now: bench builds only (bench/bench-hooks.ts sets it; call it under `__BENCH__`). */
  declare lap: (phase: string, since: number) => number;
  /** Sync through the browser's storage.sync (set by the worker's entry; absent in most tests). */
  sync: SyncEngine | null = null;

  constructor(options: StoreOptions = {}) {
    this.db = options.db ?? new PaperLensDb();
    this.now = options.now ?? Date.now;
    this.indexer = new Indexer(this);
  }

  async open(): Promise<void> {
    if (!this.db.isOpen()) await this.db.open();
  }

  async settings(): Promise<Settings> {
    if (this.settingsCache) return this.settingsCache;
    const row = await this.db.kv.get('settings');
    this.settingsCache = row ? normaliseSettings(row.value) : DEFAULT_SETTINGS;
    return this.settingsCache;
  }

  rememberSettings(settings: Settings): void {
    this.settingsCache = settings;
  }

  /**
   * This profile's clock for the reader's changes. Its device id is made once and kept in the kv table beside the
   * settings, but not in them: a backup carries the settings, and another profile restoring it must keep its own id.
   */
  clock(): Promise<HybridClock> {
    this.readerClock ??= this.db
      .transaction('rw', this.db.kv, async () => {
        const row = await this.db.kv.get(DEVICE_KEY);
        if (typeof row?.value === 'string' && /^[A-Za-z0-9_-]+$/.test(row.value)) return row.value;
        const device = newDeviceId();
        await this.db.kv.put({ key: DEVICE_KEY, value: device });
        return device;
      })
      .then((device) => new HybridClock(device, this.now))
      .catch((error: unknown) => {
        this.readerClock = null;
        throw error;
      });
    return this.readerClock;
  }

  /** The candidate index, loaded from its snapshot plus the rows indexed since (or rebuilt from all rows). */
  candidates(): Promise<CandidateIndex> {
    if (this.candidateIndex) return Promise.resolve(this.candidateIndex);
    this.candidateLoading ??= this.loadCandidates().then(
      (index) => {
        this.candidateIndex = index;
        this.candidateLoading = null;
        return index;
      },
      (error: unknown) => {
        this.candidateLoading = null;
        throw error;
      },
    );
    return this.candidateLoading;
  }

  private async loadCandidates(): Promise<CandidateIndex> {
    const fingerprint = keysFingerprint();
    const row = await this.db.kv.get('candidateIndex');
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
    if (index.pendingPapers >= SNAPSHOT_EVERY) this.persistCandidates(index);
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
    this.persistCandidates(index);
  }

  /**
   * Adds freshly indexed rows (after their transaction committed) and persists a snapshot now and then. During
   * a bulk run (an import being indexed) the snapshot, which holds every paper's keys, is written only when the
   * rows since the last one are a quarter of it, so indexing n papers writes O(n) of snapshots, not O(n²);
   * the run persists what remains when it ends (persistCandidatesIfDue).
   */
  noteIndexed(rows: ReadonlyArray<{ id: string; titleKey: string; bandKeys: string[]; indexedAt: number }>, bulk = false): void {
    const index = this.candidateIndex;
    if (!index) return; // not loaded yet: the load replays these rows from paperIndex
    for (const indexRow of rows) index.add(indexRow.id, indexRow, indexRow.indexedAt);
    const every = bulk ? Math.max(SNAPSHOT_EVERY, index.size / 4) : SNAPSHOT_EVERY;
    if (index.pendingPapers >= every) this.persistCandidates(index);
  }

  persistCandidatesIfDue(): void {
    const index = this.candidateIndex;
    if (index && index.pendingPapers >= SNAPSHOT_EVERY) this.persistCandidates(index);
  }

  private persistCandidates(index: CandidateIndex): void {
    const snapshot = index.compact();
    if (!snapshot) return;
    const value: CandidateSnapshot = { ...snapshot, ids: [...snapshot.ids], base: snapshot.base.slice() };
    // A cache: a failed or interrupted write only means more rows to replay at the next wake.
    this.snapshotWrite = this.snapshotWrite
      .then(() => this.db.kv.put({ key: 'candidateIndex', value }))
      .then(() => undefined, () => undefined);
  }

  /** Waits for pending snapshot writes (tests, shutdown). */
  flush(): Promise<void> {
    return this.snapshotWrite;
  }

  /** Starred and read papers, newest first, at most REFERENCE_LIMIT. */
  async referenceSet(): Promise<StoredPaper[]> {
    if (this.referenceCache) return this.referenceCache;
    const version = this.referenceVersion;
    const [starred, read] = await Promise.all([
      this.db.papers.orderBy('starredAt').reverse().limit(REFERENCE_LIMIT).toArray(),
      this.db.papers.orderBy('readAt').reverse().limit(REFERENCE_LIMIT).toArray(),
    ]);
    const byId = new Map<string, StoredPaper>();
    for (const paper of [...starred, ...read]) if (!byId.has(paper.id)) byId.set(paper.id, paper);
    const reference = [...byId.values()]
      .sort((a, b) => Math.max(b.starredAt ?? 0, b.readAt ?? 0) - Math.max(a.starredAt ?? 0, a.readAt ?? 0))
      .slice(0, REFERENCE_LIMIT);
    if (version === this.referenceVersion) this.referenceCache = reference;
    return reference;
  }

  /** The reference set tokenized for related papers, made once per reference set (not per listing). */
  async referencePapers(): Promise<ReferencePapers<StoredPaper>> {
    const papers = await this.referenceSet();
    if (this.referenceTokens?.papers !== papers) this.referenceTokens = { papers, tokens: new ReferencePapers(papers) };
    return this.referenceTokens.tokens;
  }

  /** Starred or read papers changed (or everything did). */
  invalidateReference(): void {
    this.referenceVersion++;
    this.referenceCache = null;
    this.referenceTokens = null;
  }

  cachedRelated(id: string): ReaderRelated[] | undefined {
    return this.relatedCache.get(id);
  }

  rememberRelated(id: string, related: ReaderRelated[]): void {
    if (this.relatedCache.size >= RELATED_CACHE_LIMIT) this.relatedCache.clear();
    this.relatedCache.set(id, related);
  }

  /** Everything cached from the database is dropped (after data/clear or a merge). */
  forgetAll(): void {
    this.invalidateReference();
    this.relatedCache.clear();
    this.candidateIndex = null;
    this.candidateLoading = null;
    this.paperTotal.forget();
  }

  /** States of stored papers, with their history duplicates looked up. Runs inside or outside a transaction. */
  async statesOf(ids: readonly string[], pageKeyOf: (id: string) => string | undefined = () => undefined): Promise<PaperState[]> {
    const [records] = await Promise.all([this.db.papers.bulkGet([...ids]), this.pendingRelated.settledFor(ids)]);
    return this.statesFromRecords(ids, records, pageKeyOf);
  }

  async statesFromRecords(
    ids: readonly string[],
    records: ReadonlyArray<StoredPaper | undefined>,
    pageKeyOf: (id: string) => string | undefined = () => undefined,
    known: Map<string, StoredPaper> = new Map(),
  ): Promise<PaperState[]> {
    const missing = [...new Set(records.map((record) => record?.dupOf?.id).filter((id): id is string => !!id && !known.has(id)))];
    if (missing.length > 0) {
      const found = await this.db.papers.bulkGet(missing);
      for (const paper of found) if (paper) known.set(paper.id, paper);
    }
    return ids.map((id, i) => {
      const record = records[i];
      const context: Parameters<typeof stateOf>[2] = {};
      const pageKey = pageKeyOf(id);
      if (pageKey !== undefined) context.pageKey = pageKey;
      const dupKnown = record?.dupOf ? known.get(record.dupOf.id) : undefined;
      if (dupKnown) context.dupKnown = dupKnown;
      const related = this.relatedCache.get(id);
      if (related) context.readerRelated = related;
      return stateOf(record, id, context);
    });
  }
}

