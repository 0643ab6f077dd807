import { describe, expect, it } from 'vitest';
import { listingPageFromUrl, paperIdFromHref } from './url';

const at = (path: string) => listingPageFromUrl(`https://huggingface.co${path}`);

describe('listingPageFromUrl', () => {
  it('names every listing route the site has', () => {
    expect(at('/papers/date/2024-03-11')).toMatchObject({ kind: 'day', key: 'day:2024-03-11', period: '2024-03-11' });
    expect(at('/papers/week/2024-W11')).toMatchObject({ kind: 'week', key: 'week:2024-W11', period: '2024-W11' });
    expect(at('/papers/week/2024-w3')).toMatchObject({ kind: 'week', key: 'week:2024-W03' });
    expect(at('/papers/month/2024-03')).toMatchObject({ kind: 'month', key: 'month:2024-03' });
    expect(at('/papers/trending')).toMatchObject({ kind: 'trending', key: 'trending' });
    expect(at('/papers')).toMatchObject({ kind: 'landing', key: 'landing' });
    expect(at('/papers/')).toMatchObject({ kind: 'landing' });
    expect(at('/papers?q=Diffusion%20Models')).toMatchObject({ kind: 'search', key: 'search:diffusion models' });
  });

  it('recognises a paper detail page and normalises its id', () => {
    expect(at('/papers/2403.12345v2')).toMatchObject({ kind: 'paper', key: 'paper:2403.12345' });
    expect(at('/papers/2403.12345#community')).toMatchObject({ kind: 'paper', key: 'paper:2403.12345' });
  });

  it('drops the fragment from the page URL and calls unknown paths other', () => {
    expect(at('/papers/date/2024-03-11#top').url).toBe('https://huggingface.co/papers/date/2024-03-11');
    expect(at('/papers/date/2024-03-11/extra').kind).toBe('other');
    expect(listingPageFromUrl('not a url').kind).toBe('other');
  });
});

describe('paperIdFromHref', () => {
  it('reads site, arXiv and PDF links', () => {
    expect(paperIdFromHref('/papers/2403.12345')).toBe('2403.12345');
    expect(paperIdFromHref('/papers/2403.12345#community')).toBe('2403.12345');
    expect(paperIdFromHref('https://huggingface.co/papers/2403.12345v3')).toBe('2403.12345');
    expect(paperIdFromHref('https://arxiv.org/abs/2403.12345v2')).toBe('2403.12345');
    expect(paperIdFromHref('https://arxiv.org/pdf/2403.12345v2.pdf')).toBe('2403.12345');
    expect(paperIdFromHref('https://arxiv.org/abs/hep-th/9901001v1')).toBe('hep-th/9901001');
  });

  it('keeps non-arXiv ids and ignores listing routes and other links', () => {
    expect(paperIdFromHref('/papers/some-paper-slug')).toBe('some-paper-slug');
    expect(paperIdFromHref('/papers/trending')).toBeNull();
    expect(paperIdFromHref('/papers/date/2024-03-11')).toBeNull();
    expect(paperIdFromHref('/papers')).toBeNull();
    expect(paperIdFromHref('/models/bert')).toBeNull();
    expect(paperIdFromHref('https://example.com/papers/2403.12345')).toBeNull();
    expect(paperIdFromHref(null)).toBeNull();
    expect(paperIdFromHref('/papers/%E0%A4%A')).toBeNull();
  });

  it('reads the common /papers/<id> links (the quick path) as the general rules do', () => {
    const cases: Array<[string, string]> = [
      ['/papers/2403.12345', '2403.12345'],
      ['/papers/2403.1234', '2403.1234'],
      ['/papers/2403.12345V2', '2403.12345'],
      ['/papers/2403.12345/', '2403.12345'],
      ['/papers/2403.12345?tab=x', '2403.12345'],
      ['/papers/2403.12345#community', '2403.12345'],
      ['/papers/2403.12345v12/#a/b', '2403.12345'],
    ];
    for (const [href, id] of cases) expect(paperIdFromHref(href), href).toBe(id);
    // Not that shape: the general rules decide.
    expect(paperIdFromHref('/papers/2403.123456')).toBe('2403.123456');
    expect(paperIdFromHref(' /papers/2403.12345 ')).toBe('2403.12345');
    expect(paperIdFromHref('/papers/2403.12345/extra')).toBeNull();
  });
});
