// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { Popover, POPOVER_TAG, type PopoverItem } from './popover';
import { RELATED_LINE, STRONG_LINE } from '../../core/related-model';

const item = (score: number, terms: string[]): PopoverItem => ({ badge: '#2', badgeKind: 'position', title: 'A paper', terms, score, action: () => undefined });

function openWith(items: PopoverItem[]): ShadowRoot {
  const anchor = document.createElement('button');
  document.body.append(anchor);
  new Popover('test').open(anchor, { heading: 'Related on this page', detail: `${items.length} papers`, items }, () => undefined);
  const host = document.querySelector(POPOVER_TAG);
  if (!host?.shadowRoot) throw new Error('no popover');
  return host.shadowRoot;
}

describe('related list items', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('says how strong a link is in words, never as a bare percentage', () => {
    const root = openWith([item(STRONG_LINE + 0.05, ['Gaussian splatting']), item(RELATED_LINE + 0.01, ['avatar'])]);
    const strengths = [...root.querySelectorAll('.item')].map((entry) => entry.querySelector('.strength')?.textContent);
    expect(strengths).toEqual(['Strong match', 'Fair match']);
    expect(root.textContent).not.toMatch(/\d+\s*%/);
    expect(root.querySelector('.strength')?.getAttribute('title')).toMatch(/shared words/);
  });

  it('labels the shared words as words both papers use', () => {
    const root = openWith([item(0.7, ['Gaussian splatting', 'avatar'])]);
    const terms = root.querySelector('.terms');
    expect(terms?.getAttribute('aria-label')).toBe('Both papers use: Gaussian splatting, avatar');
    expect(terms?.textContent).toBe('Both useGaussian splattingavatar');
  });
});
