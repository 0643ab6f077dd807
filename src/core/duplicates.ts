/**
 * Duplicate listings on one page and against the reader's history. Three rules, strongest first:
 *  - same-id:       the same (normalised) id listed again;
 *  - same-title:    another id, equal title after folding (case, punctuation, accents, LaTeX/HTML), unless the
 *                   author lists clearly disagree (Zotero's rule: one shared surname + first initial needed when
 *                   both sides name authors; when either side has none, two full abstracts that share almost
 *                   nothing veto the match instead);
 *  - near-abstract: another id whose abstract is a near copy: revised (a few sentences edited, added or dropped)
 *                   or truncated (only the first part shown). Measured as containment of content-word bigram
 *                   shingles |A ∩ B| / min(|A|, |B|), so a truncated copy scores like a full one. MinHash + LSH
 *                   banding picks the candidate pairs; exact containment confirms them.
 * Topically close but different papers share far fewer shingles (see docs/detection.md) and are never matched.
 */
import type { DuplicateMatch, DuplicateRule, Paper } from './types';
import { normaliseId } from './ids';
import { titleKey } from './text';
import { tokenize, type Token } from './text-tokens';
import { BucketTable } from './flat-tables';
import { authorKeys, authorsAgree } from './text-authors';
import { BAND_COUNT, bandHashes, bandKeysOf, containment, sharedCount, shingles, type Shingles } from './minhash';

/** Containment at or above which two abstracts are the same work. */
export const NEAR_COPY_CONTAINMENT = 0.6;
/** A near copy must share at least this many shingles (very short texts prove nothing). */
export const MIN_SHARED_SHINGLES = 12;
/** With authors unknown on one side, equal titles are vetoed when both full abstracts share less than this. */
const TITLE_ABSTRACT_VETO = 0.2;

export interface DuplicateFeatures {
  id: string;
  titleKey: string;
  authors: readonly string[];
  /** Computed when first needed (only equal titles need them). */
  authorKeys?: Set<string>;
  shingles: Shingles;
}

function keysOf(features: DuplicateFeatures): Set<string> {
  features.authorKeys ??= authorKeys(features.authors);
  return features.authorKeys;
}

/** `abstractTokens` lets a caller that already tokenised the abstract (analysePage) skip doing it again. */
export function duplicateFeatures(paper: Pick<Paper, 'id' | 'title' | 'abstract' | 'authors'>, abstractTokens?: readonly Token[]): DuplicateFeatures {
  return {
    id: normaliseId(paper.id ?? ''),
    titleKey: titleKey(paper.title ?? ''),
    authors: paper.authors ?? [],
    shingles: shingles(abstractTokens ?? tokenize(paper.abstract ?? '')),
  };
}

/** Why `b` repeats `a`, or null. The same rules for a page and for history candidates. */
export function compareFeatures(a: DuplicateFeatures, b: DuplicateFeatures): { rule: DuplicateRule; score: number } | null {
  if (a.id !== '' && a.id === b.id) return { rule: 'same-id', score: 1 };
  const setA = a.shingles.set;
  const setB = b.shingles.set;
  const near = containment(setA, setB);
  if (a.titleKey !== '' && a.titleKey === b.titleKey && authorsAgree(keysOf(a), keysOf(b))) {
    const authorsUnknown = keysOf(a).size === 0 || keysOf(b).size === 0;
    const bothAbstracts = setA.length >= MIN_SHARED_SHINGLES && setB.length >= MIN_SHARED_SHINGLES;
    if (!authorsUnknown || !bothAbstracts || near >= TITLE_ABSTRACT_VETO) return { rule: 'same-title', score: 1 };
  }
  if (near >= NEAR_COPY_CONTAINMENT && sharedCount(setA, setB) >= MIN_SHARED_SHINGLES) return { rule: 'near-abstract', score: near };
  return null;
}

/** Confirms a history candidate (found through `duplicateKeys`) with the page rules. */
export function matchKnownPaper(listed: Paper, known: Paper): DuplicateRule | null {
  return compareFeatures(duplicateFeatures(known), duplicateFeatures(listed))?.rule ?? null;
}

/** Keys for a multi-entry history index: the folded title and one key per LSH band of the abstract. */
export function duplicateKeys(paper: Pick<Paper, 'title' | 'abstract'>): { titleKey: string; bandKeys: string[] } {
  return duplicateKeysOf({ titleKey: titleKey(paper.title ?? ''), shingles: shingles(tokenize(paper.abstract ?? '')) });
}

/** The same keys from a paper's features, for a caller that needs both (the abstract is shingled once). */
export function duplicateKeysOf(features: Pick<DuplicateFeatures, 'shingles' | 'titleKey'>): { titleKey: string; bandKeys: string[] } {
  return { titleKey: features.titleKey, bandKeys: bandKeysOf(duplicateBandHashes(features)) };
}

