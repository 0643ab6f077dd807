// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_ACTIONS, SummaryBar, type SummaryState } from './summary';

const counts = { papers: 3, newCount: null, seenBefore: null, duplicates: 0, relatedGroups: 0, hidden: 0 };
const state = (note: string | null): SummaryState => ({
  counts,
  filters: { duplicates: 'show', seen: 'show', onlyNew: false },
  showDuplicateFilter: true,
  showSeenFilters: false,
  note,
  hint: false,
});

describe('SummaryBar note', () => {
  let bar: SummaryBar;
  const part = (selector: string) => bar.host.shadowRoot!.querySelector<HTMLElement>(selector)!;
  const shown = (selector: string) => !part(selector).hasAttribute('hidden');

  beforeEach(() => {
    document.body.replaceChildren();
    bar = new SummaryBar('owner', vi.fn());
    document.body.append(bar.host);
  });

  it('shows a problem while there is one, and nothing otherwise', () => {
    bar.update(state(null));
    expect(shown('.note')).toBe(false);
    expect(shown('.warn')).toBe(false);
    bar.update(state('The store is gone.'));
    expect(shown('.note')).toBe(true);
    expect(part('.note').textContent).toBe('The store is gone.');
    expect(part('.bar').contains(part('.note'))).toBe(true);
    bar.update(state(null));
    expect(shown('.note')).toBe(false);
    expect(shown('.warn')).toBe(false);
  });

  it('dismissed, leaves a warning sign in the lens\'s place that brings it back', () => {
    bar.update(state('The store is gone.'));
    part('.dismiss').click();
    expect(shown('.note')).toBe(false);
    expect(shown('.warn')).toBe(true);
    expect(part('.brand > .glyph').hasAttribute('hidden')).toBe(true);
    expect(part('.warn').getAttribute('aria-label')).toBe('Paper Lens: The store is gone.');
    expect(bar.host.shadowRoot!.activeElement).toBe(part('.warn'));
    // The same problem said again stays dismissed.
    bar.update({ ...state('The store is gone.'), counts: { ...counts, papers: 4 } });
    expect(shown('.note')).toBe(false);
    part('.warn').click();
    expect(shown('.note')).toBe(true);
    expect(shown('.warn')).toBe(false);
    expect(bar.host.shadowRoot!.activeElement).toBe(part('.dismiss'));
  });

  it('a different problem shows again after a dismissal', () => {
    bar.update(state('The store is gone.'));
    part('.dismiss').click();
    bar.update(state('The disk is full.'));
    expect(shown('.note')).toBe(true);
    expect(part('.note').textContent).toBe('The disk is full.');
    expect(shown('.warn')).toBe(false);
  });

  it('its buttons do not reach the filters', () => {
    const onFilter = vi.fn();
    document.body.replaceChildren();
    bar = new SummaryBar('owner', onFilter);
    document.body.append(bar.host);
    bar.update(state('The store is gone.'));
    part('.dismiss').click();
    part('.warn').click();
    expect(onFilter).not.toHaveBeenCalled();
  });
});

describe('SummaryBar first-visit hint', () => {
  it('says what the star and read buttons do until the reader closes it', () => {
    const closed = vi.fn();
    const bar = new SummaryBar('t', () => undefined, { ...NO_ACTIONS, hintClosed: closed });
    document.body.append(bar.host);
    bar.update({ ...state(null), hint: true });
    const hint = bar.host.shadowRoot!.querySelector<HTMLElement>('[data-paper-lens-hint]')!;
    expect(hint.hidden).toBe(false);
    expect(hint.textContent).toMatch(/Star keeps a paper in your Starred list.*Read marks it read/);
    hint.querySelector<HTMLElement>('[data-paper-lens-hint-close]')!.click();
    expect(hint.hidden).toBe(true);
    expect(closed).toHaveBeenCalledOnce();
  });
});
