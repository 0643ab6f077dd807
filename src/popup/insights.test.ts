import { describe, expect, it } from 'vitest';
import { insights } from './insights';

describe('insights', () => {
  it('adds up the month, finds the busiest day and the read rate', () => {
    const result = insights([
      { date: '2024-03-01', seen: 10, read: 2 },
      { date: '2024-03-02', seen: 0, read: 0 },
      { date: '2024-03-03', seen: 20, read: 4 },
      { date: '2024-03-04', seen: 0, read: 1 },
    ]);
    expect(result).toEqual({ seen: 30, read: 7, readRate: 7 / 30, activeDays: 3, busiest: { date: '2024-03-03', seen: 20 }, seenPerActiveDay: 10 });
  });
  it('has no rate or busiest day for an empty month', () => {
    const result = insights([{ date: '2024-03-01', seen: 0, read: 0 }]);
    expect(result.readRate).toBeNull();
    expect(result.busiest).toBeNull();
    expect(result.activeDays).toBe(0);
  });
  it('caps the read rate at 100% when more were read than seen', () => {
    expect(insights([{ date: '2024-03-01', seen: 1, read: 3 }]).readRate).toBe(1);
  });
});
