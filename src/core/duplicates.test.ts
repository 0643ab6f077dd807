import { describe, expect, it } from 'vitest';
import type { Paper } from './types';
import { duplicateKeys, findDuplicates, matchKnownPaper } from './duplicates';
import { generateSyntheticSet, DUPLICATE_LABELS, type SyntheticSet } from '../../e2e/fixtures/synthetic';
import { loadSharedPapers } from '../../e2e/fixtures/shared-data';

const { papers: pool } = generateSyntheticSet({ seed: 77, count: 40 });
const base = (i: number): Paper => ({ ...(pool[i] as Paper) });
const sentencesOf = (text: string): string[] => text.match(/[^.!?]+[.!?]+/g)?.map((s) => s.trim()) ?? [text];

describe('findDuplicates rules', () => {
  it('same id listed again, whatever the id spelling; the earliest listing is the original', () => {
    const paper = base(0);
    const papers = [base(1), paper, base(2), { ...paper, id: `arXiv:${paper.id}v2` }, { ...paper, id: `https://arxiv.org/abs/${paper.id}` }];
    const result = findDuplicates(papers);
    expect(result[0]).toBeNull();
    expect(result[1]).toBeNull();
    expect(result[2]).toBeNull();
    expect(result[3]).toEqual({ ofIndex: 1, ofId: paper.id, rule: 'same-id', score: 1 });
    expect(result[4]).toMatchObject({ ofIndex: 1, rule: 'same-id' });
  });

  it('same title under another id (case, punctuation, LaTeX, HTML, accents) with a shared author', () => {
    const original = { ...base(0), title: 'Schrödinger Bridges: Fast Sampling for Long-Context Models' };
    const variants = [
      'schrodinger bridges -- fast sampling for long context models',
      '{Schr\\"odinger} Bridges: \\emph{Fast} Sampling for Long-Context Models.',
      '<b>Schrödinger</b> Bridges: Fast Sampling for Long&#8209;Context Models',
    ];
    for (const title of variants) {
      const copy: Paper = { ...base(5), id: '2499.00001', title, authors: [original.authors[1] as string, 'New Person'] };
      const result = findDuplicates([original, base(3), copy]);
      expect(result[2], title).toEqual({ ofIndex: 0, ofId: original.id, rule: 'same-title', score: 1 });
    }
  });

  it('same title with abbreviated first names still agrees', () => {
    const original = base(0);
    const copy = { ...original, id: '2499.00002', abstract: '', authors: original.authors.map((name) => name.replace(/^(\S)\S*\s/, '$1. ')) };
    expect(findDuplicates([original, copy])[1]?.rule).toBe('same-title');
  });

  it('generic title shared by different people is not a duplicate', () => {
    const a: Paper = { ...base(0), title: 'A Survey of Large Language Models', authors: ['Wayne Xin Zhao', 'Kun Zhou', 'Junyi Li'] };
    const b: Paper = { ...base(1), title: 'A survey of large language models.', authors: ['Maria García', 'Jonas Weber'] };
    expect(findDuplicates([a, b])).toEqual([null, null]);
  });

  it('same title with authors unknown on one side: kept unless both abstracts clearly differ', () => {
    const a = base(0);
    const sameText = { ...a, id: '2499.00003', authors: [] };
    const otherText = { ...base(1), id: '2499.00004', title: a.title, authors: [] };
    const noText = { ...base(1), id: '2499.00005', title: a.title, authors: [], abstract: '' };
    expect(findDuplicates([a, sameText])[1]?.rule).toBe('same-title');
    expect(findDuplicates([a, noText])[1]?.rule).toBe('same-title');
    expect(findDuplicates([a, otherText])[1]).toBeNull();
  });

  it('a 300-author paper: one shared author confirms the title, none vetoes it', () => {
    const { papers } = generateSyntheticSet({ seed: 9, count: 12, manyAuthors: true });
    const big = papers.find((paper) => paper.authors.length === 300) as Paper;
    const withShared = { ...base(2), id: '2499.00006', title: big.title.toUpperCase(), authors: ['Zed Nobody', big.authors[299] as string] };
    const withoutShared = { ...base(2), id: '2499.00007', title: big.title, authors: ['Zed Nobody', 'Quinn Unknown'] };
    expect(findDuplicates([big, withShared])[1]?.rule).toBe('same-title');
    expect(findDuplicates([big, withoutShared])[1]).toBeNull();
  });

  it('revised abstract under another id and edited title: near-abstract', () => {
    const original = base(0);
    const sentences = sentencesOf(original.abstract);
    const revisedSentences = [...sentences];
    revisedSentences.splice(2, 1, 'We additionally study a harder variant of the problem with noisy labels and report consistent gains.');
    revisedSentences.splice(4, 0, 'A new appendix describes all hyperparameters in detail.');
    revisedSentences.pop();
    const revised = { ...base(1), id: '2499.00008', title: `${original.title} Revisited`, authors: original.authors, abstract: revisedSentences.join(' ') };
    const result = findDuplicates([original, base(2), revised]);
    expect(result[2]?.rule).toBe('near-abstract');
    expect(result[2]?.ofIndex).toBe(0);
    expect(result[2]?.score).toBeGreaterThan(0.6);
    expect(result[2]?.score).toBeLessThan(1);
  });

  it('truncated abstract (first 40% only, cut mid-sentence): near-abstract with containment ~1', () => {
    const original = base(0);
    const words = original.abstract.split(' ');
    const truncated = { ...base(1), id: '2499.00009', title: 'Another Title Entirely', abstract: `${words.slice(0, Math.round(words.length * 0.4)).join(' ')}…` };
    const result = findDuplicates([original, truncated]);
    expect(result[1]?.rule).toBe('near-abstract');
    expect(result[1]?.score).toBeGreaterThan(0.95);
    // Order does not matter for which text is shorter: the earlier listing is still the original.
    expect(findDuplicates([truncated, original])[1]).toMatchObject({ ofIndex: 0, rule: 'near-abstract' });
  });

  it('empty or tiny abstracts never make a near-abstract match', () => {
    const a = { ...base(0), abstract: '' };
    const b = { ...base(1), abstract: '' };
    const c = { ...base(2), abstract: 'We propose a new model.' };
    const d = { ...base(3), abstract: 'We propose a new model.' };
    expect(findDuplicates([a, b, c, d])).toEqual([null, null, null, null]);
  });

  it('a third listing points to the original, not to the copy', () => {
    const original = base(0);
    const copy = { ...original, id: '2499.00010', title: original.title.toLowerCase() };
    const again = { ...copy };
    const result = findDuplicates([original, copy, again]);
    expect(result[1]).toMatchObject({ ofIndex: 0, rule: 'same-title' });
    expect(result[2]).toMatchObject({ ofIndex: 0, ofId: original.id });
  });

  it('handles an empty page and pages of papers without text', () => {
    expect(findDuplicates([])).toEqual([]);
    expect(findDuplicates([{ id: '', title: '', abstract: '', authors: [] }, { id: '', title: '', abstract: '', authors: [] }])).toEqual([null, null]);
  });
});

