import { describe, expect, it } from 'vitest';
import type { Paper } from './types';
import { RelatedIndex, ReferencePapers, addPaper, relatedToReference } from './related';
import { stemGeneration, tokenize } from './text-tokens';
import { generateSyntheticSet } from '../../e2e/fixtures/synthetic';

const paper = (id: string, title: string, abstract: string): Paper => ({ id, title, abstract, authors: [] });

const papers: Paper[] = [
  paper('1', 'Gaussian Splatting for Real-Time Radiance Field Rendering', 'We render radiance fields in real time with 3D Gaussian splatting and a tile-based rasterizer, improving novel view synthesis quality on Mip-NeRF 360.'),
  paper('2', 'Dynamic 3D Gaussian Splatting for Deformable Scenes', 'We extend 3D Gaussian splatting with a deformation field to reconstruct dynamic scenes and render novel views in real time.'),
  paper('3', 'Speculative Decoding with Small Draft Models', 'Speculative decoding accelerates large language model inference: a small draft model proposes tokens that the target model verifies in parallel.'),
  paper('4', 'Tree-Based Speculative Decoding for Faster LLM Inference', 'We organise draft tokens in a tree so the target language model verifies many candidates at once, speeding up speculative decoding.'),
  paper('5', 'Protein Folding with Equivariant Networks', 'An equivariant graph network predicts protein structures from sequences and improves accuracy on CASP benchmarks.'),
];

function buildIndex(list: Paper[]): RelatedIndex {
  const index = new RelatedIndex();
  for (const p of list) addPaper(index, p);
  index.computeIdf();
  index.weigh(0, index.size);
  index.buildPostings();
  return index;
}

/** Neighbours of d after scoring every pair with the given options. */
function near(list: Paper[], d: number, floor: number, keep: number, allow?: (a: number, b: number) => boolean): Array<{ index: number; score: number }> {
  const index = buildIndex(list);
  index.scorePairs(0, index.size, { floor, keep, ...(allow ? { allow } : {}) });
  return index.neighbours(d);
}

