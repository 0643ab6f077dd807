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
import { hashString } from '../core/minhash';

/** Slots per key in the packed base array: key * SLOT_SPAN + slot stays an exact integer below 2^53. */
const SLOT_SPAN = 2 ** 21;

export interface CandidateKeys {
  titleKey: string;
  bandKeys: readonly string[];
}

export interface CandidateSnapshot {
  fingerprint: string;
  coveredUntil: number;
  ids: string[];
  base: Float64Array;
}

function hashedKeys(keys: CandidateKeys): number[] {
  const out: number[] = [];
  if (keys.titleKey) out.push(hashString(`title\u0000${keys.titleKey}`));
  for (const band of keys.bandKeys) out.push(hashString(band));
  return out;
}

export class CandidateIndex {
  private ids: string[] = [];
  /** The distinct ids, made when first asked (a woken worker that lists nothing never pays for it). */
  private idSet: Set<string> | null = null;
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
    this.idSet ??= new Set(this.ids);
    return this.idSet.has(id);
  }

  add(id: string, keys: CandidateKeys, indexedAt: number): void {
    const slot = this.ids.push(id) - 1;
    this.idSet?.add(id);
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
   * between unrelated abstracts; a near copy shares many), most shared keys first. May include the paper itself.
   */
  candidates(keys: CandidateKeys, minBands = 2): string[] {
    const score = new Map<string, number>();
    const hashes = hashedKeys(keys);
    hashes.forEach((key, k) => {
      // The title key counts like a full set of bands: an equal title is the strongest hint there is.
      const weight = k === 0 && keys.titleKey ? 64 : 1;
      const hit = (id: string): void => { score.set(id, (score.get(id) ?? 0) + weight); };
      for (const slot of this.delta.get(key) ?? []) hit(this.ids[slot] as string);
      let low = 0;
      let high = this.base.length;
      const start = key * SLOT_SPAN;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((this.base[mid] as number) < start) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < this.base.length && (this.base[i] as number) < start + SLOT_SPAN; i++) {
        hit(this.ids[(this.base[i] as number) - start] as string);
      }
    });
    return [...score].filter(([, value]) => value >= minBands).sort((a, b) => b[1] - a[1]).map(([id]) => id);
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
