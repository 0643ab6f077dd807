import { describe, expect, it } from 'vitest';
import { normaliseId } from './ids';

describe('normaliseId', () => {
  it.each([
    ['2403.01234', '2403.01234'],
    ['2403.01234v2', '2403.01234'],
    ['arXiv:2403.01234v11', '2403.01234'],
    ['arxiv: 2403.01234', '2403.01234'],
    ['  2403.01234 ', '2403.01234'],
    ['1501.0123', '1501.0123'],
    ['https://arxiv.org/abs/2403.01234v3', '2403.01234'],
    ['http://arxiv.org/pdf/2403.01234v1.pdf', '2403.01234'],
    ['arxiv.org/pdf/2403.01234', '2403.01234'],
    ['https://www.arxiv.org/abs/2403.01234#comments', '2403.01234'],
    ['https://huggingface.co/papers/2403.01234', '2403.01234'],
    ['https://huggingface.co/papers/2403.01234?utm=x', '2403.01234'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['arXiv:math.GT/0309136v1', 'math.gt/0309136'],
    ['https://arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001'],
  ])('%s -> %s', (raw, expected) => {
    expect(normaliseId(raw)).toBe(expected);
  });

  it('keeps ids that are not arXiv ids as they are (trimmed)', () => {
    expect(normaliseId('10.1145/3292500.3330701')).toBe('10.1145/3292500.3330701');
    expect(normaliseId('some-paper-slug')).toBe('some-paper-slug');
    expect(normaliseId(' 2403.012345678 ')).toBe('2403.012345678');
    expect(normaliseId('')).toBe('');
  });

  it('is idempotent', () => {
    for (const raw of ['arXiv:2403.01234v2', 'hep-th/9901001v2', 'https://huggingface.co/papers/2401.10241']) {
      expect(normaliseId(normaliseId(raw))).toBe(normaliseId(raw));
    }
  });
});
