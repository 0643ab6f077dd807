import { describe, expect, it } from 'vitest';
import type { Paper } from './types';
import { analysePage, analysePageInSteps, isAnalysisOf } from './analyse';
import { findDuplicates } from './duplicates';
import { generateSyntheticSet } from '../../e2e/fixtures/synthetic';
import { STRONG_LINE, STRONG_LINK_COUNT } from './related-model';

const opts = { relatedThreshold: 0.2, maxRelated: 3 };

describe('analysePage', () => {
  const { papers, pairs } = generateSyntheticSet({ seed: 8, count: 300, plant: true });
  const analysis = analysePage(papers, opts);

  it('steps give exactly what analysePage gives, in many small steps', () => {
    const steps = analysePageInSteps(papers, opts);
    let count = 0;
    let result;
    for (;;) {
      const next = steps.next();
      if (next.done) {
        result = next.value;
        break;
      }
      count++;
    }
    expect(result).toEqual(analysis);
    expect(count).toBeGreaterThanOrEqual(10);
  });

  it('duplicates match findDuplicates; duplicates are never related to their originals', () => {
    expect(analysis.duplicateOf).toEqual(findDuplicates(papers));
    const rootOf = (i: number): number => analysis.duplicateOf[i]?.ofIndex ?? i;
    analysis.related.forEach((links, i) => {
      for (const link of links) expect(rootOf(link.index)).not.toBe(rootOf(i));
    });
    const sameId = pairs.find((pair) => pair.label === 'same-id');
    expect(sameId && analysis.related[sameId.bIndex]?.some((link) => link.index === sameId.aIndex)).toBe(false);
  });

  it('a work is linked once, through its first listing: no list names an id twice or points to a copy', () => {
    const copies = [...papers, { ...papers[0]!, id: '2411.00001' }, papers[1]!];
    const result = analysePage(copies, { relatedThreshold: 0.05, maxRelated: 5 });
    result.related.forEach((links, i) => {
      const ids = links.map((link) => link.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const link of links) expect(result.duplicateOf[link.index]).toBeNull();
      if (result.duplicateOf[i]) expect(links).toEqual([]);
    });
    expect(result.related.flat().some((link) => link.index === 0)).toBe(true);
  });

  it('a card shows more than three links only when the evidence is strong', () => {
    const loose = analysePage(papers, { relatedThreshold: 0.05, maxRelated: 5 });
    for (const links of loose.related) for (const link of links.slice(STRONG_LINK_COUNT)) expect(link.score).toBeGreaterThanOrEqual(STRONG_LINE);
    // Many cards reach the cap at this low line: the rule is exercised.
    expect(loose.related.filter((links) => links.length === STRONG_LINK_COUNT).length).toBeGreaterThan(10);
  });

  it('links carry id, score above threshold, at most maxRelated, best first, with reasons', () => {
    let linked = 0;
    analysis.related.forEach((links, i) => {
      expect(links.length).toBeLessThanOrEqual(opts.maxRelated);
      links.forEach((link, k) => {
        expect(link.index).not.toBe(i);
        expect(link.id).toBe(papers[link.index]?.id);
        expect(link.score).toBeGreaterThanOrEqual(opts.relatedThreshold);
        expect(link.sharedTerms.length).toBeGreaterThan(0);
        if (k > 0) expect(links[k - 1]!.score).toBeGreaterThanOrEqual(link.score);
      });
      if (links.length > 0) linked++;
    });
    expect(linked).toBeGreaterThan(papers.length / 3);
    expect(analysis.relatedGroups).toBeGreaterThan(0);
  });

  it('counts groups as connected components of two or more papers', () => {
    const p = (id: string, title: string, abstract: string): Paper => ({ id, title, abstract, authors: [] });
    const small = [
      p('1', 'Speculative Decoding for LLM Inference', 'Speculative decoding with a draft model speeds up language model inference.'),
      p('2', 'Tree Speculative Decoding', 'Tree drafts make speculative decoding of language model inference faster.'),
      p('3', 'Gaussian Splatting Scenes', 'Gaussian splatting renders radiance field scenes in real time.'),
      p('4', 'Dynamic Gaussian Splatting', 'Dynamic scenes rendered with Gaussian splatting and radiance field deformation.'),
      p('5', 'Protein Folding Networks', 'Equivariant networks predict protein structure.'),
    ];
    const result = analysePage(small, { relatedThreshold: 0.1, maxRelated: 2 });
    expect(result.related[0]?.map((link) => link.index)).toEqual([1]);
    expect(result.related[2]?.map((link) => link.index)).toEqual([3]);
    expect(result.related[4]).toEqual([]);
    expect(result.relatedGroups).toBe(2);
  });

  it('handles empty pages, one paper, maxRelated 0 and papers without text', () => {
    expect(analysePage([], opts)).toEqual({ duplicateOf: [], related: [], relatedGroups: 0 });
    const empty = { id: 'x', title: '', abstract: '', authors: [] };
    expect(analysePage([empty, { ...empty, id: 'y' }], opts)).toEqual({ duplicateOf: [null, null], related: [[], []], relatedGroups: 0 });
    expect(analysePage(papers.slice(0, 20), { relatedThreshold: 0.01, maxRelated: 0 }).related.flat()).toEqual([]);
  });

  it('accepts an analysis from another context only when every index points into the page', () => {
    expect(isAnalysisOf(analysis, papers.length)).toBe(true);
    expect(isAnalysisOf(analysis, papers.length + 1)).toBe(false);
    expect(isAnalysisOf(null, 0)).toBe(false);
    expect(isAnalysisOf({ duplicateOf: [], related: [] }, 0)).toBe(false);
    const linked = analysis.related.findIndex((links) => links.length > 0);
    const outOfPage = { ...analysis, related: analysis.related.map((links, i) => (i === linked ? [{ ...links[0]!, index: papers.length }] : links)) };
    expect(isAnalysisOf(outOfPage, papers.length)).toBe(false);
    const badDuplicate = { ...analysis, duplicateOf: analysis.duplicateOf.map((match, i) => (i === 0 ? { ofIndex: -1, ofId: 'x', rule: 'same-id', score: 1 } : match)) };
    expect(isAnalysisOf(badDuplicate, papers.length)).toBe(false);
  });
});
