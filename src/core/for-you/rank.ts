/**
 * "For you": the papers of a listing closest to what the reader starred and read. Each listed paper is scored
 * against the reader's own history in TF-IDF space (vectors.ts): the sum of its two highest similarities to
 * liked papers (starred or read), less half its highest similarity to a paper the reader saw and skipped. Two
 * neighbours rather than a centroid keep a reader's separate interests apart; the skipped papers take back what
 * a paper shares only with the area the reader passes over. On the labelled real papers this ranked ahead of a
 * per-reader linear SVM, and of a TF-IDF centroid for readers of two topics (a tie for one topic; docs/detection.md,
 * `npm run eval`). Each pick says why:
 * the liked papers it is closest to and the words it shares with them. Pure: the worker supplies the papers.
 */
import type { Paper } from '../types';
import { normaliseId } from '../ids';
import { dot, vectorize, type SparseVector } from './vectors';

export interface ForYouPick {
  /** Index into the listed papers. */
  index: number;
  score: number;
  /** The liked papers this one is closest to, closest first (at most 2). */
  closeTo: Array<{ id: string; title: string }>;
  /** The words it shares most with them, as written (at most 4). */
  terms: string[];
}

export interface ForYouOptions {
  /** Picks at most. */
  max: number;
  /** Lowest score picked. */
  minScore: number;
  /** Lowest similarity to a liked paper that counts as close (a pick needs one, and it is the reason shown). */
  minCloseness: number;
  /** How the score is made: the highest similarities to liked papers summed, less a share of the highest to a skipped one. */
  shape?: ForYouShape;
}

export interface ForYouShape {
  neighbours: number;
  skippedShare: number;
}

/** Chosen on the labelled pools; `npm run eval` reports it held out (each pool scored with the shape the others chose). */
export const FOR_YOU_SHAPE: ForYouShape = { neighbours: 2, skippedShare: 0.5 };

/** The line was set on the labelled pools: at it, about half of the picks a one-topic reader gets are related by the labels. */
export const FOR_YOU_DEFAULTS: ForYouOptions = { max: 5, minScore: 0.2, minCloseness: 0.12 };

function sharedTerms(vector: SparseVector, others: readonly SparseVector[], surfaces: ReadonlyMap<string, string>): string[] {
  const weights = new Map<string, number>();
  for (const other of others) {
    for (const [term, value] of vector) {
      const match = other.get(term);
      if (match !== undefined) weights.set(term, (weights.get(term) ?? 0) + value * match);
    }
  }
  const ranked = [...weights].sort((a, b) => b[1] - a[1]).map(([term]) => term);
  // A phrase says more than its words alone: a word already inside a chosen phrase is not listed again.
  const chosen: string[] = [];
  for (const term of ranked) {
    if (chosen.length === 4) break;
    if (chosen.some((phrase) => phrase.split(' ').includes(term))) continue;
    chosen.push(term);
  }
  return chosen.map((term) => surfaces.get(term) ?? term);
}

export function rankForYou(
  liked: readonly Paper[],
  skipped: readonly Paper[],
  listed: readonly Paper[],
  options: ForYouOptions = FOR_YOU_DEFAULTS,
): ForYouPick[] {
  if (liked.length === 0 || listed.length === 0) return [];
  const likedIds = new Set(liked.map((paper) => normaliseId(paper.id)));
  const { vectors, surfaces } = vectorize([...liked, ...skipped, ...listed]);
  const likedVectors = vectors.slice(0, liked.length);
  const skippedVectors = vectors.slice(liked.length, liked.length + skipped.length);
  const listedVectors = vectors.slice(liked.length + skipped.length);

  const { neighbours, skippedShare } = options.shape ?? FOR_YOU_SHAPE;
  const picks: ForYouPick[] = [];
  listed.forEach((paper, index) => {
    if (likedIds.has(normaliseId(paper.id))) return;
    const vector = listedVectors[index] as SparseVector;
    const closest = likedVectors
      .map((likedVector, i) => ({ i, similarity: dot(vector, likedVector) }))
      .sort((a, b) => b.similarity - a.similarity);
    const passedOver = skippedVectors.reduce((most, skippedVector) => Math.max(most, dot(vector, skippedVector)), 0);
    let score = -skippedShare * passedOver;
    for (let k = 0; k < neighbours && k < closest.length; k++) score += (closest[k] as { similarity: number }).similarity;
    const close = closest.filter((entry) => entry.similarity >= options.minCloseness).slice(0, 2);
    if (score < options.minScore || close.length === 0) return;
    picks.push({
      index,
      score,
      closeTo: close.map(({ i }) => ({ id: (liked[i] as Paper).id, title: (liked[i] as Paper).title })),
      terms: sharedTerms(vector, close.map(({ i }) => likedVectors[i] as SparseVector), surfaces),
    });
  });
  return picks.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, options.max);
}

/** The plain baseline the eval compares with: cosine to the mean of the liked papers' vectors. */
export function rankByCentroid(liked: readonly Paper[], listed: readonly Paper[], max: number): number[] {
  if (liked.length === 0) return [];
  const likedIds = new Set(liked.map((paper) => normaliseId(paper.id)));
  const { vectors } = vectorize([...liked, ...listed]);
  const centroid: SparseVector = new Map();
  for (const vector of vectors.slice(0, liked.length)) for (const [term, value] of vector) centroid.set(term, (centroid.get(term) ?? 0) + value / liked.length);
  return listed
    .map((paper, index) => ({ index, score: likedIds.has(normaliseId(paper.id)) ? -Infinity : dot(vectors[liked.length + index] as SparseVector, centroid) }))
    .filter((entry) => entry.score > -Infinity)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, max)
    .map((entry) => entry.index);
}
