/**
 * Sparse TF-IDF vectors of papers for the "For you" model: Porter stems and stem bigrams (a stop word or number
 * ends a phrase) of title and abstract, title terms counted twice, sublinear tf, smoothed idf over the papers
 * given together, l2 norm. Generic research words keep a cut single-word weight, as in the related index.
 */
import type { Paper } from '../types';
import { tokenize, type Token } from '../text-tokens';
import { GENERIC_WORDS } from '../text-stopwords';

export type SparseVector = Map<string, number>;

const TITLE_WEIGHT = 2;
const GENERIC_FACTOR = 0.3;

/** Term counts of a paper; terms are stems ("diffus") and stem pairs ("video diffus"). */
function termCounts(paper: Pick<Paper, 'title' | 'abstract'>, surfaces: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (tokens: readonly Token[], weight: number): void => {
    let previous: Token | null = null;
    for (const token of tokens) {
      if (token.stem === null) {
        previous = null;
        continue;
      }
      counts.set(token.stem, (counts.get(token.stem) ?? 0) + weight);
      if (!surfaces.has(token.stem)) surfaces.set(token.stem, token.display);
      if (previous?.stem) {
        const pair = `${previous.stem} ${token.stem}`;
        counts.set(pair, (counts.get(pair) ?? 0) + weight);
        if (!surfaces.has(pair)) surfaces.set(pair, `${previous.display} ${token.display}`);
      }
      previous = token;
    }
  };
  add(tokenize(paper.title ?? ''), TITLE_WEIGHT);
  add(tokenize(paper.abstract ?? ''), 1);
  return counts;
}

export interface Vectorized {
  vectors: SparseVector[];
  /** Stem or stem pair -> the words as written, for reasons. */
  surfaces: ReadonlyMap<string, string>;
}

let genericStems: ReadonlySet<string> | null = null;
function genericStemSet(): ReadonlySet<string> {
  if (!genericStems) {
    const stems = new Set<string>();
    for (const word of GENERIC_WORDS) for (const token of tokenize(word)) if (token.stem) stems.add(token.stem);
    genericStems = stems;
  }
  return genericStems;
}

export function vectorize(papers: ReadonlyArray<Pick<Paper, 'title' | 'abstract'>>): Vectorized {
  const surfaces = new Map<string, string>();
  const counts = papers.map((paper) => termCounts(paper, surfaces));
  const df = new Map<string, number>();
  for (const paper of counts) for (const term of paper.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = papers.length;
  const generic = genericStemSet();
  const vectors = counts.map((paper) => {
    const vector: SparseVector = new Map();
    let norm = 0;
    for (const [term, count] of paper) {
      const idf = Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
      const weight = (1 + Math.log(count)) * idf * (generic.has(term) ? GENERIC_FACTOR : 1);
      vector.set(term, weight);
      norm += weight * weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [term, weight] of vector) vector.set(term, weight * scale);
    return vector;
  });
  return { vectors, surfaces };
}

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}
