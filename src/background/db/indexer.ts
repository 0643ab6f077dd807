/**
 * Writes the derived search/duplicate rows (paperIndex) outside the request that stored the paper, so a
 * listing or an imported chunk is answered as soon as the papers themselves are safe. The papers are the
 * truth: whatever paper lacks an index row (the worker stopped in between, an import) is found by comparing
 * the two tables' primary keys (keys only, sorted) and indexed in small transactions.
 *
 * While an import sends chunks, the rows of its papers wait for a pause and are then written in small batches:
 * each chunk waits for an index transaction under way and shares the worker's one thread with its MinHash and
 * search-word computation (which costs more than the papers' own writes). A listing or a search that needs
 * their keys meanwhile has them written at once (keysReady).
 */
import type { PaperIndexRow, PaperLensDb } from './db';
import { indexRowOf } from './derive';
import type { PaperTotal } from './paper-total';
import { titleKey } from '../../core/text';
import { getAmong } from './sparse-read';
import type { Lap } from '../bench/lap';

/** What the indexer works with: the database, the clock, the papers' total, and the candidate index it feeds. */
export interface IndexerHost {
  readonly db: PaperLensDb;
  readonly now: () => number;
  readonly paperTotal: PaperTotal;
  readonly candidates: { noteIndexed(rows: readonly PaperIndexRow[], bulk?: boolean): void; persistIfDue(): void };
  readonly lap: Lap;
}

/** Papers per index transaction when catching up after a wake. */
const CHUNK = 500;
/**
 * Papers per index transaction while an import may still be sending: an import chunk that arrives during one
 * waits for it (a 500-paper batch took about 1 s on the loaded 2-core VM, which the old code made every chunk
 * of the store bench wait for, since the bench makes its papers between chunks), so these are small.
 */
const IMPORT_BATCH = 100;
/**
 * An import sends its chunks back to back: indexing what it added waits for a pause this long, and goes on in
 * small batches in any longer gap, so that little is left for after the import (listings and searches wait for
 * that remainder: keysReady). A 2 s pause gave the store bench faster chunks, but left most of its 100,000
 * papers unindexed when the import ended, and its first listing then waited past the bench's time limit. An
 * options-page import has no gaps: all of its rows are written after it, with either pause.
 */
const IMPORT_PAUSE_MS = 300;
/**
 * Rows still to write that a listing or a search waits for, at most (1-2 ms of the worker's time each here): with
 * more left (a big import just ended) it goes on with what is indexed, as before rows were waited for, so a
 * listing's states (seen, read, starred) never wait a minute for the history duplicates of papers just imported
 * (its papers are checked again once the rows are written: duplicates/recheck.ts).
 */
export const KEYS_WAIT_LIMIT = 1000;

export class Indexer {
  private running: Promise<void> | null = null;
  private again = false;
  private writes: Promise<void> = Promise.resolve();
  /** Ids an import added, waiting to be indexed (see indexAdded). */
  private readonly added = new Set<string>();
  private addedRun: Promise<void> | null = null;
  /** performance.now() of the latest import chunk (real time: tests drive the store's clock by hand). */
  private lastImportAt = -Infinity;
  /** Listings waiting for the imported papers' keys: the import pause is skipped while any does. */
  private urgent = 0;
  /** A wake's catch-up found papers without rows and is indexing them. */
  private catchingUp: Promise<void> | null = null;
  /** Papers the catch-up has still to index. */
  private catchUpLeft = 0;
  /** Rows left that keysReady waits for, at most (tests lower it). */
  waitLimit = KEYS_WAIT_LIMIT;

  constructor(private readonly host: IndexerHost) {}

  /** Writes rows computed by a request (text new or changed; the candidate index already has them). */
  write(rows: PaperIndexRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const done = this.writeNow(rows);
    this.writes = this.writes.then(() => done).catch(() => undefined);
    return done;
  }

  private async writeNow(rows: PaperIndexRow[]): Promise<void> {
    const { papers, paperIndex } = this.host.db;
    await this.host.db.transaction('rw', [papers, paperIndex], async () => {
      // Only rows whose paper still has this title (a later request may have changed it meanwhile; its own row
      // is written after this one). The title key alone is compared: making the whole row again to read it tokenised
      // every listed paper's abstract a second time.
      const current = await papers.bulkGet(rows.map((row) => row.id));
      const fresh = rows.filter((row, i) => current[i] && titleKey(current[i]!.title ?? '') === row.titleKey);
      await paperIndex.bulkPut(fresh);
    });
  }

  /** Resolves once pending writes and catch-ups are done, an import's papers indexed at once (tests, benchmarks). */
  async settled(): Promise<void> {
    this.urgent++;
    try {
      await this.writes;
      while (this.addedRun) await this.addedRun;
      if (this.running) await this.running;
    } finally {
      this.urgent--;
    }
  }

