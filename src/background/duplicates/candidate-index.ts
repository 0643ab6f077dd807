/**
 * The history-duplicate candidate index, in the worker's memory: title keys and MinHash band keys of every
 * known paper, hashed to 32 bits, mapped to paper ids. Looking up 250 listed papers' 8,000 band keys in
 * IndexedDB costs one request each (50-90 µs in Chromium, 0.4-0.7 s in all); here it is a binary search each.
 *
 * The rows it is built from are the source of truth (paperIndex.titleKey/bandKeys); this is a cache. A sorted
 * base array is persisted now and then as a snapshot (kv 'candidateIndex'); rows indexed after the snapshot
 * (paperIndex.indexedAt >= coveredUntil) are replayed into a small in-memory delta when the worker wakes.
 * Stale entries (a paper whose text changed) only add candidates, which matchKnownPaper then rejects.
 */
import { bandKeyHash, hashString } from '../../core/minhash';

/** Slots per key in the packed base array: key * SLOT_SPAN + slot stays an exact integer below 2^53. */
const SLOT_SPAN = 2 ** 21;
/** Values in the base array are below this (32-bit keys times SLOT_SPAN). */
const KEY_SPACE = 2 ** 32 * SLOT_SPAN;

/**
 * A paper's keys as stored (band keys as strings, paperIndex rows) or as just made (the band hashes those strings
 * spell: a listing's new papers are looked up without formatting strings only to hash them again).
 */
export type CandidateKeys = { titleKey: string; bandKeys: readonly string[] } | { titleKey: string; bandHashes: Uint32Array };

export interface CandidateSnapshot {
  fingerprint: string;
  coveredUntil: number;
  ids: string[];
  base: Float64Array;
}

function hashedKeys(keys: CandidateKeys): number[] {
  const out: number[] = [];
  if (keys.titleKey) out.push(hashString(`title\u0000${keys.titleKey}`));
  if ('bandHashes' in keys) keys.bandHashes.forEach((hash, band) => out.push(bandKeyHash(band, hash)));
  else for (const band of keys.bandKeys) out.push(hashString(band));
  return out;
}

interface SlotMaps {
  firstSlot: Map<string, number>;
  canonical: Int32Array;
}

export class CandidateIndex {
  private ids: string[] = [];
  /** Each paper's first slot, and per slot that first slot: made when first asked (a woken worker that lists nothing never pays for it). */
  private bySlot: SlotMaps | null = null;
  /** Scratch scores per slot for `candidates`, zero between calls. */
  private score = new Int32Array(0);
  private base: Float64Array = new Float64Array(0);
  private readonly delta = new Map<number, number[]>();
  private deltaPapers = 0;
  /** Newest paperIndex.indexedAt covered by the base array. */
  private coveredUntil = 0;
  /** Newest indexedAt added at all. */
  private newest = 0;

  constructor(readonly fingerprint: string, snapshot?: CandidateSnapshot) {
    if (snapshot && snapshot.fingerprint === fingerprint) {
      this.ids = [...snapshot.ids];
      this.base = snapshot.base;
      this.coveredUntil = snapshot.coveredUntil;
      this.newest = snapshot.coveredUntil;
    }
  }

  /** indexedAt from which rows must be replayed after loading the snapshot. */
  get replayFrom(): number {
    return this.coveredUntil;
  }

  /** Papers added, in the base and the delta (a paper re-added after a text change counts twice). */
  get size(): number {
    return this.ids.length;
  }

  get pendingPapers(): number {
    return this.deltaPapers;
  }

  /** Whether the paper was ever added (it is stored, though perhaps under an older text). */
  has(id: string): boolean {
    return this.slots().firstSlot.has(id);
  }

  add(id: string, keys: CandidateKeys, indexedAt: number): void {
    const slot = this.ids.push(id) - 1;
    if (this.bySlot) this.noteSlot(this.bySlot, id, slot);
    for (const key of hashedKeys(keys)) {
      const list = this.delta.get(key);
      if (list) list.push(slot);
      else this.delta.set(key, [slot]);
    }
    this.deltaPapers++;
    this.newest = Math.max(this.newest, indexedAt);
  }

