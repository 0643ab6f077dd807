import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/types';
import { fitLogistic } from './related-real';
import { countPairs, emptyCounts, pairKey, type LabelledPool } from './labelled';
import { cosine, peerVectors } from './peer-tfidf';

describe('fitLogistic', () => {
  it('learns which evidence separates related from unrelated pairs', () => {
    const rows = Array.from({ length: 400 }, (_, i) => {
      const related = i % 4 === 0 ? 1 : 0;
      const noise = ((i * 37) % 100) / 1000;
      return { x: [related ? 0.3 + noise : 0.1 + noise, noise, 0, 0], lenient: related };
    });
    const model = fitLogistic(rows);
    expect(model.cosine).toBeGreaterThan(10);
    const strength = (cos: number): number => 1 / (1 + Math.exp(-(model.bias + model.cosine * cos)));
    expect(strength(0.35)).toBeGreaterThan(0.9);
    expect(strength(0.12)).toBeLessThan(0.1);
  });
});

describe('pair counts', () => {
  it('counts a shown pair once against lenient and strict gold, recall over eligible strict pairs', () => {
    const pool: LabelledPool = { name: 'p', papers: [], strict: new Set([pairKey('a', 'b'), pairKey('c', 'd')]), lenient: new Set([pairKey('a', 'b'), pairKey('c', 'd'), pairKey('a', 'c')]) };
    const counts = emptyCounts();
    countPairs(counts, new Set([pairKey('b', 'a'), pairKey('a', 'c'), pairKey('a', 'd')]), pool, (key) => key.includes('a'));
    expect(counts).toEqual({ shown: 3, lenientHits: 2, strictHits: 1, strictTotal: 1 });
  });
});

describe('the peer (arxiv-sanity-lite TF-IDF)', () => {
  it('drops terms in fewer than 5 papers or more than a tenth of them, and ranks shared rare terms', () => {
    const filler = (i: number): Paper => ({ id: `f${i}`, title: `Filler ${i}`, abstract: `topic${i % 9} words${i % 7} other${i % 11}`, authors: [] });
    const corpus: Paper[] = [
      { id: 'a', title: 'Speculative decoding', abstract: 'drafting tokens speculative decoding', authors: [] },
      { id: 'b', title: 'Speculative decoding trees', abstract: 'speculative decoding verification', authors: [] },
      ...Array.from({ length: 3 }, (_, i): Paper => ({ id: `s${i}`, title: 'Speculative methods', abstract: 'speculative', authors: [] })),
      ...Array.from({ length: 60 }, (_, i) => filler(i)),
    ];
    const vectors = peerVectors(corpus);
    // "speculative" is in 5 papers of 65 (kept); "decoding" in only 2 (below min_df 5, dropped).
    expect(vectors.get('a')?.has('speculative')).toBe(true);
    expect(vectors.get('a')?.has('decoding')).toBe(false);
    expect(cosine(vectors.get('a'), vectors.get('b'))).toBeGreaterThan(cosine(vectors.get('a'), vectors.get('f1')));
  });
});
