import { describe, expect, it } from 'vitest';
import type { Paper } from '../types';
import { baseCitationKey, citationKeys } from './citekey';
import { SHARED_PAPERS, syntheticPapers } from './test-papers';

const paper = (id: string, title: string, authors: string[], publishedAt?: string): Paper => ({ id, title, abstract: '', authors, ...(publishedAt ? { publishedAt } : {}) });

describe('citation keys', () => {
  it('are surname + year + first title word that is not a stop word, in ASCII', () => {
    expect(baseCitationKey(paper('1706.03762', 'Attention Is All You Need', ['Ashish Vaswani'], '2017-06-12'))).toBe('vaswani2017attention');
    expect(baseCitationKey(paper('2401.1', 'The Hedgehog & the Porcupine', ['Michael Zhang'], '2024-02-06'))).toBe('zhang2024hedgehog');
    expect(baseCitationKey(paper('2401.1', 'On a New Approach', ['Jan van der Berg'], '2024-02-06'))).toBe('berg2024new');
    expect(baseCitationKey(paper('2401.1', 'Über Straße', ['José Müller-Łukasz'], '2024-02-06'))).toBe('mullerlukasz2024uber');
    expect(baseCitationKey(paper('2401.1', '$λ$-ECLIPSE: Multi-Concept', ['Maitreya Patel'], '2024-02-06'))).toBe('patel2024lambda');
  });

  it('fall back when parts are missing: anon, no year, no title word', () => {
    expect(baseCitationKey(paper('x', 'Title Words', []))).toBe('anontitle');
    expect(baseCitationKey(paper('x', 'The A of', [':', 'Ada Lovelace']))).toBe('lovelace');
    expect(baseCitationKey(paper('2401.00001', 'Test', ['张伟', 'Wei Zhang']))).toBe('zhang2024test');
  });

  it('take the year from the arXiv id when the paper has no date', () => {
    expect(baseCitationKey(paper('2312.00001', 'Test', ['A B']))).toBe('b2023test');
    expect(baseCitationKey(paper('hep-th/9901001', 'Test', ['A B']))).toBe('b1999test');
  });

  it('are made unique with a, b, c in id order, whatever the list order', () => {
    const papers = [
      paper('2403.00003', 'Same Word Three', ['Wei Zhang'], '2024-03-01'),
      paper('2403.00001', 'Same Word One', ['Wei Zhang'], '2024-03-01'),
      paper('2403.00002', 'Same Word Two', ['Wei Zhang'], '2024-03-01'),
      paper('2403.00009', 'Other', ['Wei Zhang'], '2024-03-01'),
    ];
    expect(citationKeys(papers)).toEqual(['zhang2024sameb', 'zhang2024same', 'zhang2024samea', 'zhang2024other']);
    const reversed = [...papers].reverse();
    expect(citationKeys(reversed)).toEqual(['zhang2024other', 'zhang2024samea', 'zhang2024same', 'zhang2024sameb']);
  });

  it('never collide with another paper whose plain key already ends in a letter suffix', () => {
    const papers = [paper('1', 'Net', ['A Smith'], '2024-01-01'), paper('2', 'Net', ['A Smith'], '2024-01-01'), paper('3', 'Neta', ['A Smith'], '2024-01-01')];
    const keys = citationKeys(papers);
    expect(new Set(keys).size).toBe(3);
    expect(keys).toEqual(['smith2024net', 'smith2024netb', 'smith2024neta']);
  });

  it('are unique and BibTeX-safe over the synthetic and real sets', () => {
    for (const set of [syntheticPapers(), SHARED_PAPERS ?? []]) {
      const keys = citationKeys(set);
      expect(new Set(keys).size).toBe(set.length);
      for (const key of keys) expect(key).toMatch(/^[a-z0-9]+$/);
    }
  });
});
