import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './search-query';

describe('parseSearchQuery', () => {
  it('reads an arXiv id however it is written', () => {
    for (const query of ['2401.10241', '2401.10241v2', 'arXiv:2401.10241', 'arxiv: 2401.10241v3', ' https://arxiv.org/abs/2401.10241v2 ', 'https://arxiv.org/pdf/2401.10241v1.pdf', 'https://huggingface.co/papers/2401.10241', 'huggingface.co/papers/2401.10241#community']) {
      expect(parseSearchQuery(query), query).toEqual({ kind: 'id', id: '2401.10241' });
    }
    expect(parseSearchQuery('hep-th/9901001v2')).toEqual({ kind: 'id', id: 'hep-th/9901001' });
  });

  it('reads the start of a new-style id as an id prefix', () => {
    expect(parseSearchQuery('2401.102')).toEqual({ kind: 'id-prefix', prefix: '2401.102' });
    expect(parseSearchQuery('0704.0001')).toEqual({ kind: 'id-prefix', prefix: '0704.0001' });
    expect(parseSearchQuery('arXiv:0704.0001v1')).toEqual({ kind: 'id', id: '0704.0001' });
  });

  it('finds nothing findable in a query of dropped characters, and nothing to ask in an empty one', () => {
    expect(parseSearchQuery('<img src=x onerror=alert(1)>')).toEqual({ kind: 'unsearchable' });
    expect(parseSearchQuery('+++ ---')).toEqual({ kind: 'unsearchable' });
    expect(parseSearchQuery('   ')).toEqual({ kind: 'all' });
    expect(parseSearchQuery(undefined)).toEqual({ kind: 'all' });
  });

  it('folds words and drops stop words while others remain', () => {
    expect(parseSearchQuery('The Attention')).toEqual({ kind: 'words', terms: ['attention'] });
    expect(parseSearchQuery('the')).toEqual({ kind: 'words', terms: ['the'] });
    expect(parseSearchQuery('diffusion 2024')).toEqual({ kind: 'words', terms: ['diffusion', '2024'] });
  });
});
