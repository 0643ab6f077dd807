import { describe, expect, it } from 'vitest';
import { encodeStamp } from '../hlc';
import type { SyncEntry } from './codec';
import { addCompacted, browserName, compactable, DEVICE_HORIZON_MS, devicesOf, marksFingerprint, tombstonesOf, withoutCompacted, type Compacted } from './devices';

const now = Date.UTC(2024, 2, 11, 9);
const stamp = (wall: number, device = 'deva'): string => encodeStamp({ wall, counter: 0, device });

describe('sync devices and compaction', () => {
  it('fingerprints only the non-empty marks items, whatever their order', () => {
    const marks = { 'marks.0': 'Cabc', 'marks.1': 'Cdef' };
    expect(marksFingerprint({ ...marks, 'marks.2': '', 'device.x': { seen: 1, ack: 'a' }, settings: {} })).toBe(marksFingerprint(marks));
    expect(marksFingerprint({ 'marks.1': 'Cdef', 'marks.0': 'Cabc' })).toBe(marksFingerprint(marks));
    expect(marksFingerprint({ ...marks, 'marks.1': 'Cdeg' })).not.toBe(marksFingerprint(marks));
  });

  it('finds the tombstones: a stamp without its value, in any field', () => {
    const entries: SyncEntry[] = [
      { id: '2403.00001', state: { starStamp: stamp(1), readAt: 5, readStamp: stamp(5) } },
      { id: '2403.00002', state: { tagsStamp: stamp(2), noteStamp: stamp(3), note: 'kept' } },
    ];
    expect(tombstonesOf(entries)).toEqual([['2403.00001', 'starred', stamp(1)], ['2403.00002', 'tags', stamp(2)]]);
  });

  it('waits for every browser; one past the horizon holds back only the tombstones younger than it', () => {
    const old = stamp(now - DEVICE_HORIZON_MS - 86_400_000);
    const fresh = stamp(now - 86_400_000);
    const tombstones: Array<[string, string, string]> = [['2403.00001', 'starred', old], ['2403.00002', 'read', fresh]];
    const items = {
      'device.deva': { seen: now, ack: 'F' },
      'device.devb': { seen: now - DEVICE_HORIZON_MS + 3_600_000, ack: 'F' },
      'device.devc': { seen: now - DEVICE_HORIZON_MS - 3_600_000, ack: 'old' },
      'device.bad': 'not an item',
    };
    const devices = devicesOf(items, 'deva', now);
    expect(devices.map((device) => `${device.id}:${device.self}:${device.waitedFor}`)).toEqual(['deva:true:true', 'devb:false:true', 'devc:false:false']);
    // C, gone past the horizon, has not acknowledged: only the tombstone older than the horizon leaves.
    expect(compactable(devices, 'F', tombstones, now)).toEqual({ tombstones: [tombstones[0]], before: now - DEVICE_HORIZON_MS });
    // All acknowledge: every tombstone leaves.
    expect(compactable(devicesOf({ ...items, 'device.devc': { seen: 0, ack: 'F' } }, 'deva', now), 'F', tombstones, now)).toEqual({ tombstones });
    // B, seen lately, has not acknowledged: none leaves.
    expect(compactable(devicesOf({ ...items, 'device.devb': { seen: now, ack: 'G' } }, 'deva', now), 'F', tombstones, now).tombstones).toEqual([]);
    // This browser must have acknowledged these marks itself (its own item may lag behind a write).
    expect(compactable(devicesOf({ ...items, 'device.deva': { seen: now, ack: 'G' } }, 'deva', now), 'F', tombstones, now).tombstones).toEqual([]);
    expect(compactable(devicesOf({ 'device.devb': { seen: now, ack: 'F' } }, 'deva', now), 'F', tombstones, now).tombstones).toEqual([]);
    // After a long holiday of every browser, the first back does not clear a fresh un-star alone.
    const holiday = devicesOf({ 'device.deva': { seen: now, ack: 'F' }, 'device.devb': { seen: now - 2 * DEVICE_HORIZON_MS, ack: 'E' } }, 'deva', now);
    expect(compactable(holiday, 'F', [tombstones[1]!], now).tombstones).toEqual([]);
  });

  it('leaves compacted tombstones out unless the area holds another state of that field, or they are leaving now', () => {
    const compacted: Compacted = {};
    expect(addCompacted(compacted, [['2403.00001', 'starred', stamp(10)]])).toBe(true);
    expect(addCompacted(compacted, [['2403.00001', 'starred', stamp(10)]])).toBe(false);
    const mine: SyncEntry[] = [
      { id: '2403.00001', state: { starStamp: stamp(10), readAt: 4, readStamp: stamp(4) } },
      { id: '2403.00002', state: { starStamp: stamp(11) } },
    ];
    // The area lacks the field: the compacted tombstone stays out; another tombstone is kept.
    expect(withoutCompacted(mine, compacted, [])).toEqual([{ id: '2403.00001', state: { readAt: 4, readStamp: stamp(4) } }, mine[1]]);
    // A browser wrote an older star there: the tombstone goes back in, so the star loses everywhere.
    const older: SyncEntry[] = [{ id: '2403.00001', state: { starredAt: 2, starStamp: stamp(2, 'devc') } }];
    expect(withoutCompacted(mine, compacted, older)[0]).toEqual(mine[0]);
    // The same tombstone is there and is being compacted now: it leaves.
    const same: SyncEntry[] = [{ id: '2403.00001', state: { starStamp: stamp(10) } }];
    expect(withoutCompacted(mine, compacted, same)[0]).toEqual(mine[0]);
    expect(withoutCompacted(mine, compacted, same, [['2403.00001', 'starred', stamp(10)]])[0]).toEqual({ id: '2403.00001', state: { readAt: 4, readStamp: stamp(4) } });
    // A newer change of that field here is not the compacted tombstone.
    const restarred: SyncEntry[] = [{ id: '2403.00001', state: { starredAt: 20, starStamp: stamp(20) } }];
    expect(withoutCompacted(restarred, compacted, [])).toEqual(restarred);
  });

  it('names browsers from their user agents', () => {
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox on Linux');
    expect(browserName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome on Windows');
    expect(browserName('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Edge on macOS');
    expect(browserName('')).toBe('A browser');
  });
});
