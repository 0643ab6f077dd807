/**
 * Flat typed-array structures for the detection indexes. One big array per kind instead of one small array
 * per paper or term: allocating thousands of small arrays showed up as garbage-collection pauses.
 */

/** Open-addressing table from a pair of small non-negative ints to an int (bigram -> term id). */
export class PairTable {
  private firsts = new Int32Array(1024).fill(-1);
  private seconds = new Int32Array(1024);
  private values = new Int32Array(1024);
  private count = 0;

  get(first: number, second: number): number {
    const mask = this.firsts.length - 1;
    for (let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask; ; slot = (slot + 1) & mask) {
      const f = this.firsts[slot] as number;
      if (f === -1) return -1;
      if (f === first && this.seconds[slot] === second) return this.values[slot] as number;
    }
  }

  set(first: number, second: number, value: number): void {
    if ((this.count + 1) * 2 > this.firsts.length) this.grow();
    const mask = this.firsts.length - 1;
    let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
    while (this.firsts[slot] !== -1) slot = (slot + 1) & mask;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.values[slot] = value;
    this.count++;
  }

  private grow(): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Int32Array(firsts.length * 2).fill(-1);
    this.seconds = new Int32Array(firsts.length * 2);
    this.values = new Int32Array(firsts.length * 2);
    this.count = 0;
    for (let slot = 0; slot < firsts.length; slot++) if (firsts[slot] !== -1) this.set(firsts[slot] as number, seconds[slot] as number, values[slot] as number);
  }
}

/** An Int32Array that grows by doubling. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = value;
  }

  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const grown = new Int32Array(Math.max(capacity, this.data.length * 2));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}

/** Per-doc bounded lists of the best (index, score) pairs, sorted by score then lower index. */
export class TopLists {
  readonly counts: Int32Array;
  readonly indices: Int32Array;
  readonly scores: Float64Array;

  constructor(readonly size: number, readonly keep: number) {
    this.counts = new Int32Array(size);
    this.indices = new Int32Array(size * keep);
    this.scores = new Float64Array(size * keep);
  }

  offer(d: number, other: number, score: number): void {
    const base = d * this.keep;
    const { scores, indices } = this;
    let count = this.counts[d] as number;
    if (count === this.keep) {
      // Full: most offers are no better than the worst kept one (the common case, so tested first).
      const last = scores[base + count - 1] as number;
      if (score < last || (score === last && other > (indices[base + count - 1] as number))) return;
      count--;
    }
    let at = count;
    while (at > 0) {
      const kept = scores[base + at - 1] as number;
      if (score < kept || (score === kept && other > (indices[base + at - 1] as number))) break;
      scores[base + at] = kept;
      indices[base + at] = indices[base + at - 1] as number;
      at--;
    }
    scores[base + at] = score;
    indices[base + at] = other;
    this.counts[d] = count + 1;
  }
}

/** Band key -> the docs in that bucket, as chains in flat arrays (no array per bucket, no Map). */
export class BucketTable {
  private keys = new Int32Array(1 << 12).fill(-1);
  private heads = new Int32Array(1 << 12);
  private used = 0;
  private readonly docs = new IntList(1 << 12);
  private readonly nexts = new IntList(1 << 12);

  first(key: number): number {
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const stored = this.keys[slot] as number;
      if (stored === -1) return -1;
      if (stored === key) return this.heads[slot] as number;
    }
  }

  next(entry: number): number {
    return this.nexts.data[entry] as number;
  }

  doc(entry: number): number {
    return this.docs.data[entry] as number;
  }

  add(key: number, doc: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    const entry = this.docs.length;
    this.docs.push(doc);
    if (this.keys[slot] === key) this.nexts.push(this.heads[slot] as number);
    else {
      this.nexts.push(-1);
      this.keys[slot] = key;
      this.used++;
    }
    this.heads[slot] = entry;
  }

  private grow(): void {
    const { keys, heads } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.heads = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let old = 0; old < keys.length; old++) {
      const key = keys[old] as number;
      if (key === -1) continue;
      let slot = Math.imul(key, 0x9e3779b1) & mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.heads[slot] = heads[old] as number;
    }
  }
}