describe('history helpers', () => {
  it('duplicateKeys gives the folded title and band keys shared by near copies only', () => {
    const original = base(0);
    const words = original.abstract.split(' ');
    const truncated = { title: 'x', abstract: words.slice(0, Math.round(words.length * 0.5)).join(' ') };
    const keys = duplicateKeys(original);
    expect(keys.titleKey).toBe(original.title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());
    expect(keys.bandKeys.length).toBeGreaterThan(20);
    expect(new Set(keys.bandKeys).size).toBe(keys.bandKeys.length);
    const truncatedKeys = new Set(duplicateKeys(truncated).bandKeys);
    expect(keys.bandKeys.some((key) => truncatedKeys.has(key))).toBe(true);
    const unrelated = new Set(duplicateKeys(base(1)).bandKeys);
    expect(keys.bandKeys.filter((key) => unrelated.has(key)).length).toBeLessThanOrEqual(1);
    expect(duplicateKeys({ title: 'T', abstract: '' }).bandKeys).toEqual([]);
    expect(duplicateKeys(original)).toEqual(keys);
  });

  it('matchKnownPaper confirms with the same rules', () => {
    const known = base(0);
    expect(matchKnownPaper({ ...known, id: `${known.id}v3` }, known)).toBe('same-id');
    expect(matchKnownPaper({ ...base(1), id: '2499.1', title: known.title.toUpperCase(), authors: known.authors.slice(0, 1) }, known)).toBe('same-title');
    expect(matchKnownPaper({ ...base(1), id: '2499.2', abstract: known.abstract.slice(0, known.abstract.length * 0.6) }, known)).toBe('near-abstract');
    expect(matchKnownPaper(base(1), known)).toBeNull();
    expect(matchKnownPaper({ ...base(1), title: known.title, authors: ['Nobody Else'] }, known)).toBeNull();
  });
});

