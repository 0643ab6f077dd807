import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSyncArea } from '../../core/sync/fake-sync-area';
import { encodeSyncEntries, decodeSyncItems, MARKS_PREFIX, type SyncEntry } from '../../core/sync/codec';
import { SYNC_LIMITS } from '../../core/sync/limits';
import { RETRY_AFTER_LIMIT_MS, SyncWriter } from './writer';

const owns = (key: string): boolean => key.startsWith(MARKS_PREFIX);

function setup(area = new FakeSyncArea(Date.now)): { area: FakeSyncArea; writer: SyncWriter; saved: number[][] } {
  const saved: number[][] = [];
  const writer = new SyncWriter({ area, owns, loadWrites: async () => saved.at(-1) ?? [], saveWrites: async (times) => { saved.push(times); } });
  return { area, writer, saved };
}

const star = (i: number, at: number): SyncEntry => ({ id: `2403.${String(10000 + i)}`, state: { starredAt: at, starStamp: `${at.toString(36).padStart(9, '0')}.0000.dev1` } });

describe('sync writer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2024, 2, 11, 9));
  });
  afterEach(() => vi.useRealTimers());

  it('turns 200 stars in a minute into a few writes, never past the limits, ending with every star', async () => {
    const { area, writer } = setup();
    const stars: SyncEntry[] = [];
    for (let i = 0; i < 200; i++) {
      stars.push(star(i, Date.now()));
      writer.want(encodeSyncEntries(stars).items, 500);
      await vi.advanceTimersByTimeAsync(300);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    await writer.settled();
    expect(area.writes.length).toBeGreaterThan(1);
    expect(area.writesWithin(60_000)).toBeLessThanOrEqual(SYNC_LIMITS.maxWritesPerMinute / 2);
    expect(writer.pending).toBe(false);
    expect(decodeSyncItems(await area.get(null)).entries.map((entry) => entry.id).sort()).toEqual(stars.map((entry) => entry.id).sort());
  });

  it('keeps within the hourly limit under a change every second for two hours', async () => {
    const { area, writer } = setup();
    const stars: SyncEntry[] = [];
    for (let i = 0; i < 7200; i++) {
      stars.push(star(i, Date.now()));
      if (stars.length > 300) stars.shift();
      writer.want({ [`${MARKS_PREFIX}0`]: JSON.stringify(stars.length) + String(i) });
      await vi.advanceTimersByTimeAsync(1000);
      expect(area.writesWithin(3_600_000)).toBeLessThanOrEqual(SYNC_LIMITS.maxWritesPerHour);
      expect(area.writesWithin(60_000)).toBeLessThanOrEqual(SYNC_LIMITS.maxWritesPerMinute);
    }
    expect(area.writes.length).toBeGreaterThan(1000);
  });

  it('a write refused for the quota is retried later and the wanted items are kept meanwhile', async () => {
    const area = new FakeSyncArea(Date.now, { ...SYNC_LIMITS, quotaBytes: 200 });
    const quota = vi.fn();
    const writer = new SyncWriter({ area, owns, loadWrites: async () => [], saveWrites: async () => {}, onQuota: quota });
    writer.want({ [`${MARKS_PREFIX}0`]: 'x'.repeat(300) });
    await vi.advanceTimersByTimeAsync(100);
    expect(quota).toHaveBeenCalledTimes(1);
    expect(writer.pending).toBe(true);
    expect(area.items.size).toBe(0);
    area.limits.quotaBytes = SYNC_LIMITS.quotaBytes;
    await vi.advanceTimersByTimeAsync(RETRY_AFTER_LIMIT_MS + 100);
    expect(area.items.get(`${MARKS_PREFIX}0`)).toBe('x'.repeat(300));
    expect(writer.pending).toBe(false);
  });

  it('empties its own items that are no longer wanted in the same write, and leaves other keys alone', async () => {
    const { area, writer } = setup();
    await area.set({ [`${MARKS_PREFIX}0`]: 'a', [`${MARKS_PREFIX}1`]: 'b', unrelated: 1 });
    writer.want({ [`${MARKS_PREFIX}0`]: 'c' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(Object.fromEntries(area.items)).toEqual({ [`${MARKS_PREFIX}0`]: 'c', [`${MARKS_PREFIX}1`]: '', unrelated: 1 });
    expect(area.writes.length).toBe(2);
  });

  it('remembers its writes across a restart of the worker', async () => {
    const { area, saved } = setup();
    for (let round = 0; round < 3; round++) {
      const writer = new SyncWriter({ area, owns, loadWrites: async () => saved.at(-1) ?? [], saveWrites: async (times) => { saved.push(times); } });
      writer.want({ [`${MARKS_PREFIX}0`]: String(round) });
      await vi.advanceTimersByTimeAsync(0);
    }
    // The second and third writers waited for the gap after the first write instead of writing at once.
    expect(area.writes.length).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(area.writes.length).toBe(3);
  });

  it('does not write a state worked out before another device\'s items arrived: it asks for a new merge instead', async () => {
    const area = new FakeSyncArea(Date.now);
    await area.set({ [`${MARKS_PREFIX}0`]: 'mine', [`${MARKS_PREFIX}1`]: 'old' });
    const fingerprint = (items: Record<string, unknown>): string => JSON.stringify(Object.entries(items).sort());
    const stale = vi.fn();
    const writer = new SyncWriter({ area, owns, loadWrites: async () => [], saveWrites: async () => {}, fingerprint, onStale: stale });
    const basis = fingerprint(await area.get(null));
    writer.want({ [`${MARKS_PREFIX}0`]: 'mine, merged' }, 1000, basis);
    // Between the merge and the write, another device's item arrives.
    await area.set({ [`${MARKS_PREFIX}1`]: 'theirs' });
    const writesBefore = area.writes.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(area.writes.length).toBe(writesBefore);
    expect(area.items.get(`${MARKS_PREFIX}1`)).toBe('theirs');
    expect(stale).toHaveBeenCalledTimes(1);
    // The new merge's state, on the area as it is now, is written.
    writer.want({ [`${MARKS_PREFIX}0`]: 'mine, merged', [`${MARKS_PREFIX}1`]: 'theirs' }, 0, fingerprint(await area.get(null)));
    await vi.advanceTimersByTimeAsync(5000);
    expect(Object.fromEntries(area.items)).toEqual({ [`${MARKS_PREFIX}0`]: 'mine, merged', [`${MARKS_PREFIX}1`]: 'theirs' });
    expect(writer.pending).toBe(false);
  });

  it('a wanted state the area already holds is idle at once, without waiting for the gap after the last write', async () => {
    const area = new FakeSyncArea(Date.now);
    const states: string[] = [];
    const writer = new SyncWriter({ area, owns, loadWrites: async () => [], saveWrites: async () => {}, onState: (state) => states.push(state.kind) });
    writer.want({ [`${MARKS_PREFIX}0`]: 'a' });
    await vi.advanceTimersByTimeAsync(10);
    expect(area.writes.length).toBe(1);
    states.length = 0;
    writer.want({ [`${MARKS_PREFIX}0`]: 'a' });
    await vi.advanceTimersByTimeAsync(10);
    expect(states).toEqual(['idle']);
    expect(area.writes.length).toBe(1);
  });
});
