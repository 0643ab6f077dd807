import { describe, expect, it } from 'vitest';
import type { PageAnalysis, Paper } from '../../core/types';
import type { PaperState } from '../../core/records';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import { buildViews, countViews, defaultFilters, type Filters, type PendingToggle } from './model';
import { dayLabel, historyDuplicateLabel, readerRelatedLabel, seenLabel, summaryParts } from './labels';

const NOW = new Date(2024, 2, 14, 15, 0).getTime();
const day = (d: number, h = 10): number => new Date(2024, 2, d, h).getTime();

const papers: Paper[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, title: `Title ${id}`, abstract: '', authors: [] }));
const analysis: PageAnalysis = {
  duplicateOf: [null, null, { ofIndex: 0, ofId: 'a', rule: 'near-abstract', score: 0.9 }, null],
  related: [[{ index: 1, id: 'b', score: 0.5, sharedTerms: ['video'] }], [{ index: 0, id: 'a', score: 0.5, sharedTerms: ['video'] }], [], []],
  relatedGroups: 1,
};

function state(id: string, extra: Partial<PaperState> = {}): PaperState {
  return { id, seenBefore: false, seenCount: 0, earlierListings: [], readerRelated: [], ...extra };
}

function views(options: { states?: PaperState[]; settings?: Settings; filters?: Partial<Filters>; pending?: Map<string, PendingToggle> } = {}) {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  return buildViews({
    papers,
    analysis,
    states: new Map((options.states ?? []).map((s) => [s.id, s])),
    pending: options.pending ?? new Map(),
    settings,
    filters: { ...defaultFilters(settings), ...options.filters },
    now: NOW,
  });
}

describe('card views', () => {
  it('page-only: duplicates and related from the analysis, no new/seen marks without the store', () => {
    const list = views();
    expect(list.map((v) => v.marks)).toEqual([['related'], ['related'], ['duplicate'], []]);
    expect(list[2]).toMatchObject({ duplicateOf: 'a', duplicate: { ofIndex: 0, text: 'Same paper as #1 above' }, isNew: null, newChip: false });
    expect(views({ states: papers.map((p) => state(p.id)) }).every((v) => v.isNew && !v.newChip)).toBe(true);
    expect(list[0]?.relatedIds).toEqual(['b']);
    expect(countViews(list, analysis, DEFAULT_SETTINGS)).toMatchObject({ papers: 4, newCount: null, duplicates: 1, relatedGroups: 1 });
  });

  it('with states: new, seen before, read, starred and duplicates from history', () => {
    const list = views({
      states: [
        state('a', { seenBefore: true, seenCount: 3, lastSeenAt: day(11) }),
        state('b', { readAt: day(12), starredAt: day(12), seenBefore: true, seenCount: 1, lastSeenAt: day(12) }),
        state('c'),
        state('d', { historyDuplicate: { knownId: 'z', knownTitle: 'Old <b>name</b>', rule: 'same-title', knownReadAt: day(3), knownFirstListedAt: day(1) } }),
      ],
    });
    expect(list.map((v) => v.marks.join(' '))).toEqual(['seen-before related', 'seen-before read starred related', 'new duplicate', 'new duplicate']);
    expect(list.map((v) => v.newChip)).toEqual([false, false, true, true]);
    expect(list[0]?.seenText).toBe('Seen Mar 11, 3 times');
    expect(list[1]?.readText).toBe('Read Mar 12');
    expect(list[1]?.view).toBe('dim');
    expect(list[3]).toMatchObject({ duplicateOf: 'z', historyDuplicate: { text: 'Same work as “Old <b>name</b>” you read on Mar 3' } });
    expect(countViews(list, analysis, DEFAULT_SETTINGS)).toMatchObject({ newCount: 2, seenBefore: 2, duplicates: 2 });
  });

  it('filters dim or hide duplicates and seen papers, or show only new ones', () => {
    const states = [state('a', { seenBefore: true, seenCount: 1, lastSeenAt: day(13) }), state('b'), state('c'), state('d')];
    expect(views({ states, filters: { duplicates: 'hide' } }).map((v) => v.view)).toEqual(['', '', 'hide', '']);
    expect(views({ states, filters: { duplicates: 'dim', seen: 'hide' } }).map((v) => v.view)).toEqual(['hide', '', 'dim', '']);
    expect(views({ states, filters: { onlyNew: true } }).map((v) => v.view)).toEqual(['hide', '', '', '']);
    expect(defaultFilters({ ...DEFAULT_SETTINGS, hideSeenByDefault: true }).seen).toBe('dim');
  });

  it('each mark can be switched off', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, marks: { duplicates: false, related: false, seenBefore: false, dimRead: false, forYou: false } };
    const list = views({ settings, states: [state('a', { seenBefore: true, seenCount: 1, lastSeenAt: day(13), readAt: day(13) }), state('b'), state('c'), state('d')] });
    expect(list.map((v) => v.marks)).toEqual([['read'], [], [], []]);
    expect(list.map((v) => [v.duplicateOf, v.relatedIds.length, v.view])).toEqual([[null, 0, ''], [null, 0, ''], [null, 0, ''], [null, 0, '']]);
  });

  it('pending toggles show at once over the stored state', () => {
    const list = views({ states: [state('a', { starredAt: day(1) })], pending: new Map([['a', { starred: false, read: true }]]) });
    expect(list[0]).toMatchObject({ starred: false, read: true, readText: 'Read today' });
  });
});

describe('labels', () => {
  it('days are today, yesterday or a short date', () => {
    expect(dayLabel(day(14, 1), NOW)).toBe('today');
    expect(dayLabel(day(13, 23), NOW)).toBe('yesterday');
    expect(dayLabel(day(3), NOW)).toBe('Mar 3');
    expect(dayLabel(new Date(2023, 11, 30).getTime(), NOW)).toBe('Dec 30, 2023');
  });

  it('seen and history labels read naturally', () => {
    expect(seenLabel(state('a', { seenBefore: true, seenCount: 1, lastSeenAt: day(14) }), NOW)).toBe('Seen today');
    expect(seenLabel(state('a', { seenBefore: true, earlierListings: [{ pageKind: 'day', pageKey: 'day:2024-03-10', at: day(10) }] }), NOW)).toBe('Listed Mar 10');
    expect(historyDuplicateLabel({ knownId: 'x', knownTitle: 'T', rule: 'same-id', knownStarredAt: day(13), knownFirstListedAt: day(1) }, NOW)).toBe('Same work as “T” you starred yesterday');
    expect(historyDuplicateLabel({ knownId: 'x', knownTitle: '', rule: 'same-id', knownFirstListedAt: day(1) }, NOW)).toBe('Same work as “x” listed on Mar 1');
    expect(readerRelatedLabel([{ id: 'x', title: 'T', state: 'starred', score: 0.4, sharedTerms: [] }, { id: 'y', title: 'U', state: 'starred', score: 0.3, sharedTerms: [] }])).toBe('Close to 2 papers you starred');
    expect(readerRelatedLabel([{ id: 'x', title: 'T', state: 'read', score: 0.4, sharedTerms: [] }, { id: 'y', title: 'U', state: 'starred', score: 0.3, sharedTerms: [] }])).toBe('Close to 2 papers you read or starred');
    expect(summaryParts({ papers: 1, newCount: 1, seenBefore: 0, duplicates: 0, relatedGroups: 2 })).toEqual(['1 paper', '1 new', '0 duplicates', '2 related groups']);
  });
});
