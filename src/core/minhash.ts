/**
 * MinHash over word-bigram shingles with LSH banding, small and dependency free. Hashes use Math.imul so every
 * value stays an exact 32-bit integer (no precision loss past 2^53), and band keys are stable strings that a
 * Dexie multi-entry index can hold across sessions.
 *
 * Two signatures per abstract decide which pairs are compared at all:
 *  - the whole abstract: 64 hashes, 63 of them in 21 bands of 3 rows. A revised copy (Jaccard >= 0.6) becomes a
 *    candidate with probability 1 - (1 - 0.6^3)^21 = 0.994; unrelated abstracts (Jaccard 0.05) with 0.003;
 *  - the lead: the first LEAD_SHINGLES shingles in reading order, 32 hashes in 8 bands of 4 rows. A truncated
 *    copy (the first 40-70% of the text, Jaccard with the full text only 0.4-0.7) has the same lead, so it is a
 *    candidate with probability ~1, which whole-text banding tuned for high Jaccard would miss.
 * Every candidate is then confirmed by exact containment |A ∩ B| / min(|A|, |B|) of the shingle sets.
 */

export const HASH_COUNT = 64;
export const FULL_ROWS = 3;
export const FULL_BANDS = 21;
export const LEAD_HASH_COUNT = 32;
export const LEAD_ROWS = 4;
export const LEAD_BANDS = LEAD_HASH_COUNT / LEAD_ROWS;
export const LEAD_SHINGLES = 24;
export const BAND_COUNT = FULL_BANDS + LEAD_BANDS;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a with a final avalanche, 32 bits. */
export function hashString(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return avalanche(hash);
}

function avalanche(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Shingles of a text: the `lead` (first LEAD_SHINGLES in reading order) and the sorted distinct `set`. */
export interface Shingles {
  lead: Uint32Array;
  set: Uint32Array;
}

const EMPTY = new Uint32Array(0);
const EMPTY_BIN = 0xffffffff;
let scratch = new Uint32Array(1024);

/**
 * Bigrams of content words, hashed. Takes word hashes with 0 for stop words (see text-tokens), which are
 * dropped first so "of the" and friends do not make unrelated abstracts look alike.
 */
export function shingles(words: ReadonlyArray<{ hash: number }>): Shingles {
  if (scratch.length < words.length) scratch = new Uint32Array(words.length * 2);
  let count = 0;
  let previous = 0;
  for (const word of words) {
    const hash = word.hash;
    if (hash === 0) continue;
    if (previous !== 0) scratch[count++] = avalanche(Math.imul(previous, 0x2c1b3c6d) ^ hash);
    previous = hash;
  }
  if (count === 0) return { lead: EMPTY, set: EMPTY };
  const lead = scratch.slice(0, Math.min(count, LEAD_SHINGLES));
  const sorted = scratch.subarray(0, count).sort();
  let unique = 1;
  for (let i = 1; i < count; i++) if (sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i] as number;
  return { lead, set: sorted.slice(0, unique) };
}

export function minHashSignature(values: Uint32Array, binCount = HASH_COUNT): Uint32Array {
  const bits = Math.log2(binCount);
  const mask = binCount - 1;
  const signature = new Uint32Array(binCount).fill(EMPTY_BIN);
  for (let s = 0; s < values.length; s++) {
    const h = values[s] as number;
    const bin = h & mask;
    const value = h >>> bits;
    if (value < (signature[bin] as number)) signature[bin] = value;
  }
  const filled = signature.slice();
  let anyFilled = false;
  for (let i = 0; i < binCount; i++) if (filled[i] !== EMPTY_BIN) anyFilled = true;
  if (!anyFilled) return signature;
  for (let i = 0; i < binCount; i++) {
    if (filled[i] !== EMPTY_BIN) continue;
    for (let attempt = 1; ; attempt++) {
      const probe = avalanche(Math.imul(i + 1, 0x9e3779b9) ^ attempt) & mask;
      if (filled[probe] !== EMPTY_BIN) {
        // Offset by the attempt so that borrowed values differ from the lender's own (keeps bins distinct).
        signature[i] = ((filled[probe] as number) + attempt * 0x01000193) >>> 0;
        break;
      }
    }
  }
  return signature;
}

/** BAND_COUNT band hashes: FULL_BANDS of the whole text, then LEAD_BANDS of its lead. */
export function bandHashes(text: Shingles): Uint32Array {
  const out = new Uint32Array(BAND_COUNT);
  const full = minHashSignature(text.set, HASH_COUNT);
  const lead = minHashSignature(text.lead, LEAD_HASH_COUNT);
  for (let band = 0; band < BAND_COUNT; band++) {
    const isFull = band < FULL_BANDS;
    const signature = isFull ? full : lead;
    const rows = isFull ? FULL_ROWS : LEAD_ROWS;
    const offset = (isFull ? band : band - FULL_BANDS) * rows;
    let h = band + 1;
    for (let row = 0; row < rows; row++) h = Math.imul(h ^ (signature[offset + row] as number), 0x01000193);
    out[band] = avalanche(h);
  }
  return out;
}

/** One key per band, `band:hash` in base 36, stable across sessions (for a multi-entry index). */
export function bandKeys(text: Shingles): string[] {
  return bandKeysOf(bandHashes(text));
}

/** The band keys spelled from band hashes already made (bandKeys without the MinHash). */
export function bandKeysOf(hashes: Uint32Array): string[] {
  return Array.from(hashes, (hash, band) => `${band.toString(36)}:${hash.toString(36)}`);
}

const COLON = 58;
const digits = new Uint8Array(8);

/** FNV-1a state after feeding `value` (an integer in [0, 2^32)) written in base 36, as toString(36) spells it. */
function feedBase36(state: number, value: number): number {
  let count = 0;
  let rest = value;
  do {
    const digit = rest % 36;
    digits[count++] = digit < 10 ? 48 + digit : 87 + digit;
    rest = (rest - digit) / 36;
  } while (rest > 0);
  let hash = state;
  while (count > 0) hash = Math.imul(hash ^ (digits[--count] as number), FNV_PRIME);
  return hash;
}

/**
 * hashString of the band key `band:hash` (bandKeysOf) without making the string: what the worker's candidate
 * index hashes each band key to, for a listed paper whose band hashes were just made.
 */
export function bandKeyHash(band: number, hash: number): number {
  return avalanche(feedBase36(bandPrefix(band), hash));
}

/** FNV-1a state after `band:`, made once per band number. */
const bandPrefixes: number[] = [];
function bandPrefix(band: number): number {
  return (bandPrefixes[band] ??= Math.imul(feedBase36(FNV_OFFSET, band) ^ COLON, FNV_PRIME));
}

/** |A ∩ B| of two sorted distinct hash arrays. */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** |A ∩ B| / min(|A|, |B|) of two sorted distinct hash arrays (0 when either is empty). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  return sharedCount(a, b) / Math.min(a.length, b.length);
}
