import { describe, expect, it } from 'vitest';
import { HybridClock, compareStamps, decodeStamp, encodeStamp, isStamp, legacyStamp, newDeviceId } from './hlc';

describe('hybrid logical clock', () => {
  it('orders stamps by wall time, then counter, then device, as plain strings', () => {
    const a = encodeStamp({ wall: 1_700_000_000_000, counter: 0, device: 'a' });
    const b = encodeStamp({ wall: 1_700_000_000_000, counter: 1, device: 'a' });
    const c = encodeStamp({ wall: 1_700_000_000_001, counter: 0, device: 'a' });
    const d = encodeStamp({ wall: 1_700_000_000_001, counter: 0, device: 'b' });
    expect([d, b, c, a].sort()).toEqual([a, b, c, d]);
    expect(compareStamps(a, b)).toBe(-1);
    expect(compareStamps(undefined, a)).toBe(-1);
    expect(decodeStamp(d)).toEqual({ wall: 1_700_000_000_001, counter: 0, device: 'b' });
  });

  it('issues increasing stamps even when the wall clock stands still or goes back', () => {
    let now = 1000;
    const clock = new HybridClock('dev1', () => now);
    const first = clock.next();
    now = 900;
    const second = clock.next();
    expect(compareStamps(second, first)).toBe(1);
  });

  it('sorts its next stamp after one observed from a device whose clock is ahead', () => {
    const clock = new HybridClock('slow', () => 1000);
    const remote = encodeStamp({ wall: 5000, counter: 3, device: 'fast' });
    clock.observe(remote);
    expect(compareStamps(clock.next(), remote)).toBe(1);
  });

  it('tells stamps from other strings, and legacy stamps sort before real ones at the same ms', () => {
    expect(isStamp(legacyStamp(5))).toBe(true);
    expect(isStamp('<script>')).toBe(false);
    expect(decodeStamp('nope')).toBeUndefined();
    expect(compareStamps(legacyStamp(5), encodeStamp({ wall: 5, counter: 0, device: 'x' }))).toBe(-1);
    expect(newDeviceId()).toMatch(/^[0-9a-z]{10}$/);
  });
});
