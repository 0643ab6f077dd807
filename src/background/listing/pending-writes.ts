/**
 * Listings answered before their write committed (see listing/record-listing.ts). Each gets a receipt; the content script asks
 * with it ('listing/settled') whether the write committed, and re-sends the listing when this worker cannot say
 * so. A worker that was stopped in between starts with no receipts, so it answers "not known" for every receipt
 * of its predecessor: a lost write is always re-sent, and a re-sent listing within its visit is idempotent.
 */
import { RefTable } from '../api/ref-table';

/** Receipts kept once settled and not asked about; an evicted one answers "not known" (a harmless re-send). */
const KEEP = 500;

export class PendingWrites {
  private readonly writes: RefTable<Promise<void>>;

  /** `run` differs per worker start, so a receipt is never mistaken for one of another run. */
  constructor(run?: string) {
    this.writes = new RefTable(KEEP, run);
  }

  /** Keeps a write under way; returns its receipt. A failed write is reported to whoever asks, never unhandled. */
  track(write: Promise<void>): string {
    write.catch(() => undefined);
    return this.writes.issue(write);
  }

  /** True once the write committed; false when this worker does not know the receipt; throws when the write failed. */
  async settled(receipt: string): Promise<boolean> {
    const write = this.writes.get(receipt);
    if (!write) return false;
    try {
      await write;
      return true;
    } finally {
      this.writes.take(receipt);
    }
  }

  /** Waits for every write under way (tests, the benchmark); failures are for their askers. */
  async idle(): Promise<void> {
    await Promise.all([...this.writes.values()].map((write) => write.catch(() => undefined)));
  }
}
