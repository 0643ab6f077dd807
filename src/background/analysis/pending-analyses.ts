/**
 * Analyses a page/listed request started under a ref, kept until the page's page/analyse asks for them by that
 * ref. The page's papers then cross to the background once (in page/listed), and the analysis answer never
 * waits for the store's answer, which can take far longer.
 */
import type { PageAnalysis } from '../../core/types';
import { RefTable } from '../api/ref-table';

/** Refs kept at most (tabs whose page/analyse never came: closed or navigated away). */
const KEPT = 16;
/** How long page/analyse waits for a ref it does not know yet (its page/listed not received yet). */
export const REF_WAIT_MS = 300;

export class PendingAnalyses {
  private readonly byRef = new RefTable<Promise<PageAnalysis>>(KEPT);
  private readonly waiting = new Map<string, (analysis: Promise<PageAnalysis>) => void>();

  start(ref: string, analysis: Promise<PageAnalysis>): void {
    // A failure is answered to page/analyse; until it asks, nobody else awaits this promise.
    analysis.catch(() => undefined);
    const waiter = this.waiting.get(ref);
    if (waiter) {
      this.waiting.delete(ref);
      waiter(analysis);
      return;
    }
    this.byRef.set(ref, analysis);
  }

  /** The analysis started under `ref`, or null when none was (the worker restarted in between, or it was dropped). */
  async take(ref: string, waitMs = REF_WAIT_MS): Promise<PageAnalysis | null> {
    const analysis = this.byRef.take(ref) ?? await new Promise<Promise<PageAnalysis> | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(ref);
        resolve(null);
      }, waitMs);
      this.waiting.set(ref, (started) => {
        clearTimeout(timer);
        resolve(started);
      });
    });
    return analysis ? await analysis : null;
  }
}
