/**
 * How many papers are stored, kept between requests. Chromium's IndexedDB count() walks every row of the
 * table (300-500 ms at 100,000 papers), and the popup's first history page needs the total.
 *
 * Every write that may add or remove papers runs through `track`, which knows how many it added once it
 * committed. The kept total is answered only while no such write is in flight, so it is always the number an
 * IndexedDB count in the same place would give; a count made while writes started or ended is not kept.
 */
export type TotalChange = number | 'recount';

export class PaperTotal {
  private value: number | null = null;
  private writers = 0;
  /** Bumped whenever a tracked write starts or ends. */
  private generation = 0;
  /** A count under way with no tracked write around it: a second asker shares it (the wake's catch-up, the popup). */
  private counting: { generation: number; total: Promise<number> } | null = null;

  /** Runs a write that may add (or clear) papers; `change` says how many it added once it committed, or 'recount'. */
  async track<T>(write: () => Promise<T>, change: (result: T) => TotalChange): Promise<T> {
    this.writers++;
    this.generation++;
    try {
      const result = await write();
      const delta = change(result);
      // A clear (a write that committed before it may still be about to add its papers), or an unknown change.
      if (delta === 'recount') this.value = null;
      else if (this.value !== null) this.value += delta;
      return result;
    } catch (error) {
      // Whether anything committed is not known here: count again next time.
      this.value = null;
      throw error;
    } finally {
      this.writers--;
      this.generation++;
    }
  }

  /** The total: kept, or counted by `count` (and kept when no tracked write overlapped the count). */
  async get(count: () => Promise<number>): Promise<number> {
    if (this.writers === 0 && this.value !== null) return this.value;
    if (this.writers === 0 && this.counting?.generation === this.generation) return this.counting.total;
    const clean = this.writers === 0;
    const generation = this.generation;
    const total = count();
    if (clean) this.counting = { generation, total };
    try {
      const counted = await total;
      if (clean && generation === this.generation) this.value = counted;
      return counted;
    } finally {
      if (this.counting?.total === total) this.counting = null;
    }
  }

  /** Something changed the papers outside `track` (tests, a cleared cache): count again. */
  forget(): void {
    this.value = null;
  }
}
