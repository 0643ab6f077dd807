/**
 * One page's analysis: duplicates, then related links (duplicates excluded) and their groups. The work is cut
 * into steps of at most STEP_SIZE papers each, so the content script can yield to the page between steps
 * (each step stays within a few milliseconds on a 1000-paper page, even on a slow core).
 */
import type { AnalysisOptions, PageAnalysis, Paper, RelatedLink } from './types';
import { PageDuplicateFinder } from './duplicates';
import { RelatedIndex, keywordTokens } from './related';
import { STRONG_LINE, STRONG_LINK_COUNT, type RelatedModel } from './related-model';
import { tokenize, type Token } from './text-tokens';

export const STEP_SIZE = 25;

function* chunks(total: number, size: number, run: (from: number, to: number) => void): Generator<void, void, void> {
  for (let from = 0; from < total; from += size) {
    run(from, Math.min(total, from + size));
    yield;
  }
}

/** `model` is the shipped strength model unless the eval passes another. */
export function* analysePageInSteps(papers: Paper[], opts: AnalysisOptions, model?: RelatedModel): Generator<void, PageAnalysis, void> {
  const n = papers.length;
  const maxRelated = Math.max(0, Math.min(5, Math.round(opts.maxRelated)));
  const abstractTokens: Token[][] = new Array<Token[]>(n);
  const finder = new PageDuplicateFinder(papers);
  const index = new RelatedIndex();

  yield* chunks(n, STEP_SIZE, (from, to) => {
    for (let i = from; i < to; i++) {
      const paper = papers[i] as Paper;
      abstractTokens[i] = tokenize(paper.abstract ?? '');
      index.add(tokenize(paper.title ?? ''), abstractTokens[i] as Token[], keywordTokens(paper));
    }
    finder.prepare(from, to, abstractTokens);
  });
  yield* chunks(n, STEP_SIZE * 2, (from, to) => finder.match(from, to));
  const duplicateOf = finder.duplicateOf;
  const roots = Int32Array.from(duplicateOf, (match, i) => match?.ofIndex ?? i);

  index.computeIdf();
  yield* chunks(n, STEP_SIZE * 2, (from, to) => index.weigh(from, to));
  index.buildPostings();
  yield;

  // Copies of one work are duplicates, never related; and a work is linked once, through its first listing
  // (a link to each copy would name the same paper twice, and the copy's card already points to the original).
  const isOriginal = (i: number): boolean => roots[i] === i;
  const scoring = { floor: opts.relatedThreshold, keep: maxRelated, allow: (a: number, b: number) => isOriginal(a) && isOriginal(b), ...(model ? { model } : {}) };
  yield* chunks(n, STEP_SIZE, (from, to) => index.scorePairs(from, to, scoring));

  const related: RelatedLink[][] = new Array<RelatedLink[]>(n);
  yield* chunks(n, STEP_SIZE * 2, (from, to) => {
    for (let i = from; i < to; i++) {
      // Fewer, better links: past the first few, only strong evidence earns a place on the card.
      const kept = index.neighbours(i).filter((neighbour, rank) => rank < STRONG_LINK_COUNT || neighbour.score >= STRONG_LINE);
      related[i] = kept.map((neighbour) => ({
        index: neighbour.index,
        id: (papers[neighbour.index] as Paper).id,
        score: neighbour.score,
        sharedTerms: index.sharedTerms(i, neighbour.index),
      }));
    }
  });

  return { duplicateOf, related, relatedGroups: countGroups(related) };
}

/** Connected components of two or more papers in the related-link graph. */
function countGroups(related: RelatedLink[][]): number {
  const parent = related.map((_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  related.forEach((links, i) => {
    for (const link of links) {
      const a = find(i);
      const b = find(link.index);
      if (a !== b) parent[a] = b;
    }
  });
  const sizes = new Map<number, number>();
  related.forEach((_, i) => sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1));
  let groups = 0;
  for (const size of sizes.values()) if (size >= 2) groups++;
  return groups;
}

export function analysePage(papers: Paper[], opts: AnalysisOptions, model?: RelatedModel): PageAnalysis {
  const steps = analysePageInSteps(papers, opts, model);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Whether `value` is an analysis of a page of `count` papers whose indexes all point into it: an answer from
 * another context (or another version of the extension) is used only when it can be rendered safely.
 */
export function isAnalysisOf(value: unknown, count: number): value is PageAnalysis {
  if (typeof value !== 'object' || value === null) return false;
  const { duplicateOf, related, relatedGroups } = value as Partial<PageAnalysis>;
  if (!Array.isArray(duplicateOf) || !Array.isArray(related) || typeof relatedGroups !== 'number') return false;
  if (duplicateOf.length !== count || related.length !== count) return false;
  const inPage = (index: unknown): boolean => Number.isInteger(index) && (index as number) >= 0 && (index as number) < count;
  const duplicatesOk = duplicateOf.every((match) => match === null || (typeof match === 'object' && inPage(match.ofIndex) && typeof match.ofId === 'string'));
  return duplicatesOk && related.every((links) => Array.isArray(links) && links.every((link) => inPage(link?.index) && typeof link.id === 'string' && Array.isArray(link.sharedTerms)));
}