  /**
   * Known papers that share the title key, or at least `minBands` band keys (one shared band of 32 is common
   * between unrelated abstracts; a near copy shares many), most shared keys first (ties: first hit first). May
   * include the paper itself. Scores are summed per paper in a typed array (a paper added twice, after a text
   * change, counts under its first slot), and the base array is searched from where its even spread puts a key.
   */
  candidates(keys: CandidateKeys, minBands = 2): string[] {
    const { canonical } = this.slots();
    if (this.score.length < this.ids.length) this.score = new Int32Array(Math.max(this.ids.length, this.score.length * 2));
    const score = this.score;
    const touched: number[] = [];
    const hit = (slot: number, weight: number): void => {
      const paper = canonical[slot] as number;
      if (score[paper] === 0) touched.push(paper);
      score[paper] = (score[paper] as number) + weight;
    };
    const hashes = hashedKeys(keys);
    for (let k = 0; k < hashes.length; k++) {
      const key = hashes[k] as number;
      // The title key counts like a full set of bands: an equal title is the strongest hint there is.
      const weight = k === 0 && keys.titleKey ? 64 : 1;
      for (const slot of this.delta.get(key) ?? []) hit(slot, weight);
      const start = key * SLOT_SPAN;
      const end = start + SLOT_SPAN;
      for (let i = this.lowerBound(start); i < this.base.length && (this.base[i] as number) < end; i++) hit((this.base[i] as number) - start, weight);
    }
    const found: Array<{ paper: number; value: number }> = [];
    for (const paper of touched) {
      const value = score[paper] as number;
      score[paper] = 0;
      if (value >= minBands) found.push({ paper, value });
    }
    // Array sort is stable: equal scores keep the order of their first hit.
    return found.sort((a, b) => b.value - a.value).map(({ paper }) => this.ids[paper] as string);
  }

  /** First index of the base array whose value is >= `start`. */
  private lowerBound(start: number): number {
    const base = this.base;
    const n = base.length;
    if (n === 0) return 0;
    // Keys are 32-bit hashes, spread evenly: the interpolated place is within a few hundred entries of the
    // answer, and galloping from it touches a few nearby cache lines instead of 22 far apart.
    const guess = Math.min(n - 1, Math.max(0, Math.floor((start / KEY_SPACE) * n)));
    let low: number;
    let high: number;
    if ((base[guess] as number) < start) {
      let step = 1;
      low = guess + 1;
      while (low + step - 1 < n && (base[low + step - 1] as number) < start) {
        low += step;
        step *= 2;
      }
      high = Math.min(n, low + step - 1);
    } else {
      let step = 1;
      high = guess;
      while (high - step >= 0 && (base[high - step] as number) >= start) {
        high -= step;
        step *= 2;
      }
      low = Math.max(0, high - step + 1);
    }
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((base[mid] as number) < start) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Per slot, the first slot of the same paper; and each paper's first slot (made when first asked). */
  private slots(): SlotMaps {
    if (!this.bySlot) {
      const maps: SlotMaps = { firstSlot: new Map(), canonical: new Int32Array(Math.max(16, this.ids.length)) };
      this.ids.forEach((id, slot) => this.noteSlot(maps, id, slot));
      this.bySlot = maps;
    }
    return this.bySlot;
  }

  private noteSlot(maps: SlotMaps, id: string, slot: number): void {
    if (slot >= maps.canonical.length) {
      const grown = new Int32Array(maps.canonical.length * 2);
      grown.set(maps.canonical);
      maps.canonical = grown;
    }
    let first = maps.firstSlot.get(id);
    if (first === undefined) maps.firstSlot.set(id, (first = slot));
    maps.canonical[slot] = first;
  }

  /** Folds the delta into the sorted base array; returns the snapshot to persist (null past the slot limit). */
  compact(): CandidateSnapshot | null {
    if (this.ids.length >= SLOT_SPAN) return null;
    let count = 0;
    for (const list of this.delta.values()) count += list.length;
    const fresh = new Float64Array(count);
    let at = 0;
    for (const [key, list] of this.delta) for (const slot of list) fresh[at++] = key * SLOT_SPAN + slot;
    fresh.sort();
    const merged = new Float64Array(this.base.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.base.length && j < fresh.length) merged[k++] = (this.base[i] as number) <= (fresh[j] as number) ? (this.base[i++] as number) : (fresh[j++] as number);
    while (i < this.base.length) merged[k++] = this.base[i++] as number;
    while (j < fresh.length) merged[k++] = fresh[j++] as number;
    this.base = merged;
    this.delta.clear();
    this.deltaPapers = 0;
    this.coveredUntil = this.newest;
    return { fingerprint: this.fingerprint, coveredUntil: this.coveredUntil, ids: this.ids, base: this.base };
  }
}