  /**
   * Indexes papers an import just added, by id: the import knows exactly which, so no scan of both tables'
   * keys (which at 100,000 papers held every following import chunk back). Ids arriving while a chunk is
   * written join the queue. A stop before they are written is caught up from the keys at the next wake.
   */
  indexAdded(ids: Iterable<string>): Promise<void> {
    for (const id of ids) this.added.add(id);
    this.lastImportAt = performance.now();
    this.addedRun ??= (async () => {
      while (this.added.size > 0) {
        await this.importPause();
        // The first ids of the queue, without copying all of it (it holds a whole import).
        const size = this.urgent > 0 ? CHUNK : IMPORT_BATCH;
        const chunk: string[] = [];
        for (const id of this.added) {
          if (chunk.length >= size) break;
          chunk.push(id);
        }
        for (const id of chunk) this.added.delete(id);
        await this.indexIds(chunk);
      }
    })().finally(() => {
      this.addedRun = null;
      this.host.candidates.persistIfDue();
    });
    return this.addedRun;
  }

  /**
   * Resolves once the papers an import added and a wake's catch-up found unindexed have their rows (and so their
   * keys in the candidate index), without waiting for the import to pause: a listing must find them as history
   * duplicates, a search by their words. Nothing to wait for in the usual case; with more than `limit` rows left
   * it does not wait (see KEYS_WAIT_LIMIT), and those papers are found once their rows are written. Resolves to
   * whether every row was written (false: it went on without them, and a listing has its papers checked again
   * once they are: duplicates/recheck.ts).
   */
  async keysReady(limit = this.waitLimit): Promise<boolean> {
    if (!this.addedRun && !this.catchingUp) return true;
    if (this.added.size + this.catchUpLeft > limit) return false;
    this.urgent++;
    try {
      // A failed run leaves its papers to the next catch-up, as before: the listing goes on with what is indexed.
      while (this.addedRun || this.catchingUp) await Promise.all([this.addedRun, this.catchingUp]).catch(() => undefined);
    } finally {
      this.urgent--;
    }
    return true;
  }

  /** Resolves once the papers an import added and a wake's catch-up found have their rows, at the indexer's pace. */
  async indexedAll(): Promise<void> {
    while (this.addedRun || this.running) await Promise.all([this.addedRun, this.running]).catch(() => undefined);
  }

  /** Indexes every paper without an index row; coalesces calls while running. Resolves when caught up. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.indexMissing();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async indexMissing(): Promise<void> {
    const { papers, paperIndex } = this.host.db;
    // Index rows only exist for stored papers, so equal counts mean nothing is missing (the usual wake). The
    // papers' total is the one history shows (kept afterwards); every index row has an indexedAt, and counting
    // that index reads only its keys (a table count reads every row in Chromium).
    const [paperCount, indexCount] = await Promise.all([this.host.paperTotal.get(() => papers.count()), paperIndex.orderBy('indexedAt').count()]);
    if (paperCount === indexCount) return;
    const [paperIds, indexedIds] = await this.host.db.transaction('r', [papers, paperIndex], () =>
      Promise.all([papers.toCollection().primaryKeys(), paperIndex.toCollection().primaryKeys()]));
    const indexed = new Set(indexedIds);
    const missing = paperIds.filter((id) => !indexed.has(id));
    if (missing.length === 0) return;
    this.catchUpLeft = missing.length;
    this.catchingUp = (async () => {
      for (let from = 0; from < missing.length; from += CHUNK) {
        await this.indexIds(missing.slice(from, from + CHUNK));
        this.catchUpLeft = Math.max(0, missing.length - from - CHUNK);
      }
    })();
    try {
      await this.catchingUp;
    } finally {
      this.catchingUp = null;
      this.catchUpLeft = 0;
    }
    this.host.candidates.persistIfDue();
  }

  /** An import chunk is being merged (its ids follow through indexAdded once it committed). */
  noteImport(): void {
    this.lastImportAt = performance.now();
  }

  private async importPause(): Promise<void> {
    for (;;) {
      if (this.urgent > 0) return;
      const wait = this.lastImportAt + IMPORT_PAUSE_MS - performance.now();
      if (wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 100)));
    }
  }

  /** Writes the index rows of those of `ids` that are stored and have none yet. */
  private async indexIds(ids: string[]): Promise<void> {
    const { papers, paperIndex } = this.host.db;
    const now = this.host.now();
    const lap = performance.now();
    // Read, compute and write in one transaction: rows computed outside it would need the papers read again to
    // know their text did not change meanwhile, which cost more than the computation (measured in Chromium).
    const rows = await this.host.db.transaction('rw', [papers, paperIndex], async () => {
      const [records, existing] = await Promise.all([papers.bulkGet(ids), getAmong(paperIndex, ids, (row) => row.id)]);
      const out = records.flatMap((record, i) => (record && !existing[i] ? [indexRowOf(record, now)] : []));
      if (out.length > 0) await paperIndex.bulkPut(out);
      return out;
    });
    if (__BENCH__) this.host.lap('index:batch', lap);
    this.host.candidates.noteIndexed(rows, true);
  }
}