describe('RelatedIndex', () => {
  const index = buildIndex(papers);

  it('ranks the paper on the same subject first and leaves unrelated work out', () => {
    expect(near(papers, 0, 0.1, 3)[0]?.index).toBe(1);
    expect(near(papers, 2, 0.1, 3)[0]?.index).toBe(3);
    expect(near(papers, 4, 0.1, 3)).toEqual([]);
    expect(near(papers, 0, 0.1, 5).map((n) => n.index)).not.toContain(2);
  });

  it('gives strengths in (0, 1], symmetric, best first, capped by max', () => {
    const forward = near(papers, 0, 0, 5);
    const backward = near(papers, 1, 0, 5).find((n) => n.index === 0);
    expect(forward[0]?.score).toBeGreaterThan(0);
    expect(forward[0]?.score).toBeLessThanOrEqual(1);
    expect(backward?.score).toBeCloseTo(forward.find((n) => n.index === 1)?.score ?? -1, 5);
    for (let i = 1; i < forward.length; i++) expect(forward[i - 1]!.score).toBeGreaterThanOrEqual(forward[i]!.score);
    expect(near(papers, 0, 0, 1)).toHaveLength(1);
    expect(near(papers, 0, 0, 1)[0]).toEqual(forward[0]);
    expect(near(papers, 0, 0, 0)).toEqual([]);
  });

  it('explains a link with readable shared phrases, not stems', () => {
    const splat = index.sharedTerms(0, 1);
    expect(splat.length).toBeGreaterThan(0);
    expect(splat.join(' | ')).toMatch(/gaussian splatting/);
    const decoding = index.sharedTerms(2, 3);
    expect(decoding.join(' | ')).toMatch(/speculative decoding/);
    for (const term of [...splat, ...decoding]) expect(term).not.toMatch(/\b(the|of|we|and)\b/);
    // A word inside a chosen phrase is not repeated on its own.
    expect(splat.filter((term) => term === 'gaussian' || term === 'splatting')).toEqual([]);
  });

  it('counts the site\'s keywords like title words: a shared keyword links two papers otherwise far apart', () => {
    const pair = (withKeywords: boolean): Paper[] => [
      { ...paper('k1', 'Faster Serving of Chat Assistants', 'We cut the latency of chat assistants with a cache of recent answers and batching.'), ...(withKeywords ? { keywords: ['speculative decoding'] } : {}) },
      { ...paper('k2', 'Draft Trees for Verification', 'A verifier accepts many drafted continuations at once, trading compute for fewer sequential passes.'), ...(withKeywords ? { keywords: ['speculative decoding'] } : {}) },
      ...papers,
    ];
    const plain = buildIndex(pair(false)).pairEvidence(0, 1);
    const keyed = buildIndex(pair(true));
    expect(keyed.pairEvidence(0, 1).cosine).toBeGreaterThan(plain.cosine + 0.1);
    expect(keyed.pairEvidence(0, 1).title).toBeGreaterThan(plain.title);
    expect(keyed.sharedTerms(0, 1).join(' | ')).toMatch(/speculative decoding/);
  });

  it('never gives generic research words as a reason, and weighs names written like names more', () => {
    const list = [
      paper('g1', 'Fine-Tuning Large Language Models with LoRA Adapters', 'We fine-tune a large language model with LoRA adapters and improve performance on a benchmark.'),
      paper('g2', 'Merging LoRA Adapters of Large Language Models', 'Fine-tuning a large language model gives LoRA adapters; we merge them and improve performance on a benchmark.'),
      ...papers,
    ];
    const index = buildIndex(list);
    const reasons = index.sharedTerms(0, 1, 5);
    expect(reasons.join(' | ')).toMatch(/LoRA/);
    for (const generic of ['language model', 'large language', 'fine tuning', 'performance', 'benchmark', 'model']) expect(reasons).not.toContain(generic);
    const evidence = index.pairEvidence(0, 1);
    expect(evidence.specific).toBeGreaterThan(0);
    expect(evidence.specific).toBeLessThanOrEqual(evidence.cosine);
  });

  it('a reason is the acronym, not the tail of its long form, and never starts on a word that only names', () => {
    const list = [
      paper('a1', 'Sparse Experts for Long Context', 'We route tokens with a mixture of experts (MoE) layer, a method called sparse routing gates, and train state space models (SSMs) on long context retrieval with chain-of-thought (CoT) prompts.'),
      paper('a2', 'Routing Gates in Sparse Experts', 'Our mixture of experts (MoE) model, called sparse routing gates, pairs state space models (SSMs) with chain-of-thought (CoT) prompts on long context retrieval.'),
      ...papers,
    ];
    const reasons = buildIndex(list).sharedTerms(0, 1, 6);
    expect(reasons.length, reasons.join(' | ')).toBeGreaterThan(2);
    for (const reason of reasons) {
      expect(reason, reasons.join(' | ')).not.toMatch(/^(called|named|dubbed)\b/i);
      expect(reason, reasons.join(' | ')).not.toMatch(/\b(experts MoE|models SSMs|thought CoT)\b/);
    }
  });

  it('gives reasons a reader recognises: no "across video", no "consistent"', () => {
    const list = [
      paper('v1', 'Temporally Consistent Video Editing with Attention Sharing', 'Edits stay consistent across video frames: attention sharing across video frames keeps the edited object consistent.'),
      paper('v2', 'Consistent Video Editing by Flow-Guided Attention Sharing', 'We keep edits consistent across video frames with flow-guided attention sharing, consistent across video clips.'),
      ...papers,
    ];
    const reasons = buildIndex(list).sharedTerms(0, 1, 5);
    expect(reasons.join(' | ')).toMatch(/attention sharing/);
    for (const reason of reasons) expect(reason).not.toMatch(/\bacross\b/);
    expect(reasons).not.toContain('consistent');
  });

  it('respects the allow filter', () => {
    const allow = (a: number, b: number): boolean => !(a === 0 && b === 1);
    expect(near(papers, 0, 0, 5, allow).map((n) => n.index)).not.toContain(1);
    expect(near(papers, 1, 0, 5, allow).map((n) => n.index)).not.toContain(0);
    expect(near(papers, 0, 0, 5, allow).length).toBeGreaterThan(0);
  });
});

