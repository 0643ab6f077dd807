/**
 * Related papers: TF-IDF cosine over title + abstract (see related-index), each link explained by the terms the
 * two papers share most. `relatedToReference` compares listed papers with a reference set (the reader's
 * starred and read papers); analysePage links papers within a page.
 */
import type { Paper } from './types';
import { normaliseId } from './ids';
import { titleKey } from './text';
import { tokenize } from './text-tokens';
import { RelatedIndex } from './related-index';

export { RelatedIndex, TOP_TERMS, type Neighbour, type ScoringOptions } from './related-index';

/** Adds a paper to an index, tokenising its title and abstract. */
export function addPaper(index: RelatedIndex, paper: Pick<Paper, 'title' | 'abstract'>): number {
  return index.add(tokenize(paper.title ?? ''), tokenize(paper.abstract ?? ''));
}

/**
 * For each listed paper, the reference papers it is close to, best first. Document frequencies come from both
 * sets together. A reference paper with the same id or title is the paper itself, not a relative: skipped.
 */
export function relatedToReference(
  papers: Paper[],
  reference: Paper[],
  opts: { threshold: number; max: number },
): Array<Array<{ referenceIndex: number; score: number; sharedTerms: string[] }>> {
  const index = new RelatedIndex();
  for (const paper of papers) addPaper(index, paper);
  for (const paper of reference) addPaper(index, paper);
  index.computeIdf();
  index.weigh(0, index.size);
  index.buildPostings();
  const offset = papers.length;
  const ids = papers.map((paper) => normaliseId(paper.id ?? ''));
  const titles = papers.map((paper) => titleKey(paper.title ?? ''));
  const referenceIds = reference.map((paper) => normaliseId(paper.id ?? ''));
  const referenceTitles = reference.map((paper) => titleKey(paper.title ?? ''));
  // a < b always: a listed paper and b a reference paper that is not the same paper.
  const allow = (a: number, b: number): boolean => {
    const r = b - offset;
    return a < offset && r >= 0 && referenceIds[r] !== ids[a] && (titles[a] === '' || referenceTitles[r] !== titles[a]);
  };
  index.scorePairs(0, offset, { floor: opts.threshold, keep: Math.max(0, opts.max), allow });
  return papers.map((_, i) =>
    index.neighbours(i).map((neighbour) => ({
      referenceIndex: neighbour.index - offset,
      score: neighbour.score,
      sharedTerms: index.sharedTerms(i, neighbour.index),
    })),
  );
}
