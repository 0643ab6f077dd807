import { describe, expect, it } from 'vitest';
import type { PageAnalysis, Paper } from '../../core/types';
import { AnalysisMemo } from './analysis-memo';
import { analyseInBackground } from './background-analysis';

const options = { relatedThreshold: 0.2, maxRelated: 3 };
const papers = (): Paper[] => [
  { id: '2401.00001', title: 'Sparse attention for long documents', abstract: 'We study sparse attention over long inputs.', authors: ['A. One'], keywords: ['attention'] },
  { id: '2401.00002', title: 'Diffusion models for audio', abstract: 'A diffusion model that writes audio.', authors: ['B. Two'] },
];

function counting(): { calls: () => number; analyse: () => Promise<PageAnalysis> } {
  let calls = 0;
  return {
    calls: () => calls,
    analyse: () => {
      calls++;
      return Promise.resolve({ duplicateOf: [null, null], related: [[], []], relatedGroups: calls });
    },
  };
}

describe('AnalysisMemo', () => {
  it('answers an equal listing (fresh objects, same text) with the analysis already made', async () => {
    const memo = new AnalysisMemo();
    const run = counting();
    const first = await memo.analysis(papers(), options, run.analyse);
    const again = await memo.analysis(papers(), { ...options }, run.analyse);
    expect(run.calls()).toBe(1);
    expect(again).toBe(first);
  });

  it('analyses again when any field the analysis reads, the order or the options differ', async () => {
    const memo = new AnalysisMemo(10);
    const run = counting();
    await memo.analysis(papers(), options, run.analyse);
    const changes: Array<(list: Paper[]) => Paper[]> = [
      (list) => [{ ...list[0]!, abstract: `${list[0]!.abstract} More.` }, list[1]!],
      (list) => [{ ...list[0]!, title: 'Another title' }, list[1]!],
      (list) => [{ ...list[0]!, authors: ['A. One', 'C. Three'] }, list[1]!],
      (list) => [{ ...list[0]!, keywords: ['sparsity'] }, list[1]!],
      (list) => [list[0]!, { ...list[1]!, id: '2401.00003' }],
      (list) => [list[1]!, list[0]!],
      (list) => list.slice(0, 1),
    ];
    for (const change of changes) await memo.analysis(change(papers()), options, run.analyse);
    expect(run.calls()).toBe(1 + changes.length);
    await memo.analysis(papers(), { ...options, relatedThreshold: 0.3 }, run.analyse);
    await memo.analysis(papers(), { ...options, maxRelated: 4 }, run.analyse);
    expect(run.calls()).toBe(3 + changes.length);
  });

  it('keeps the newest few and forgets a failed analysis', async () => {
    const memo = new AnalysisMemo(2);
    const run = counting();
    const list = (id: string): Paper[] => [{ ...papers()[0]!, id }];
    await memo.analysis(list('a'), options, run.analyse);
    await memo.analysis(list('b'), options, run.analyse);
    await memo.analysis(list('c'), options, run.analyse);
    await memo.analysis(list('a'), options, run.analyse);
    expect(run.calls()).toBe(4);

    await expect(memo.analysis(list('d'), options, () => Promise.reject(new Error('stopped')))).rejects.toThrow('stopped');
    await memo.analysis(list('d'), options, run.analyse);
    expect(run.calls()).toBe(5);
  });
});

describe('analyseInBackground', () => {
  it('does not analyse a listing it analysed already, and answers the same analysis', async () => {
    const memo = new AnalysisMemo();
    const first = await analyseInBackground(papers(), options, memo);
    expect(first.duplicateOf).toHaveLength(2);
    expect(await analyseInBackground(papers(), options, memo)).toBe(first);
    let analysedAgain = false;
    await memo.analysis(papers(), options, () => {
      analysedAgain = true;
      return Promise.resolve(first);
    });
    expect(analysedAgain).toBe(false);
  });
});