describe('relatedToReference', () => {
  it('links listed papers to close reference papers, skipping the paper itself', () => {
    const reference = [papers[3] as Paper, papers[1] as Paper, papers[4] as Paper];
    const result = relatedToReference([papers[0] as Paper, papers[2] as Paper, papers[3] as Paper], reference, { threshold: 0.1, max: 3 });
    expect(result[0]?.[0]?.referenceIndex).toBe(1);
    expect(result[1]?.[0]?.referenceIndex).toBe(0);
    expect(result[1]?.[0]?.sharedTerms.join(' ')).toMatch(/speculative decoding/);
    expect(result[2]?.map((link) => link.referenceIndex)).not.toContain(0);
    expect(relatedToReference([], reference, { threshold: 0.1, max: 3 })).toEqual([]);
    expect(relatedToReference([papers[0] as Paper], [], { threshold: 0.1, max: 3 })).toEqual([[]]);
  });
});

describe('a reference set kept between listings', () => {
  it('links exactly as a fresh one, also after the stem ids were reset', () => {
    const set = generateSyntheticSet({ seed: 5, count: 120, plant: true });
    const listed = set.papers.slice(0, 60);
    const reference = set.papers.slice(60);
    const kept = new ReferencePapers(reference);
    const fresh = relatedToReference(listed, reference, { threshold: 0.1, max: 3 });
    expect(fresh.some((links) => links.length > 0)).toBe(true);
    expect(relatedToReference(listed, kept, { threshold: 0.1, max: 3 })).toEqual(fresh);
    // Enough new words to reset the stem ids: the kept tokens are stale and must be made again.
    const before = stemGeneration();
    const consonants = 'bcdfghjkmn';
    const word = (i: number): string => `zq${String(i).padStart(6, '0').replace(/\d/g, (d) => consonants[Number(d)] as string)}`;
    for (let start = 0; stemGeneration() === before && start < 300_000; start += 10_000) {
      tokenize(Array.from({ length: 10_000 }, (_, k) => word(start + k)).join(' '));
    }
    expect(stemGeneration()).not.toBe(before);
    expect(relatedToReference(listed, kept, { threshold: 0.1, max: 3 })).toEqual(fresh);
  });
});

describe('on the synthetic set', () => {
  it('planted related pairs are mostly each other’s top links and links stay within a topic', () => {
    const set = generateSyntheticSet({ seed: 21, count: 400, plant: true });
    const index = buildIndex(set.papers);
    index.scorePairs(0, index.size, { floor: 0, keep: 3 });
    const relatedPairs = set.pairs.filter((pair) => pair.label === 'related' || pair.label === 'hard-negative');
    let inTop3 = 0;
    for (const pair of relatedPairs) if (index.neighbours(pair.bIndex).some((n) => n.index === pair.aIndex)) inTop3++;
    // Synthetic topics share much vocabulary, so a planted partner competes with many same-topic papers (eval: ~0.87 over 3 seeds).
    expect(inTop3 / relatedPairs.length).toBeGreaterThanOrEqual(0.7);
    let sameTopic = 0;
    let total = 0;
    set.papers.forEach((p, i) => {
      const top = index.neighbours(i)[0];
      if (!top || top.score < 0.2) return;
      total++;
      if (set.papers[top.index]?.topic === p.topic) sameTopic++;
    });
    expect(sameTopic / total).toBeGreaterThanOrEqual(0.95);
  });
});
