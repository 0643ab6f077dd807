/**
 * The store: the database plus what the worker's requests share (settings, the reader's clock, the reference set
 * and reader-related cache) and the long-lived parts of the subsystems (candidate index, indexer, duplicate
 * recheck, the tables of work finished after an answer), each built with only what it uses. Handlers' functions
 * take the Pick of it they use; tests and the benchmark build one directly.
 */
import type { PaperState, ReaderRelated } from '../core/records';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../core/settings';
import { ReferencePapers } from '../core/related';
import { Candidates } from './duplicates/candidates';
import { PaperLensDb, type StoredPaper } from './db/db';
import { stateOf } from './papers/paper-state';
import { Indexer } from './db/indexer';
import { PaperTotal } from './db/paper-total';
import { PendingAnalyses } from './analysis/pending-analyses';
import { PendingWrites } from './listing/pending-writes';
import { PageWrites } from './listing/page-writes';
import { PendingRelated } from './related/pending-related';
import { DuplicateRecheck } from './duplicates/recheck';
import { HybridClock, newDeviceId } from '../core/hlc';
import type { Lap } from './bench/lap';

/** Starred and read papers compared with each listing, newest first. */
export const REFERENCE_LIMIT = 400;
const RELATED_CACHE_LIMIT = 5000;

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
  private referenceCache: StoredPaper[] | null = null;
  private referenceTokens: { papers: StoredPaper[]; tokens: ReferencePapers<StoredPaper> } | null = null;
  /** Bumped whenever starred/read papers change; reader-related results carry the version they were made with. */
  referenceVersion = 0;
  private readonly relatedCache = new Map<string, ReaderRelated[]>();
  /** The history-duplicate candidate index, loaded on first use. */
  readonly candidates: Candidates;
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
  /** Listing writes under way by page, which a papers/seen of the same page waits for. */
  readonly pageWrites = new PageWrites();
  /** Listings' papers checked for history duplicates again once an import's index rows are all written. */
  readonly duplicateRecheck: DuplicateRecheck;
  /** Papers whose state changed outside any request (a recheck): the worker tells the tabs. */
  onLateChange: ((ids: string[]) => void) | null = null;
  /** Reports a phase's ms since `since` and returns now: bench builds only (bench/bench-hooks.ts sets it; call it under `__BENCH__`). */
  declare lap: Lap;

  constructor(options: StoreOptions = {}) {
    this.db = options.db ?? new PaperLensDb();
    this.now = options.now ?? Date.now;
    this.candidates = new Candidates(this.db, this.now);
    this.indexer = new Indexer(this);
    this.duplicateRecheck = new DuplicateRecheck({
      db: this.db,
      now: this.now,
      candidates: this.candidates,
      indexedAll: () => this.indexer.indexedAll(),
      changed: (ids) => this.onLateChange?.(ids),
    });
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
    this.candidates.forget();
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

