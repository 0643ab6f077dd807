/**
 * A listing's duplicates and related papers: asked of the background first (its analysis code stays compiled
 * between visits, and the work leaves the page's main thread), worked out here in slices when the background
 * is gone, late (and then only until its answer comes after all) or answers something that does not fit the page.
 */
import type { AnalysisOptions, PageAnalysis, Paper } from '../core/types';
import { analysePageInSteps, isAnalysisOf } from '../core/analyse';
import { Cancelled, measure, runInSlices } from './slices';
import type { StoreLink } from './store-link';

export const EMPTY_ANALYSIS: PageAnalysis = { duplicateOf: [], related: [], relatedGroups: 0 };
/**
 * How long a page of `count` papers waits for the background's analysis before working it out on its own main
 * thread. The background's work grows with the page (about 1 s for 2000 papers on a busy 2-core machine), and a
 * background that is gone fails at once instead; so only a stuck one is waited for, longer on big pages.
 */
export function remoteAnalysisWaitMs(count: number): number {
  return 2500 + count;
}

/**
 * `requested` is the analysis already started with the page's listing (page/listed with `analyse`), if it was;
 * otherwise, or when the background lost it, the background is asked here with the papers.
 */
export async function analyseListing(store: StoreLink, papers: Paper[], options: AnalysisOptions, cancelled: () => boolean, requested?: Promise<PageAnalysis | null> | null, waitMs = remoteAnalysisWaitMs(papers.length)): Promise<PageAnalysis> {
  if (papers.length === 0) return EMPTY_ANALYSIS;
  let late: PageAnalysis | null = null;
  const remote = (requested ?? Promise.resolve(null)).then((analysis) => analysis ?? askBackground(store, papers, options));
  void remote.then((analysis) => (late = analysis));
  const inTime = await withDeadline(remote, waitMs);
  if (cancelled()) throw new Cancelled();
  if (inTime) return inTime;
  // Late (a big page, a busy worker): worked out here, unless the background's answer comes first after all.
  try {
    return await runInSlices(analysePageInSteps(papers, options), 'paper-lens:detect', () => cancelled() || late !== null);
  } catch (error) {
    if (error instanceof Cancelled && !cancelled() && late) return late;
    throw error;
  }
}

function askBackground(store: StoreLink, papers: Paper[], options: AnalysisOptions): Promise<PageAnalysis | null> {
  if (store.dead) return Promise.resolve(null);
  const start = performance.now();
  // Only what the analysis reads: the message is serialised on this thread.
  const texts = papers.map(({ id, title, abstract, authors, keywords }) => (keywords ? { id, title, abstract, authors, keywords } : { id, title, abstract, authors }));
  const answer = store.request('page/analyse', { papers: texts, options }).then((response) => analysisIn(response, papers.length));
  measure('paper-lens:detect', start);
  return answer;
}

/** The analysis page/listed started under `ref`; null when the background has none for it. */
export function analysisByRef(store: StoreLink, ref: string, count: number): Promise<PageAnalysis | null> {
  return store.request('page/analyse', { ref }).then((response) => analysisIn(response, count));
}

/** The analysis an answer carries, when it fits a page of `count` papers. */
export function analysisIn(response: { analysis?: unknown } | null, count: number): PageAnalysis | null {
  return response && isAnalysisOf(response.analysis, count) ? response.analysis : null;
}

function withDeadline(answer: Promise<PageAnalysis | null>, waitMs: number): Promise<PageAnalysis | null> {
  return Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]);
}
