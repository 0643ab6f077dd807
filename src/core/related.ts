/**
 * Related papers: a strength from the evidence two papers share (TF-IDF cosine over title, abstract and the site's
 * keywords, its specific part, their titles; see related-index and related-model), each link explained by the
 * terms the two papers share most. `relatedToReference` compares listed papers with a reference set (the reader's
 * starred and read papers); analysePage links papers within a page.
 */
import type { Paper } from './types';
import { normaliseId } from './ids';
import { titleKey } from './text';
import { stemGeneration, tokenize, type Token } from './text-tokens';
import { RelatedIndex } from './related-index';
import type { RelatedModel } from './related-model';

export { RelatedIndex, TOP_TERMS, type Neighbour, type ScoringOptions } from './related-index';
export { linkStrength, RELATED_LINE, RELATED_MODEL, STRONG_LINE, STRONG_LINK_COUNT, type PairEvidence, type RelatedModel } from './related-model';

/** The site's keywords for a paper (its payload's ai_keywords), each tokenised on its own. */
export function keywordTokens(paper: Pick<Paper, 'keywords'>): Token[][] {
  return Array.isArray(paper.keywords) ? paper.keywords.filter((keyword) => typeof keyword === 'string').map((keyword) => tokenize(keyword)) : [];
}

/** Adds a paper to an index, tokenising its title, abstract and keywords. */
export function addPaper(index: RelatedIndex, paper: Pick<Paper, 'title' | 'abstract' | 'keywords'>): number {
  return index.add(tokenize(paper.title ?? ''), tokenize(paper.abstract ?? ''), keywordTokens(paper));
}

/** A paper's tokens and the keys that tell it apart, made once. */
interface TokenizedPaper {
  id: string;
  titleKey: string;
  title: Token[];
  abstract: Token[];
  keywords: Token[][];
}

function tokenizePaper(paper: Paper): TokenizedPaper {
  return { id: normaliseId(paper.id ?? ''), titleKey: titleKey(paper.title ?? ''), title: tokenize(paper.title ?? ''), abstract: tokenize(paper.abstract ?? ''), keywords: keywordTokens(paper) };
}

/**
 * A reference set tokenized once and reused while it is unchanged (the store keeps one per reference set).
 * Tokens carry stem ids, which a reset of the stem ids (text-tokens) makes stale: they are then made again.
 */
export class ReferencePapers<P extends Paper = Paper> {
  private tokens: TokenizedPaper[] = [];
  private generation = -1;
  constructor(readonly papers: readonly P[]) {}

  tokenized(): readonly TokenizedPaper[] {
    if (this.generation !== stemGeneration()) {
      this.generation = stemGeneration();
      this.tokens = this.papers.map(tokenizePaper);
    }
    return this.tokens;
  }
}

/** Tries before giving up on tokens of one stem generation (a reset needs 100,000 new stems: twice never happens). */
const TOKENIZE_TRIES = 3;

/**
 * For each listed paper, the reference papers it is close to, best first. Document frequencies come from both
 * sets together. A reference paper with the same id or title is the paper itself, not a relative: skipped.
 */
export function relatedToReference(
  papers: Paper[],
  referenceSet: readonly Paper[] | ReferencePapers,
  opts: { threshold: number; max: number; model?: RelatedModel },
): Array<Array<{ referenceIndex: number; score: number; sharedTerms: string[] }>> {
  const cached = referenceSet instanceof ReferencePapers ? referenceSet : new ReferencePapers(referenceSet);
  let listed: TokenizedPaper[] = [];
  let reference: readonly TokenizedPaper[] = [];
  // All tokens compared must come from one stem generation, or one stem could count as two terms.
  for (let tries = 0; tries < TOKENIZE_TRIES; tries++) {
    const generation = stemGeneration();
    listed = papers.map(tokenizePaper);
    reference = cached.tokenized();
    if (stemGeneration() === generation) break;
  }
  const index = new RelatedIndex();
  for (const paper of listed) index.add(paper.title, paper.abstract, paper.keywords);
  for (const paper of reference) index.add(paper.title, paper.abstract, paper.keywords);
  index.computeIdf();
  index.weigh(0, index.size);
  index.buildPostings();
  const offset = listed.length;
  // a < b always: a listed paper and b a reference paper that is not the same paper.
  const allow = (a: number, b: number): boolean => {
    const r = b - offset;
    const listedPaper = listed[a];
    const referencePaper = reference[r];
    return a < offset && r >= 0 && !!listedPaper && !!referencePaper && referencePaper.id !== listedPaper.id
      && (listedPaper.titleKey === '' || referencePaper.titleKey !== listedPaper.titleKey);
  };
  index.scorePairs(0, offset, { floor: opts.threshold, keep: Math.max(0, opts.max), allow, ...(opts.model ? { model: opts.model } : {}) });
  return papers.map((_, i) =>
    index.neighbours(i).map((neighbour) => ({
      referenceIndex: neighbour.index - offset,
      score: neighbour.score,
      sharedTerms: index.sharedTerms(i, neighbour.index),
    })),
  );
}
