import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageAnalysis } from '../core/types';
import type { RequestMap, RequestType } from '../core/messages';
import { analysePage } from '../core/analyse';
import { generateSyntheticSet } from '../../e2e/fixtures/synthetic';
import { analyseListing, remoteAnalysisWaitMs } from './page-analysis';
import { StoreLink } from './store-link';

const OPTIONS = { relatedThreshold: 0.15, maxRelated: 3 };
const { papers } = generateSyntheticSet({ seed: 77, count: 400, plant: true });

/** An answer the page could not have worked out: every paper after the first called a copy of it. */
const remoteAnswer = (count: number): PageAnalysis => ({
  duplicateOf: Array.from({ length: count }, (_, i) => (i === 0 ? null : { ofIndex: 0, ofId: papers[0]!.id, rule: 'same-title' as const, score: 1 })),
  related: Array.from({ length: count }, () => []),
  relatedGroups: 0,
});

function storeAnsweringAfter(ms: number, answer: PageAnalysis | null): StoreLink {
  const sender = async <T extends RequestType>(type: T, _body: RequestMap[T]['req']): Promise<never> => {
    expect(type).toBe('page/analyse');
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { ok: true, ...(answer ? { analysis: answer } : {}) } as never;
  };
  return new StoreLink(() => undefined, sender, () => () => undefined);
}

describe('the page analysis', () => {
  // Node's MessageChannel (the yield used without scheduler.yield) can starve timers; a browser's yield does not.
  beforeEach(() => vi.stubGlobal('scheduler', { yield: () => new Promise((resolve) => setTimeout(resolve, 0)) }));
  afterEach(() => vi.unstubAllGlobals());

  it('takes a late background answer over its own unfinished analysis', async () => {
    const answer = remoteAnswer(papers.length);
    // The page starts its own run after 10 ms; the background answers at 60 ms, long before that run ends.
    const result = await analyseListing(storeAnsweringAfter(60, answer), papers, OPTIONS, () => false, null, 10);
    // Had the page's own run finished first, its own (different) analysis would be the result.
    expect(result).toEqual(answer);
    expect(result).not.toEqual(analysePage(papers, OPTIONS));
  });

  it('finishes its own analysis when the background has nothing usable', async () => {
    const few = papers.slice(0, 40);
    const result = await analyseListing(storeAnsweringAfter(5, null), few, OPTIONS, () => false, null, 50);
    expect(result).toEqual(analysePage(few, OPTIONS));
  });

  it('waits longer for the background on bigger pages before working the analysis out itself', () => {
    expect(remoteAnalysisWaitMs(50)).toBeGreaterThanOrEqual(2500);
    expect(remoteAnalysisWaitMs(2000)).toBeGreaterThan(remoteAnalysisWaitMs(250));
    expect(remoteAnalysisWaitMs(5000)).toBeLessThanOrEqual(10_000);
  });
});
