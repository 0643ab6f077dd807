import { describe, expect, it } from 'vitest';
import { FakeSyncArea } from './fake-sync-area';
import { SYNC_LIMITS } from './limits';
import { limitOf } from './area';
import { nextWriteAt, WRITE_POLICY } from './write-budget';

describe('fake sync area', () => {
  it('refuses an item over 8 KB, a total over 100 KB and more than 512 items, as the browsers do', async () => {
    let now = 0;
    const area = new FakeSyncArea(() => (now += 10_000));
    // Key "k" (1 byte) + the JSON of a string (2 quotes): 8189 characters is the largest that fits.
    await area.set({ k: 'x'.repeat(8189) });
    await expect(area.set({ k: 'x'.repeat(8190) })).rejects.toThrow('QUOTA_BYTES_PER_ITEM');
    const big = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`i${String(i).padStart(2, '0')}`, 'y'.repeat(8000)]));
    await area.set(big);
    await expect(area.set({ last: 'z'.repeat(8000) })).rejects.toThrow('QUOTA_BYTES quota');
    expect(area.bytesInUse()).toBeLessThanOrEqual(SYNC_LIMITS.quotaBytes);
    await area.remove([...area.items.keys()]);
    await expect(area.set(Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`n${i}`, 1])))).rejects.toThrow('MAX_ITEMS');
    expect(area.items.size).toBe(0);
    expect(limitOf(new Error('QUOTA_BYTES quota exceeded'))).toBe('quota');
  });

  it('refuses the 121st write of a minute and the 1801st of an hour', async () => {
    let now = 0;
    const area = new FakeSyncArea(() => now);
    for (let i = 0; i < 120; i++) await area.set({ a: i });
    const refused = area.set({ a: -1 });
    await expect(refused).rejects.toThrow('MAX_WRITE_OPERATIONS_PER_MINUTE');
    expect(limitOf(await refused.catch((error: unknown) => error))).toBe('rate');
    const hourly = new FakeSyncArea(() => now);
    for (let i = 0; i < 1800; i++) {
      now += 1_900;
      await hourly.set({ a: i });
    }
    now += 1_900;
    await expect(hourly.set({ a: 0 })).rejects.toThrow('MAX_WRITE_OPERATIONS_PER_HOUR');
  });

  it('delivers its items to another device and fires that device’s onChanged', async () => {
    const a = new FakeSyncArea();
    const b = new FakeSyncArea();
    await b.set({ gone: 1, same: 2 });
    await a.set({ same: 2, fresh: 3 });
    const seen: string[][] = [];
    b.onChanged((changes) => seen.push(Object.keys(changes).sort()));
    a.deliverTo(b);
    await Promise.resolve();
    expect(seen).toEqual([['fresh', 'gone']]);
    expect(Object.fromEntries(b.items)).toEqual({ same: 2, fresh: 3 });
  });
});

describe('write budget', () => {
  it('spaces writes and stays under both windows', () => {
    const writes: number[] = [];
    let now = 0;
    for (let i = 0; i < 5000; i++) {
      now = nextWriteAt(writes, now);
      writes.push(now);
      expect(writes.filter((t) => t > now - 60_000).length).toBeLessThanOrEqual(WRITE_POLICY.perMinute);
      expect(writes.filter((t) => t > now - 3_600_000).length).toBeLessThanOrEqual(WRITE_POLICY.perHour);
    }
    expect(WRITE_POLICY.perHour).toBeLessThan(SYNC_LIMITS.maxWritesPerHour);
  });
});
