/**
 * 'page/analyse': a listing's duplicates and related papers, computed here so the page's main thread only reads
 * and marks. Runs in steps with a yield between slices, so a 5000-card page does not hold up the store's other
 * requests (a star, another tab's listing) for its whole analysis.
 */
import type { AnalysisOptions, PageAnalysis, Paper } from '../../core/types';
import { analysePageInSteps } from '../../core/analyse';
import type { AnalysisInput } from '../api/parse-request';
import type { PendingAnalyses } from './pending-analyses';
import { AnalysisMemo } from './analysis-memo';

const SLICE_MS = 12;

/**
 * page/listed with `analyse`: the analysis needs no database, so it starts on arrival, under the page's ref; one
 * that cannot run is answered as such to the page/analyse that asks for it.
 */
export function startListingAnalysis(analyses: PendingAnalyses, analyse: { ref: string; input: AnalysisInput }): void {
  const { ref, input } = analyse;
  analyses.start(ref, input.ok ? analyseInBackground(input.papers, input.options) : Promise.reject(input.failure));
}

/** This worker's recent analyses: a page loaded again is not analysed again. */
const recent = new AnalysisMemo();

export function analyseInBackground(papers: readonly Paper[], options: AnalysisOptions, memo: AnalysisMemo = recent): Promise<PageAnalysis> {
  return memo.analysis(papers, options, () => analyseInSlices(papers, options));
}

async function analyseInSlices(papers: readonly Paper[], options: AnalysisOptions): Promise<PageAnalysis> {
  const steps = analysePageInSteps([...papers], options);
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
