import { describe, expect, it } from 'vitest';
import { labelledDays, niceTicks } from './chart-scale';

describe('niceTicks', () => {
  it('rounds the top up to a step of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceTicks(10)).toEqual({ top: 10, ticks: [0, 5, 10] });
    expect(niceTicks(93)).toEqual({ top: 100, ticks: [0, 50, 100] });
    expect(niceTicks(1234)).toEqual({ top: 1500, ticks: [0, 500, 1000, 1500] });
  });
  it('never uses fractional steps for counts', () => {
    expect(niceTicks(2)).toEqual({ top: 2, ticks: [0, 1, 2] });
    expect(niceTicks(1)).toEqual({ top: 1, ticks: [0, 1] });
  });
  it('gives a unit axis for an empty plot', () => {
    expect(niceTicks(0)).toEqual({ top: 1, ticks: [0, 1] });
  });
  it('always covers the maximum', () => {
    for (let max = 1; max < 3000; max += 37) {
      const { top, ticks } = niceTicks(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(ticks.at(-1)).toBe(top);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });
});

describe('labelledDays', () => {
  it('labels the last day and every seventh before it', () => {
    expect(labelledDays(30)).toEqual([1, 8, 15, 22, 29]);
    expect(labelledDays(3)).toEqual([2]);
    expect(labelledDays(0)).toEqual([]);
  });
});