/** The numbers duplicateKeysOf's band keys spell (none for a text too short to prove anything). */
export function duplicateBandHashes(features: Pick<DuplicateFeatures, 'shingles'>): Uint32Array {
  return features.shingles.set.length >= MIN_SHARED_SHINGLES ? bandHashes(features.shingles) : NO_BANDS;
}

const NO_BANDS = new Uint32Array(0);

const RULE_RANK: Record<DuplicateRule, number> = { 'same-id': 0, 'same-title': 1, 'near-abstract': 2 };

/**
 * Finds duplicates within one page in two chunkable phases (prepare, then match in listing order), so the
 * content script can yield between chunks. The earliest listing of a work is its original.
 */
export class PageDuplicateFinder {
  readonly duplicateOf: Array<DuplicateMatch | null>;
  private readonly features: DuplicateFeatures[] = [];
  private readonly bands: Array<Uint32Array | null> = [];
  private readonly firstById = new Map<string, number>();
  private readonly byTitle = new Map<string, number[]>();
  private readonly buckets = new BucketTable();
  private readonly candidateMark: Int32Array;

  constructor(private readonly papers: readonly Paper[]) {
    this.duplicateOf = papers.map(() => null);
    this.candidateMark = new Int32Array(papers.length).fill(-1);
  }

  /** Features and band hashes of papers [from, to). */
  prepare(from: number, to: number, abstractTokens?: ReadonlyArray<readonly Token[]>): void {
    for (let i = from; i < to; i++) {
      const features = duplicateFeatures(this.papers[i] as Paper, abstractTokens?.[i]);
      this.features[i] = features;
      this.bands[i] = features.shingles.set.length >= MIN_SHARED_SHINGLES ? bandHashes(features.shingles) : null;
    }
  }

  /** Matches papers [from, to) against every earlier one; call in order after `prepare` covered them. */
  match(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const features = this.features[i] as DuplicateFeatures;
      const candidates = this.candidates(i, features);
      let best: { j: number; rule: DuplicateRule; score: number } | null = null;
      for (const j of candidates) {
        const result = compareFeatures(this.features[j] as DuplicateFeatures, features);
        if (!result) continue;
        // Strongest rule, then highest score, then the earliest listing.
        const better =
          !best ||
          RULE_RANK[result.rule] < RULE_RANK[best.rule] ||
          (result.rule === best.rule && (result.score > best.score || (result.score === best.score && j < best.j)));
        if (better) best = { j, ...result };
        if (result.rule === 'same-id') break;
      }
      if (best) {
        const original = this.duplicateOf[best.j]?.ofIndex ?? best.j;
        this.duplicateOf[i] = { ofIndex: original, ofId: this.features[original]?.id ?? '', rule: best.rule, score: best.score };
      }
      this.index(i, features);
    }
  }

  /** Earlier papers that could match i: same id, same title key, or a shared LSH band. Originals first. */
  private candidates(i: number, features: DuplicateFeatures): number[] {
    const found: number[] = [];
    const add = (j: number): void => {
      if (this.candidateMark[j] === i) return;
      this.candidateMark[j] = i;
      found.push(j);
    };
    const sameId = this.firstById.get(features.id);
    if (sameId !== undefined) add(sameId);
    for (const j of this.byTitle.get(features.titleKey) ?? []) add(j);
    const bands = this.bands[i];
    if (bands) {
      for (let band = 0; band < BAND_COUNT; band++) {
        for (let entry = this.buckets.first(bucketKey(band, bands[band] as number)); entry >= 0; entry = this.buckets.next(entry)) add(this.buckets.doc(entry));
      }
    }
    // A duplicate whose original is already a candidate adds nothing: skip it (keeps repeated copies linear).
    return found.filter((j) => {
      const root = this.duplicateOf[j]?.ofIndex;
      return root === undefined || this.candidateMark[root] !== i;
    });
  }

  private index(i: number, features: DuplicateFeatures): void {
    if (features.id !== '' && !this.firstById.has(features.id)) this.firstById.set(features.id, i);
    if (features.titleKey !== '') {
      const list = this.byTitle.get(features.titleKey);
      if (list) list.push(i);
      else this.byTitle.set(features.titleKey, [i]);
    }
    const bands = this.bands[i];
    if (!bands) return;
    for (let band = 0; band < BAND_COUNT; band++) this.buckets.add(bucketKey(band, bands[band] as number), i);
  }
}

/**
 * Band index and band hash folded into a small integer (30 bits): Map lookups on small integers are much faster
 * than on larger numbers. A rare collision only adds a candidate, which exact containment then rejects.
 */
const bucketKey = (band: number, hash: number): number => (hash ^ Math.imul(band + 1, 0x9e3779b1)) & 0x3fffffff;

/** For each paper, the earlier listing of the same work, or null. */
export function findDuplicates(papers: Paper[]): Array<DuplicateMatch | null> {
  const finder = new PageDuplicateFinder(papers);
  finder.prepare(0, papers.length);
  finder.match(0, papers.length);
  return finder.duplicateOf;
}
