/**
 * Reader-related scorings page/listed started after answering (see reader-related.ts), kept under their ref until
 * papers/reader-related takes them, and by paper id while they run, so states answered meanwhile wait for them.
 */
import type { ReaderRelated } from '../../core/records';
import { RefTable } from '../api/ref-table';

/** Refs kept at most (pages that never asked: closed, navigated away, or a caller that does not show them). */
const KEPT = 16;

export type RelatedById = Map<string, ReaderRelated[]>;

/** Scorings started by page/listed, kept under their ref until papers/reader-related takes them. */
export class PendingRelated {
  private readonly byRef = new RefTable<Promise<RelatedById>>(KEPT);
  /** Scorings not done yet, by paper id: states answered meanwhile wait for them (see `settledFor`). */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** Runs `score` for `ids` after the current answer went out (a macrotask later); returns the ref to ask with. */
  start(ids: readonly string[], score: () => Promise<RelatedById>): string {
    const scored = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(score);
    // A failure is answered to whoever asks; until then nobody awaits this promise.
    scored.catch(() => undefined);
    const ref = this.byRef.issue(scored);
    for (const id of ids) this.inFlight.set(id, scored);
    const done = (): void => {
      for (const id of ids) if (this.inFlight.get(id) === scored) this.inFlight.delete(id);
    };
    scored.then(done, done);
    return ref;
  }

  /**
   * Resolves once no scoring of `ids` is under way, so a state answered right after a listing (papers/seen, a
   * broadcast) carries the links the listing's scoring remembers instead of none.
   */
  async settledFor(ids: readonly string[]): Promise<void> {
    const waits = new Set<Promise<unknown>>();
    for (const id of ids) {
      const pending = this.inFlight.get(id);
      if (pending) waits.add(pending);
    }
    if (waits.size > 0) await Promise.allSettled([...waits]);
  }

  /** The scoring started under `ref`, or null when this worker has none (then score from the stored papers). */
  take(ref: string): Promise<RelatedById> | null {
    return this.byRef.take(ref) ?? null;
  }
}
