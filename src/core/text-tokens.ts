/**
 * Word tokens shared by duplicate detection (content-word hashes for shingles) and related papers (stems for
 * TF-IDF, surface forms for the reasons shown to the reader). One pass over a text, with a bounded cache so
 * each distinct word is folded, hashed and stemmed once.
 */
import { stemmer } from 'stemmer';
import { foldText, stripMarkup } from './text';
import { STOP_WORDS } from './text-stopwords';
import { hashString } from './minhash';

export interface Token {
  /** As written (markup removed). */
  surface: string;
  /** Lower case, accents removed. */
  folded: string;
  /** Stable 32-bit hash of `folded`; 0 for stop words (shingles skip them). */
  hash: number;
  /** Porter stem for TF-IDF; null for stop words, numbers and one-letter words. */
  stem: string | null;
  /** A number per distinct stem (-1 when `stem` is null), stable for the life of the page. */
  stemId: number;
  /** How the word is shown in a reason (see displayWord). */
  display: string;
}

const MARKUP_HINT = /[<&\\${}~^_]/;
const NON_ASCII = /[^\u0000-\u007f]/;
const HAS_LETTER = /\p{L}/u;
const CACHE_LIMIT = 100_000;
const cache = new Map<string, Token>();
const stemIds = new Map<string, number>();

function makeToken(surface: string): Token {
  const folded = NON_ASCII.test(surface) ? foldText(surface) : surface.toLowerCase();
  const stop = STOP_WORDS.has(folded);
  const isTerm = !stop && folded.length > 1 && folded.length < 40 && HAS_LETTER.test(folded);
  const stem = isTerm ? stemmer(folded) : null;
  let stemId = -1;
  if (stem !== null) {
    // Ids only grow (never reused), so an index built before the map was trimmed stays consistent. A stem seen
    // again after the trim gets a new id: tokens made before it (kept by callers, or in the word caches, cleared
    // with it) no longer match tokens made after it, which stemGeneration() tells apart.
    let known = stemIds.get(stem);
    if (known === undefined && stemIds.size >= CACHE_LIMIT) {
      stemIds.clear();
      cache.clear();
      resetTable(table.tokens.length);
      generation++;
    }
    known ??= nextStemId++;
    stemId = known;
    stemIds.set(stem, stemId);
  }
  return { surface, folded, hash: stop ? 0 : hashString(folded) || 1, stem, stemId, display: displayWord(surface) };
}
let nextStemId = 0;
let generation = 0;

/**
 * Changes whenever stem ids were reset: tokens made in one generation agree on every stem's id; tokens kept from
 * an earlier generation must be made again before they are compared with newer ones.
 */
export function stemGeneration(): number {
  return generation;
}

export function tokenize(text: string): Token[] {
  if (!text) return [];
  const plain = MARKUP_HINT.test(text) ? stripMarkup(text) : text;
  if (!NON_ASCII.test(plain)) return tokenizeAscii(plain);
  const tokens: Token[] = [];
  for (const part of plain.split(/[^\p{L}\p{N}]+/u)) {
    if (part === '') continue;
    let token = cache.get(part);
    if (!token) {
      token = makeToken(part);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(part, token);
    }
    tokens.push(token);
  }
  return tokens;
}

/**
 * The common case (plain ASCII text) without splitting into substrings: words are hashed while scanning and
 * looked up by two independent 32-bit hashes plus length, so a word already seen allocates nothing.
 */
const table = {
  hashA: new Int32Array(1 << 15),
  hashB: new Int32Array(1 << 15),
  length: new Int32Array(1 << 15),
  tokens: new Array<Token | undefined>(1 << 15),
  count: 0,
};

function resetTable(size: number): void {
  table.hashA = new Int32Array(size);
  table.hashB = new Int32Array(size);
  table.length = new Int32Array(size);
  table.tokens = new Array<Token | undefined>(size);
  table.count = 0;
}

function insert(hashA: number, hashB: number, length: number, token: Token): void {
  const mask = table.tokens.length - 1;
  let slot = hashA & mask;
  while (table.tokens[slot] !== undefined) slot = (slot + 1) & mask;
  table.hashA[slot] = hashA;
  table.hashB[slot] = hashB;
  table.length[slot] = length;
  table.tokens[slot] = token;
  table.count++;
}

function grow(): void {
  const { hashA, hashB, length, tokens } = table;
  resetTable(tokens.length * 2);
  for (let slot = 0; slot < tokens.length; slot++) {
    const token = tokens[slot];
    if (token) insert(hashA[slot] as number, hashB[slot] as number, length[slot] as number, token);
  }
}

function tokenizeAscii(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  let hashA = 0;
  let hashB = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const isWordChar = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (isWordChar) {
      if (start < 0) {
        start = i;
        hashA = 0x811c9dc5 | 0;
        hashB = 0x2545f491;
      }
      hashA = Math.imul(hashA ^ c, 0x01000193);
      hashB = Math.imul(hashB + c, 0x5bd1e995);
      hashB ^= hashB >>> 15;
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    const mask = table.tokens.length - 1;
    let slot = hashA & mask;
    let token: Token | undefined;
    for (;;) {
      const candidate = table.tokens[slot];
      if (candidate === undefined) break;
      if (table.hashA[slot] === hashA && table.hashB[slot] === hashB && table.length[slot] === length) {
        token = candidate;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (!token) {
      token = makeToken(text.slice(start, i));
      if (table.count >= CACHE_LIMIT) resetTable(table.tokens.length);
      else if ((table.count + 1) * 2 > table.tokens.length) grow();
      insert(hashA, hashB, length, token);
    }
    tokens.push(token);
    start = -1;
  }
  return tokens;
}

/** How a word is shown in a reason: lower case unless written like an acronym or name (NeRF, GSM8K, LLMs). */
export function displayWord(surface: string): string {
  return /[A-Z]/.test(surface.slice(1)) || /\d/.test(surface) ? surface : surface.toLowerCase();
}
