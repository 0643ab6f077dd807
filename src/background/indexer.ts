/**
 * Writes the derived search/duplicate rows (paperIndex) outside the request that stored the paper, so a
 * listing or an imported chunk is answered as soon as the papers themselves are safe. The papers are the
 * truth: whatever paper lacks an index row (the worker stopped in between, an import) is found by comparing
 * the two tables' primary keys (keys only, sorted) and indexed in small transactions.
 */
import type { PaperIndexRow } from './db';
import { indexRowOf } from './derive';
import type { Store } from './store';

const CHUNK = 500;

export class Indexer {
  private running: Promise<void> | null = null;
  private again = false;
  private writes: Promise<void> = Promise.resolve();

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
    if (this.running) await this.running;
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
    // Index rows only exist for stored papers, so equal counts mean nothing is missing (the usual wake).
    const [paperCount, indexCount] = await Promise.all([papers.count(), paperIndex.count()]);
    if (paperCount === indexCount) return;
    const [paperIds, indexedIds] = await this.store.db.transaction('r', [papers, paperIndex], () =>
      Promise.all([papers.toCollection().primaryKeys(), paperIndex.toCollection().primaryKeys()]));
    const indexed = new Set(indexedIds);
    const missing = paperIds.filter((id) => !indexed.has(id));
    for (let from = 0; from < missing.length; from += CHUNK) {
      const ids = missing.slice(from, from + CHUNK);
      const now = this.store.now();
      const rows = await this.store.db.transaction('rw', [papers, paperIndex], async () => {
        const [records, existing] = await Promise.all([papers.bulkGet(ids), paperIndex.bulkGet(ids)]);
        const out = records.flatMap((record, i) => (record && !existing[i] ? [indexRowOf(record, now)] : []));
        if (out.length > 0) await paperIndex.bulkPut(out);
        return out;
      });
      this.store.noteIndexed(rows);
    }
  }
}
