import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeStamp } from '../hlc';
import { SYNC_LIMITS, itemBytes } from './limits';
import { BitReader, BitWriter, expGolombBits } from './bits';
import { MARKS_BUDGET_BYTES, MAX_SYNCED_NOTE_BYTES, NOTES_BUDGET_BYTES, decodeItem, decodeSyncItems, encodeSyncEntries, packArxivId, unpackArxivId, type SyncEntry, type SyncedState } from './codec';
import { readingHistory } from './test-papers';

const byId = (entries: SyncEntry[]): Map<string, SyncedState> => new Map(entries.map((entry) => [entry.id, entry.state]));

function expectWithinLimits(items: Record<string, string>): number {
  let total = 0;
  for (const [key, value] of Object.entries(items)) {
    expect(itemBytes(key, value)).toBeLessThanOrEqual(SYNC_LIMITS.quotaBytesPerItem);
    total += itemBytes(key, value);
  }
  expect(Object.keys(items).length).toBeLessThanOrEqual(SYNC_LIMITS.maxItems);
  return total;
}

const arxivId = fc.tuple(fc.integer({ min: 15, max: 39 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99999 }))
  .map(([yy, mm, n]) => `${yy}${String(mm).padStart(2, '0')}.${String(n).padStart(5, '0')}`);
const otherId = fc.oneof(fc.constantFrom('hep-th/9901001', 'cs/0112017', '0704.0001', '2403.1234', '2413.12345'), fc.string({ minLength: 1, maxLength: 30 }));
const wall = fc.oneof(fc.integer({ min: 1_400_000_000_000, max: 2_200_000_000_000 }), fc.integer({ min: 1_400_000_000, max: 2_200_000_000 }).map((s) => s * 1000));
const stamp = fc.record({ wall, counter: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40000 })), device: fc.constantFrom('', 'a', 'laptop0001', 'Zz-_9') }).map(encodeStamp);
const field = fc.oneof(
  fc.constant({}),
  fc.record({ stamp }).map(({ stamp: s }) => ({ stamp: s })),
  fc.record({ stamp, date: wall }),
  stamp.map((s) => ({ stamp: s, sameDate: true })),
  fc.record({ date: wall }),
);
const tag = fc.string({ minLength: 1, maxLength: 40, unit: fc.oneof(fc.constantFrom('a', 'b', ' ', '-', 'é', '中', '😀'), fc.string({ minLength: 1, maxLength: 1 })) }).filter((t) => !/[,;<>"{}\\]/.test(t));
const tagsField = fc.oneof(fc.constant({}), stamp.map((s) => ({ tagsStamp: s })), fc.record({ tagsStamp: stamp, tags: fc.array(tag, { minLength: 1, maxLength: 5 }) }));
const noteField = fc.oneof(fc.constant({}), stamp.map((s) => ({ noteStamp: s })), fc.record({ noteStamp: stamp, note: fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }) }));
const state = fc.tuple(field, field, tagsField, noteField).map(([star, read, tags, note]) => {
  const out: SyncedState = { ...tags, ...note };
  const put = (f: { stamp?: string; date?: number; sameDate?: boolean }, valueKey: 'starredAt' | 'readAt', stampKey: 'starStamp' | 'readStamp'): void => {
    if (f.stamp) out[stampKey] = f.stamp;
    if (f.date !== undefined) out[valueKey] = f.date;
    if (f.sameDate && f.stamp) out[valueKey] = parseInt(f.stamp.slice(0, 9), 36);
  };
  put(star, 'starredAt', 'starStamp');
  put(read, 'readAt', 'readStamp');
  return out;
});

describe('bit stream', () => {
  it('reads back numbers just below a power of two, where Math.log2 rounds up', () => {
    const values = [2 ** 50 - 3, 2 ** 50 - 2, 2 ** 50 - 1, 2 ** 50, 2 ** 53 - 2, 2 ** 31 - 1];
    const writer = new BitWriter();
    for (const value of values) writer.writeExpGolomb(value, 0);
    const reader = new BitReader(writer.toString());
    for (const value of values) expect(reader.readExpGolomb(0)).toBe(value);
    expect(writer.bits).toBe(values.reduce((sum, value) => sum + expGolombBits(value, 0), 0));
  });

  it('reads back what it wrote, Exp-Golomb codes of every order included', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: 2 ** 50 }), fc.integer({ min: 0, max: 40 }))), (values) => {
      const writer = new BitWriter();
      for (const [value, k] of values) writer.writeExpGolomb(value, k);
      const reader = new BitReader(writer.toString());
      for (const [value, k] of values) expect(reader.readExpGolomb(k)).toBe(value);
    }));
  });
});

