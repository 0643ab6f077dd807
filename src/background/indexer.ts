/**
 * Writes the derived search/duplicate rows (paperIndex) outside the request that stored the paper, so a
 * listing or an imported chunk is answered as soon as the papers themselves are safe. The papers are the
 * truth: whatever paper lacks an index row (the worker stopped in between, an import) is found by comparing
 * the two tables' primary keys (keys only, sorted) and indexed in small transactions.
 */
import type { PaperIndexRow } from './db';
import { indexRowOf } from './derive';
import type { Store } from './store';
import { getAmong } from './sparse-read';

const CHUNK = 500;
/**
 * An import sends its chunks back to back: indexing what it added waits for a pause this long, so that each
 * chunk is not held up by the index writes of the ones before it (the rows are written right after the import).
 */
const IMPORT_PAUSE_MS = 300;

export class Indexer {
  private running: Promise<void> | null = null;
  private again = false;
  private writes: Promise<void> = Promise.resolve();
  /** Ids an import added, waiting to be indexed (see indexAdded). */
  private readonly added = new Set<string>();
  private addedRun: Promise<void> | null = null;
  /** performance.now() of the latest import chunk (real time: tests drive the store's clock by hand). */
  private lastImportAt = -Infinity;

  constructor(private readonly store: Store) {}

  /** Writes rows computed by a request (text new or changed; the candidate index already has them). */
  write(rows: PaperIndexRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const done = this.writeNow(rows);
    this.writes = this.writes.then(() => done).catch(() => undefined);
    return done;
  }

  private async writeNow(rows: PaperIndexRow[]): Promise<void> {
    const { papers, paperIndex } = this.store.db;
    await this.store.db.transaction('rw', [papers, paperIndex], async () => {
      // Only rows whose paper still has this text (a later request may have changed it meanwhile).
      const current = await papers.bulkGet(rows.map((row) => row.id));
      const fresh = rows.filter((row, i) => current[i] && indexRowOf(current[i]!, row.indexedAt).titleKey === row.titleKey);
      await paperIndex.bulkPut(fresh);
    });
  }

  /** Resolves once pending writes and catch-ups are done (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.writes;
    while (this.addedRun) await this.addedRun;
    if (this.running) await this.running;
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
        const chunk = [...this.added].slice(0, CHUNK);
        for (const id of chunk) this.added.delete(id);
        await this.indexIds(chunk);
      }
    })().finally(() => {
      this.addedRun = null;
      this.store.persistCandidatesIfDue();
    });
    return this.addedRun;
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
    const { papers, paperIndex } = this.store.db;
    // Index rows only exist for stored papers, so equal counts mean nothing is missing (the usual wake). The
    // papers' total is the one history shows (kept afterwards); every index row has an indexedAt, and counting
    // that index reads only its keys (a table count reads every row in Chromium).
    const [paperCount, indexCount] = await Promise.all([this.store.paperTotal.get(() => papers.count()), paperIndex.orderBy('indexedAt').count()]);
    if (paperCount === indexCount) return;
    const [paperIds, indexedIds] = await this.store.db.transaction('r', [papers, paperIndex], () =>
      Promise.all([papers.toCollection().primaryKeys(), paperIndex.toCollection().primaryKeys()]));
    const indexed = new Set(indexedIds);
    const missing = paperIds.filter((id) => !indexed.has(id));
    for (let from = 0; from < missing.length; from += CHUNK) await this.indexIds(missing.slice(from, from + CHUNK));
    this.store.persistCandidatesIfDue();
  }

  /** An import chunk is being merged (its ids follow through indexAdded once it committed). */
  noteImport(): void {
    this.lastImportAt = performance.now();
  }

  private async importPause(): Promise<void> {
    for (;;) {
      const wait = this.lastImportAt + IMPORT_PAUSE_MS - performance.now();
      if (wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Writes the index rows of those of `ids` that are stored and have none yet. */
  private async indexIds(ids: string[]): Promise<void> {
    const { papers, paperIndex } = this.store.db;
    const now = this.store.now();
    const rows = await this.store.db.transaction('rw', [papers, paperIndex], async () => {
      const [records, existing] = await Promise.all([papers.bulkGet(ids), getAmong(paperIndex, ids, (row) => row.id)]);
      const out = records.flatMap((record, i) => (record && !existing[i] ? [indexRowOf(record, now)] : []));
      if (out.length > 0) await paperIndex.bulkPut(out);
      return out;
    });
    this.store.noteIndexed(rows, true);
  }
}
