/**
 * 'page/analyse': a listing's duplicates and related papers, computed here so the page's main thread only reads
 * and marks. Runs in steps with a yield between slices, so a 5000-card page does not hold up the store's other
 * requests (a star, another tab's listing) for its whole analysis.
 */
import type { AnalysisOptions, PageAnalysis, Paper } from '../core/types';
import { analysePageInSteps } from '../core/analyse';
import { StoreFailure } from './errors';
import { plainPaper } from './derive';
import type { PendingAnalyses } from './analysis-refs';
import { AnalysisMemo } from './analysis-memo';

const SLICE_MS = 12;

/** The text fields the analysis reads, cleaned as stored papers are (plainPaper); an entry that is no object is an empty paper. */
function asPaper(value: unknown): Paper {
  const paper = (typeof value === 'object' && value !== null ? value : {}) as Paper;
  return { ...plainPaper(paper), id: typeof paper.id === 'string' ? paper.id : '' };
}

function asOptions(value: unknown): AnalysisOptions {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { relatedThreshold, maxRelated } = raw;
  if (typeof relatedThreshold !== 'number' || typeof maxRelated !== 'number' || !Number.isFinite(relatedThreshold) || !Number.isFinite(maxRelated)) {
    throw new StoreFailure('invalid', 'The analysis request has no valid related-paper settings.');
  }
  return { relatedThreshold, maxRelated };
}

/** page/listed with `analyse`: the analysis needs no database, so it starts on arrival, under the page's ref. */
export function startListingAnalysis(analyses: PendingAnalyses, request: { papers?: unknown; analyse?: unknown }): void {
  const analyse = request.analyse as { options?: unknown; ref?: unknown } | undefined;
  if (typeof analyse !== 'object' || analyse === null || typeof analyse.ref !== 'string' || !Array.isArray(request.papers)) return;
  analyses.start(analyse.ref, analyseInBackground(request.papers, analyse.options));
}

/** This worker's recent analyses: a page loaded again is not analysed again. */
const recent = new AnalysisMemo();

export function analyseInBackground(papers: unknown[], options: unknown, memo: AnalysisMemo = recent): Promise<PageAnalysis> {
  let input: Paper[];
  let checked: AnalysisOptions;
  try {
    input = papers.map(asPaper);
    checked = asOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  return memo.analysis(input, checked, () => analyseInSlices(input, checked));
}

async function analyseInSlices(papers: Paper[], options: AnalysisOptions): Promise<PageAnalysis> {
  const steps = analysePageInSteps(papers, options);
  for (;;) {
    const start = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() - start >= SLICE_MS) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
