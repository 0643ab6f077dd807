import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../core/records';
import { lastActivity, whenAndWhere } from './Row';

const at = (day: number, hour: number): number => new Date(2024, 2, day, hour, 0).getTime();

function row(overrides: Partial<HistoryRow['paper']> = {}): HistoryRow {
  return {
    day: '2024-03-11',
    lastPageKey: 'day:2024-03-11',
    paper: {
      id: '2403.00001', title: 'T', abstract: '', authors: [], firstListedAt: at(11, 9), lastListedAt: at(11, 9), listedCount: 1, seenCount: 1,
      pageKinds: ['day'], updatedAt: at(11, 9), ...overrides,
    },
  };
}

describe('row activity', () => {
  const now = at(11, 20);
  it('names the latest thing that happened', () => {
    expect(lastActivity(row({ lastSeenAt: at(11, 10) }), 'history').verb).toBe('Seen');
    expect(lastActivity(row({ lastSeenAt: at(11, 10), readAt: at(11, 11) }), 'history').verb).toBe('Read');
    expect(lastActivity(row({ readAt: at(11, 11), starredAt: at(11, 10) }), 'starred')).toEqual({ verb: 'Starred', at: at(11, 10) });
  });
  it('says when first listed only when that was another day', () => {
    expect(whenAndWhere(row({ lastSeenAt: at(11, 10), firstListedAt: at(11, 8) }), 'history', now)).not.toContain('first listed');
    expect(whenAndWhere(row({ lastSeenAt: at(11, 10), firstListedAt: at(4, 8) }), 'history', now)).toContain('first listed Mar 4');
  });
  it('adds read and starred dates that are not the headline, and the seen count', () => {
    const text = whenAndWhere(row({ lastSeenAt: at(11, 12), seenCount: 3, readAt: at(10, 9), starredAt: at(11, 11) }), 'history', now);
    expect(text).toMatch(/^Seen .* on Daily Mar 11/);
    expect(text).toContain('seen 3×');
    expect(text).toContain('read Mar 10');
    expect(text).toMatch(/starred \d/);
  });
});
