/**
 * The store side of a tab's listings: which papers this visit has listed already, the listings still waiting for
 * their answer, and the reader-related links that follow each answer. The answered states go to `onStates`; links
 * that arrive later are merged into the tab's `states` by paper id and, when they changed one, ask for a refresh.
 */
import type { AnalysisOptions, ListingPage, PageAnalysis, Paper } from '../core/types';
import type { PaperState } from '../core/records';
import { analysisByRef } from './page-analysis';
import { mergeReaderRelated, requestReaderRelated } from './reader-related';
import type { StoreLink } from './store-link';

export interface Listed {
  /** Resolves once every listing sent so far was answered (or failed). */
  statesArrived: Promise<void>;
  /** The analysis the listing started in the background under a ref, when it carried the whole page. */
  analysis: Promise<PageAnalysis | null> | null;
}

export class ListingRequests {
  private readonly listedIds = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  /** Reader-related links asked for and not answered yet. */
  private readonly lateLinks = new Set<Promise<void>>();
  private analysisRefs = 0;
  private paused = false;

  constructor(
    private readonly token: string,
    private readonly store: StoreLink,
    private readonly states: Map<string, PaperState>,
    private readonly onStates: (states: readonly PaperState[]) => void,
    private readonly onLateLinks: () => void,
  ) {}

  /** A new visit: every paper is listed again (and listing resumes after a pause). */
  forget(): void {
    this.listedIds.clear();
    this.paused = false;
  }

  /**
   * The store was cleared under this visit: nothing is listed until the next visit (`forget`), and links still on
   * their way (worked out from what was deleted) are not merged.
   */
  pause(): void {
    this.paused = true;
  }

  /**
   * Sends the papers not yet listed on this visit. When the page needs analysing (`analyse`) and none of its papers
   * was listed yet on this visit (a page's first read), the listing carries the whole list and starts its analysis
   * in the background under a ref, and the analysis is asked for by that ref: the papers are serialised once, and
   * the analysis does not wait for the store.
   */
  list(page: ListingPage, papers: Paper[], analyse?: AnalysisOptions): Listed {
    if (page.kind === 'paper' || page.kind === 'other' || this.paused) return { statesArrived: Promise.resolve(), analysis: null };
    const fresh = new Map<string, Paper>();
    for (const paper of papers) if (!this.listedIds.has(paper.id) && !fresh.has(paper.id)) fresh.set(paper.id, paper);
    let analysis: Promise<PageAnalysis | null> | null = null;
    if (fresh.size > 0 && !this.store.dead) {
      const whole = analyse !== undefined && papers.every((paper) => fresh.has(paper.id));
      for (const id of fresh.keys()) this.listedIds.add(id);
      const ref = whole ? `${this.token}:${++this.analysisRefs}` : null;
      const answer = this.store.request('page/listed', ref && analyse ? { page, papers, analyse: { options: analyse, ref } } : { page, papers: [...fresh.values()] });
      if (ref) analysis = analysisByRef(this.store, ref, papers.length);
      const request = answer.then((response) => {
        if (!response) return;
        this.onStates(response.states);
        // Reader-related links come after the states (content/reader-related.ts); the marks do not wait for them.
        if (response.relatedRef !== undefined) {
          const links = requestReaderRelated(this.store, response.relatedRef, response.states).then((related) => {
            if (related && !this.paused && mergeReaderRelated(this.states, related)) this.onLateLinks();
          });
          this.lateLinks.add(links);
          void links.finally(() => this.lateLinks.delete(links));
        }
      });
      this.inflight.add(request);
      void request.finally(() => this.inflight.delete(request));
    }
    return { statesArrived: Promise.all(this.inflight).then(() => undefined), analysis };
  }

  /** Resolves once every listing sent so far was answered and the reader-related links that follow were taken in. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
    await Promise.allSettled([...this.lateLinks]);
  }
}