function scoreSet(set: SyntheticSet): { truePositives: number; falsePositives: string[]; missed: string[]; planted: number } {
  const result = findDuplicates(set.papers);
  const group = set.papers.map((_, i) => i);
  const find = (x: number): number => (group[x] === x ? x : (group[x] = find(group[x] as number)));
  const dupPairs = set.pairs.filter((pair) => DUPLICATE_LABELS.includes(pair.label));
  for (const pair of dupPairs) group[find(pair.bIndex)] = find(pair.aIndex);
  const falsePositives: string[] = [];
  let truePositives = 0;
  result.forEach((match, i) => {
    if (!match) return;
    if (find(match.ofIndex) === find(i)) truePositives++;
    else falsePositives.push(`${match.rule}: "${set.papers[match.ofIndex]?.title}" ~ "${set.papers[i]?.title}"`);
  });
  const rootOf = (i: number): number => result[i]?.ofIndex ?? i;
  const missed = dupPairs.filter((pair) => rootOf(pair.aIndex) !== rootOf(pair.bIndex)).map((pair) => `${pair.label} ${pair.a}/${pair.b}`);
  return { truePositives, falsePositives, missed, planted: dupPairs.length };
}

describe('synthetic labelled set', () => {
  it.each([1, 2, 3])('seed %i: precision 1.0 and recall >= 0.95 over 600 papers', (seed) => {
    const set = generateSyntheticSet({ seed, count: 600, plant: true });
    const { falsePositives, missed, planted } = scoreSet(set);
    expect(falsePositives).toEqual([]);
    expect(planted).toBeGreaterThan(50);
    expect(1 - missed.length / planted).toBeGreaterThanOrEqual(0.95);
  });

  it('hard negatives, related pairs and generic-title traps are never duplicates', () => {
    const set = generateSyntheticSet({ seed: 4, count: 800, plant: true });
    const result = findDuplicates(set.papers);
    const negatives = set.pairs.filter((pair) => !DUPLICATE_LABELS.includes(pair.label));
    expect(negatives.length).toBeGreaterThan(40);
    for (const pair of negatives) expect(result[pair.bIndex]?.ofIndex === pair.aIndex, `${pair.label} ${pair.a}/${pair.b}`).toBe(false);
  });
});

const realPapers = loadSharedPapers();
describe.skipIf(!realPapers)('real papers from ../shared (needs ../shared/data; skipped where it is absent)', () => {
  it('finds no duplicates among 491 distinct real papers, and finds planted truncations and revisions', () => {
    const papers = realPapers as Paper[];
    expect(findDuplicates(papers).filter(Boolean)).toEqual([]);
    const planted: Paper[] = papers.slice(0, 60).map((paper, i) => {
      const sentences = sentencesOf(paper.abstract);
      if (i % 2 === 0) {
        const words = paper.abstract.split(' ');
        return { ...paper, id: `9999.${String(i).padStart(5, '0')}`, title: `${paper.title} (extended)`, authors: [], abstract: words.slice(0, Math.ceil(words.length * 0.45)).join(' ') };
      }
      const edited = [...sentences];
      if (edited.length > 3) edited.splice(1 + (i % (edited.length - 2)), 1);
      edited.push('Code is available online.');
      return { ...paper, id: `9999.${String(i).padStart(5, '0')}`, title: `Revisiting ${paper.title}`, abstract: edited.join(' ') };
    });
    const result = findDuplicates([...papers, ...planted]);
    const found = planted.filter((_, i) => result[papers.length + i]?.ofIndex === i).length;
    expect(found / planted.length).toBeGreaterThanOrEqual(0.95);
    expect(result.slice(0, papers.length).filter(Boolean)).toEqual([]);
  });
});