describe('sync codec', () => {
  it('packs modern arXiv ids as numbers and leaves every other spelling as text', () => {
    expect(unpackArxivId(packArxivId('2403.01234')!)).toBe('2403.01234');
    expect(unpackArxivId(packArxivId('0704.0001')!)).toBe('0704.0001');
    expect(packArxivId('2403.1234')).toBeUndefined();
    expect(packArxivId('2413.12345')).toBeUndefined();
    expect(packArxivId('hep-th/9901001')).toBeUndefined();
  });

  it('decodes exactly what it encoded: ids, dates, stamps, tombstones and legacy dates', () => {
    fc.assert(fc.property(fc.array(fc.record({ id: fc.oneof(arxivId, arxivId, otherId), state }), { maxLength: 300 }), (input) => {
      const expected = byId(input.filter((entry) => entry.id !== '' && Object.keys(entry.state).length > 0));
      const encoded = encodeSyncEntries(input, { budgetBytes: 10_000_000, maxItems: 100_000 });
      const decoded = decodeSyncItems(encoded.items);
      expect(decoded.damaged).toEqual([]);
      expect(byId(decoded.entries)).toEqual(expected);
      expect(encoded.papers).toBe(expected.size);
      expectWithinLimits(encoded.items);
    }), { numRuns: 150 });
  });

  it('gives the same items for the same papers in any order', () => {
    const papers = readingHistory({ count: 2000, seed: 4 });
    const shuffled = [...papers].reverse();
    expect(encodeSyncEntries(shuffled).items).toEqual(encodeSyncEntries(papers).items);
  });

  for (const stamps of ['ms', 'seconds', 'none'] as const) {
    it(`fits 10,000 starred or read papers in the quota (stamps: ${stamps})`, () => {
      const papers = readingHistory({ count: 10_000, seed: 7, stamps });
      const encoded = encodeSyncEntries(papers);
      expect(encoded.leftOut).toEqual({ read: 0, starred: 0, unstarred: 0 });
      expect(encoded.papers).toBe(10_000);
      const total = expectWithinLimits(encoded.items);
      expect(total).toBe(encoded.bytes);
      expect(total).toBeLessThanOrEqual(MARKS_BUDGET_BYTES);
      expect(byId(decodeSyncItems(encoded.items).entries)).toEqual(byId(papers));
      console.log(`10,000 papers (stamps ${stamps}): ${total} bytes in ${Object.keys(encoded.items).length} items, ${(total * 8 / 10_000).toFixed(1)} bits a paper`);
    });
  }

  it('when papers do not fit, the oldest read marks leave first and every star stays', () => {
    const papers = readingHistory({ count: 30_000, seed: 11 });
    const encoded = encodeSyncEntries(papers);
    expectWithinLimits(encoded.items);
    expect(encoded.bytes).toBeLessThanOrEqual(MARKS_BUDGET_BYTES);
    expect(encoded.leftOut.read).toBeGreaterThan(0);
    expect(encoded.leftOut.starred).toBe(0);
    expect(encoded.leftOut.unstarred).toBe(0);
    const kept = byId(decodeSyncItems(encoded.items).entries);
    const timeOf = (s: SyncedState): number => (s.readStamp ? parseInt(s.readStamp.slice(0, 9), 36) : s.readAt!);
    let newestDropped = 0;
    let oldestKept = Infinity;
    for (const paper of papers) {
      const synced = kept.get(paper.id);
      if (paper.state.starStamp || paper.state.starredAt) expect(synced?.starStamp ?? synced?.starredAt).toBe(paper.state.starStamp ?? paper.state.starredAt);
      if (!paper.state.readStamp && paper.state.readAt === undefined) continue;
      if (synced?.readStamp !== undefined || synced?.readAt !== undefined) oldestKept = Math.min(oldestKept, timeOf(paper.state));
      else newestDropped = Math.max(newestDropped, timeOf(paper.state));
    }
    expect(newestDropped).toBeLessThanOrEqual(oldestKept);
    // Not far under the budget either: the eviction takes about what is needed.
    expect(encoded.bytes).toBeGreaterThan(MARKS_BUDGET_BYTES * 0.9);
  });

  it('stars leave only when no read mark is left, oldest first', () => {
    const papers = readingHistory({ count: 30_000, seed: 12 }).map((entry) => ({ id: entry.id, state: { starredAt: 1_700_000_000_000 + packArxivId(entry.id)! } }));
    const encoded = encodeSyncEntries(papers, { budgetBytes: 20_000 });
    expect(encoded.bytes).toBeLessThanOrEqual(20_000);
    expect(encoded.leftOut.starred).toBe(30_000 - encoded.papers);
    const kept = decodeSyncItems(encoded.items).entries.map((entry) => entry.state.starredAt!);
    const dropped = papers.map((entry) => entry.state.starredAt).filter((at) => !kept.includes(at));
    expect(Math.max(...dropped)).toBeLessThan(Math.min(...kept));
  });

  it('reads the items of format version 1 (starred and read only), as the previous Paper Lens wrote them', () => {
    // Written by the version 1 encoder (commit 776a261) for these three papers.
    const v1 = 'BYuVqm2inTTTUW69ZJpppppsw4-AA40Ox9UBoJO5R5AEWK37HXpCakB5X6F_a5X5mvHtDK4Fro0F5ycmBiYGBi_0gQAA';
    expect(byId(decodeItem(v1))).toEqual(new Map<string, SyncedState>([
      ['2312.00001', { starStamp: '0lto1yxc0.0003.desk000002' }],
      ['2403.01234', { starStamp: '0lto1yxc0.0000.laptop0001', starredAt: 1710150000000, readStamp: '0lto1yxc0.0001.laptop0001', readAt: 1710150001000 }],
      ['hep-th/9901001', { readAt: 1700000000000 }],
    ]));
    expect(encodeSyncEntries(decodeItem(v1)).items['marks.0']![0]).toBe('C');
  });

  it('syncs tags and notes within their budget: long notes and the notes edited longest ago stay out, never a star', () => {
    const papers = readingHistory({ count: 3000, seed: 5 });
    const at = Date.UTC(2024, 2, 11);
    const starred = papers.filter((entry) => entry.state.starredAt !== undefined);
    starred.forEach((entry, i) => {
      entry.state.tags = ['to read', `topic ${i % 7}`];
      entry.state.tagsStamp = encodeStamp({ wall: at + i, counter: 0, device: 'laptop0001' });
      entry.state.note = 'é'.repeat(i === 0 ? 1_200 : 200);
      entry.state.noteStamp = encodeStamp({ wall: at + i, counter: 1, device: 'laptop0001' });
    });
    starred[1]!.state.note = 'x'.repeat(MAX_SYNCED_NOTE_BYTES + 1);
    const encoded = encodeSyncEntries(papers);
    expectWithinLimits(encoded.items);
    const kept = byId(decodeSyncItems(encoded.items).entries);
    expect(encoded.leftOut.starred).toBe(0);
    expect(encoded.leftOut.longNotes).toBe(1);
    expect(kept.get(starred[1]!.id)?.note).toBeUndefined();
    const notesKept = starred.filter((entry) => kept.get(entry.id)?.note !== undefined);
    expect(notesKept.length).toBeGreaterThan(40);
    expect(notesKept.length).toBeLessThan(starred.length - 1);
    expect(encoded.leftOut.notes).toBe(starred.length - notesKept.length);
    // The newest notes are the ones kept, each exactly as written; every tag list travels.
    const oldestKept = Math.min(...notesKept.map((entry) => starred.indexOf(entry)));
    expect(starred.slice(oldestKept).filter((entry) => entry !== starred[1]).every((entry) => kept.get(entry.id)?.note === entry.state.note)).toBe(true);
    for (const entry of starred) {
      expect(kept.get(entry.id)?.tags).toEqual(entry.state.tags);
      expect(kept.get(entry.id)?.starStamp).toBe(entry.state.starStamp);
    }
    const notesBytes = notesKept.reduce((sum, entry) => sum + new TextEncoder().encode(entry.state.note).length, 0);
    expect(notesBytes * 4 / 3).toBeLessThanOrEqual(NOTES_BUDGET_BYTES);
  });

  it('when even the stars do not fit, notes and tags leave before any star', () => {
    const at = Date.UTC(2024, 2, 11);
    const papers: SyncEntry[] = Array.from({ length: 400 }, (_, i) => ({ id: `2403.${String(10000 + i)}`, state: {
      starredAt: at + i, starStamp: encodeStamp({ wall: at + i, counter: 0, device: 'd1' }),
      tags: ['a tag'], tagsStamp: encodeStamp({ wall: at + i, counter: 1, device: 'd1' }),
      note: 'n'.repeat(100), noteStamp: encodeStamp({ wall: at + i, counter: 2, device: 'd1' }),
    } }));
    const encoded = encodeSyncEntries(papers, { budgetBytes: 8_000 });
    expect(encoded.bytes).toBeLessThanOrEqual(8_000);
    expect(encoded.leftOut.starred).toBe(0);
    expect(encoded.leftOut.notes).toBeGreaterThan(0);
    expect(byId(decodeSyncItems(encoded.items).entries).size).toBe(400);
  });

  it('reports a newer format and damaged items instead of reading them', () => {
    const encoded = encodeSyncEntries(readingHistory({ count: 50 }));
    const value = encoded.items['marks.0']!;
    expect(() => decodeItem('D' + value.slice(1))).toThrow(/newer Paper Lens/);
    const decoded = decodeSyncItems({ 'marks.0': 'D' + value.slice(1), 'marks.1': value.slice(0, 20), 'marks.2': 12, settings: 'x' });
    expect(decoded.newerFormat).toBe(true);
    expect(decoded.damaged).toEqual(['marks.1', 'marks.2']);
  });
});
