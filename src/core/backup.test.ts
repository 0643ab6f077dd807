import { describe, expect, it } from 'vitest';
import { generateSyntheticSet, makeRng } from '../../e2e/fixtures/synthetic';
import {
  BACKUP_VERSION, backupChunks, mergeIntoMap, mergePaperRecords, parseBackup, serialiseBackup, sightingKey, type Backup,
} from './backup';
import type { PaperRecord, Sighting } from './records';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import type { ListingKind } from './types';

const KINDS: ListingKind[] = ['day', 'week', 'month', 'trending', 'search', 'landing', 'paper', 'other'];
const T0 = Date.UTC(2024, 2, 11);

/** Deterministic records with every optional field present or absent in turn, and their sightings. */
function makeStore(count: number, seed = 1): { papers: PaperRecord[]; sightings: Sighting[] } {
  const rng = makeRng(seed);
  const base = generateSyntheticSet({ seed, count: Math.min(count, 400), manyAuthors: true }).papers;
  const papers: PaperRecord[] = [];
  const sightings: Sighting[] = [];
  for (let i = 0; i < count; i++) {
    const { topic: _topic, ...paper } = base[i % base.length]!;
    const first = T0 + Math.floor(rng() * 1e9);
    const record: PaperRecord = {
      ...paper,
      id: i < base.length ? paper.id : `${paper.id}-${i}`,
      firstListedAt: first,
      lastListedAt: first + Math.floor(rng() * 1e8),
      listedCount: 1 + Math.floor(rng() * 5),
      seenCount: Math.floor(rng() * 4),
      pageKinds: KINDS.filter(() => rng() < 0.3),
      updatedAt: first + Math.floor(rng() * 2e8),
    };
    if (record.seenCount > 0) {
      record.firstSeenAt = first + 10;
      record.lastSeenAt = first + 20;
    }
    if (rng() < 0.3) record.readAt = first + 30;
    if (rng() < 0.2) record.starredAt = first + 40;
    if (i % 7 === 0) record.keywords = ['alpha', 'beta, gamma'];
    papers.push(record);
    for (let s = 0; s < record.listedCount; s++) {
      sightings.push({ paperId: record.id, pageKind: KINDS[s % KINDS.length]!, pageKey: `day:2024-03-${10 + s}`, at: first + s * 1000, seen: s < record.seenCount });
    }
  }
  return { papers, sightings };
}

const SETTINGS: Settings = { ...DEFAULT_SETTINGS, relatedThreshold: 0.3, marks: { ...DEFAULT_SETTINGS.marks, dimRead: false } };

function parsedOk(text: string): Backup {
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new Error(`expected a valid backup, got ${parsed.reason}: ${parsed.message}`);
  return parsed.backup;
}

describe('backup round trip', () => {
  it('export, clear, import gives back every record exactly', () => {
    const store = makeStore(600);
    const text = serialiseBackup({ ...store, settings: SETTINGS, exportedAt: T0 });
    const backup = parsedOk(text);
    expect(backup.exportedAt).toBe(new Date(T0).toISOString());
    expect(backup.counts).toEqual({ papers: 600, sightings: store.sightings.length });
    expect(backup.settings).toEqual(SETTINGS);

    // "Clear" = a new empty store; import = merge every record into it.
    const restored = new Map<string, PaperRecord>();
    const counts = mergeIntoMap(restored, backup.papers);
    expect(counts).toEqual({ added: 600, updated: 0, unchanged: 0 });
    expect([...restored.values()]).toStrictEqual(store.papers);
    expect(backup.sightings).toStrictEqual(store.sightings);

    // Importing the same file again changes nothing.
    expect(mergeIntoMap(restored, parsedOk(text).papers)).toEqual({ added: 0, updated: 0, unchanged: 600 });
    expect([...restored.values()]).toStrictEqual(store.papers);
  });

  it('keeps fields a later version adds, and drops optional fields written as null', () => {
    const [record] = makeStore(1).papers;
    const text = serialiseBackup({ papers: [{ ...record!, futureField: { x: 1 }, readAt: null } as unknown as PaperRecord], sightings: [] });
    const [back] = parsedOk(text).papers;
    expect((back as unknown as { futureField: unknown }).futureField).toEqual({ x: 1 });
    expect('readAt' in back!).toBe(false);
  });

  it('writes in chunks that join to the same document, one record per line', () => {
    const store = makeStore(1234);
    const header = { counts: { papers: store.papers.length, sightings: store.sightings.length }, exportedAt: T0 };
    const chunks = [...backupChunks(header, store.papers, store.sightings, 100)];
    expect(chunks.length).toBeGreaterThan(20);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(serialiseBackup({ ...store, exportedAt: T0 }).length / 5);
    expect(chunks.join('')).toBe(serialiseBackup({ ...store, exportedAt: T0 }));
    const lines = chunks.join('').split('\n');
    expect(lines.filter((line) => line.startsWith('{"id":'))).toHaveLength(store.papers.length);
  });

  it('refuses to write a backup whose record count differs from its header', () => {
    const store = makeStore(3);
    const chunks = backupChunks({ counts: { papers: 4, sightings: store.sightings.length } }, store.papers, store.sightings);
    expect(() => [...chunks]).toThrow(/4 papers but 3/);
  });

  it('writes an empty store validly', () => {
    const backup = parsedOk(serialiseBackup({ papers: [], sightings: [] }));
    expect(backup.papers).toEqual([]);
    expect(backup.version).toBe(BACKUP_VERSION);
  });

  it('handles 20,000 papers in reasonable time', () => {
    const store = makeStore(20_000, 3);
    const started = performance.now();
    const text = serialiseBackup(store);
    const backup = parsedOk(text);
    expect(backup.papers).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('parseBackup refuses bad files with plain words', () => {
  const good = (): Record<string, unknown> => JSON.parse(serialiseBackup({ ...makeStore(5), exportedAt: T0 })) as Record<string, unknown>;
  const refuse = (text: string) => {
    const parsed = parseBackup(text);
    if (parsed.ok) throw new Error('expected a refusal');
    expect(parsed.message.length).toBeGreaterThan(20);
    return parsed;
  };

  it('not JSON', () => {
    expect(refuse('').reason).toBe('not-json');
    expect(refuse('title,authors\nA,B').reason).toBe('not-json');
    expect(refuse('<html></html>').message).toMatch(/not a Paper Lens backup/);
  });

  it('JSON that is not a backup, including a Paper Lens export', () => {
    expect(refuse('{"papers": []}').reason).toBe('not-a-backup');
    expect(refuse('[1, 2]').reason).toBe('not-a-backup');
    expect(refuse('{"format":"paper-lens-export","version":1,"papers":[]}').message).toMatch(/export/);
    const noVersion = good();
    delete noVersion.version;
    expect(refuse(JSON.stringify(noVersion)).reason).toBe('not-a-backup');
  });

  it('a file cut off mid-way, or whose counts do not match', () => {
    const text = serialiseBackup(makeStore(50));
    for (const cut of [0.1, 0.5, 0.99]) expect(refuse(text.slice(0, Math.floor(text.length * cut))).reason).toBe('truncated');
    const short = good();
    (short.papers as unknown[]).pop();
    const parsed = refuse(JSON.stringify(short));
    expect(parsed.reason).toBe('truncated');
    expect(parsed.message).toContain('should hold 5 papers');
  });

  it('a backup from a future version', () => {
    const future = { ...good(), version: BACKUP_VERSION + 1 };
    const parsed = refuse(JSON.stringify(future));
    expect(parsed.reason).toBe('future-version');
    expect(parsed.message).toMatch(/newer version of Paper Lens/);
  });

  it('names the first invalid record by its index', () => {
    const cases: Array<[string, (doc: Record<string, unknown>) => void, RegExp]> = [
      ['missing id', (doc) => delete (doc.papers as Array<Record<string, unknown>>)[3]!.id, /papers\[3\].*id is missing/],
      ['text time', (doc) => ((doc.papers as Array<Record<string, unknown>>)[2]!.readAt = 'yesterday'), /papers\[2\].*readAt/],
      ['authors not strings', (doc) => ((doc.papers as Array<Record<string, unknown>>)[0]!.authors = ['A', 3]), /papers\[0\].*authors/],
      ['unknown page kind', (doc) => ((doc.papers as Array<Record<string, unknown>>)[4]!.pageKinds = ['day', 'weird']), /papers\[4\].*pageKinds/],
      ['negative count', (doc) => ((doc.papers as Array<Record<string, unknown>>)[1]!.seenCount = -1), /papers\[1\].*seenCount/],
      ['sighting without seen', (doc) => delete (doc.sightings as Array<Record<string, unknown>>)[6]!.seen, /sightings\[6\].*seen is missing/],
      ['sighting not an object', (doc) => ((doc.sightings as unknown[])[0] = 'x'), /sightings\[0\].*not an object/],
    ];
    for (const [label, damage, pattern] of cases) {
      const doc = good();
      damage(doc);
      const parsed = refuse(JSON.stringify(doc));
      expect(parsed.reason, label).toBe('invalid-record');
      expect(parsed.message, label).toMatch(pattern);
    }
  });

  it('a number too large to be finite', () => {
    const text = JSON.stringify(good()).replace(/"updatedAt":\d+/, '"updatedAt":1e999');
    const parsed = refuse(text);
    expect(parsed.reason).toBe('invalid-record');
    expect(parsed.message).toMatch(/papers\[0\].*updatedAt/);
  });

  it('accepts a byte order mark and clamps odd settings', () => {
    const doc = { ...good(), settings: { relatedThreshold: 7, relatedScale: 'strength' } };
    const backup = parsedOk(`\ufeff${JSON.stringify(doc)}`);
    expect(backup.settings?.relatedThreshold).toBe(0.9);
  });
});

describe('mergePaperRecords', () => {
  const base: PaperRecord = {
    id: '2401.00001', title: 'Title', abstract: 'Short', authors: ['A B'],
    firstListedAt: 100, lastListedAt: 200, listedCount: 2, seenCount: 1, firstSeenAt: 150, lastSeenAt: 160,
    pageKinds: ['day'], updatedAt: 1000,
  };

  it('adds a record the store does not have', () => {
    expect(mergePaperRecords(undefined, base)).toEqual({ record: base, change: 'added' });
  });

  it('takes read and starred state from the newer record: an un-star after a star wins', () => {
    const starred = { ...base, starredAt: 900, readAt: 800, updatedAt: 1000 };
    const unstarred = { ...base, readAt: 800, updatedAt: 2000 };
    expect(mergePaperRecords(starred, unstarred).record.starredAt).toBeUndefined();
    expect(mergePaperRecords(unstarred, starred).record.starredAt).toBeUndefined();
    expect(mergePaperRecords(unstarred, starred).change).toBe('unchanged');
    const restarred = { ...base, starredAt: 3000, updatedAt: 3000 };
    expect(mergePaperRecords(unstarred, restarred)).toMatchObject({ record: { starredAt: 3000 }, change: 'updated' });
    expect(mergePaperRecords(unstarred, restarred).record.readAt).toBeUndefined();
  });

  it('keeps state from either side when both were changed at the same time', () => {
    const a = { ...base, starredAt: 900 };
    const b = { ...base, readAt: 950 };
    expect(mergePaperRecords(a, b).record).toMatchObject({ starredAt: 900, readAt: 950 });
  });

  it('loses nothing: earliest first times, latest last times, larger counts, all page kinds', () => {
    const other: PaperRecord = {
      ...base, firstListedAt: 50, lastListedAt: 150, listedCount: 5, seenCount: 0, pageKinds: ['week', 'day', 'search'], updatedAt: 500,
    };
    delete other.firstSeenAt;
    delete other.lastSeenAt;
    const { record, change } = mergePaperRecords(base, other);
    expect(change).toBe('updated');
    expect(record).toMatchObject({ firstListedAt: 50, lastListedAt: 200, listedCount: 5, seenCount: 1, firstSeenAt: 150, lastSeenAt: 160, updatedAt: 1000 });
    expect(record.pageKinds).toEqual(['day', 'week', 'search']);
  });

  it('takes paper text from the newer record unless it is empty there', () => {
    const older = { ...base, title: 'Old title', abstract: 'A long abstract', keywords: ['k'], upvotes: 3, updatedAt: 100 };
    const newer = { ...base, title: 'New title', abstract: '', authors: [], upvotes: 9, updatedAt: 200 };
    const { record } = mergePaperRecords(older, newer);
    expect(record).toMatchObject({ title: 'New title', abstract: 'A long abstract', authors: ['A B'], keywords: ['k'], upvotes: 9 });
  });

  it('gives the same record whichever side is stored (merge order does not matter)', () => {
    const store = makeStore(200, 9).papers;
    const rng = makeRng(5);
    for (const record of store) {
      const other: PaperRecord = {
        ...record,
        updatedAt: record.updatedAt + (rng() < 0.5 ? -1 : 1) * Math.ceil(rng() * 1000),
        listedCount: Math.floor(rng() * 9),
        pageKinds: KINDS.filter(() => rng() < 0.3),
        firstListedAt: record.firstListedAt - 5,
      };
      if (rng() < 0.5) other.starredAt = record.updatedAt;
      else delete other.starredAt;
      const ab = mergePaperRecords(record, other).record;
      const ba = mergePaperRecords(other, record).record;
      expect({ ...ab, pageKinds: [...ab.pageKinds].sort() }).toEqual({ ...ba, pageKinds: [...ba.pageKinds].sort() });
      // Merging again changes nothing.
      expect(mergePaperRecords(ab, other).change).toBe('unchanged');
      expect(mergePaperRecords(ab, record).change).toBe('unchanged');
    }
  });

  it('does not share arrays with its inputs', () => {
    const { record } = mergePaperRecords(undefined, base);
    record.pageKinds.push('week');
    record.authors.push('X');
    expect(base.pageKinds).toEqual(['day']);
    expect(base.authors).toEqual(['A B']);
  });
});

describe('sightingKey', () => {
  it('is the same for the same paper, page and time, and different otherwise', () => {
    const s: Sighting = { paperId: '2401.1', pageKind: 'day', pageKey: 'day:2024-03-11', at: 5, seen: true };
    const unseen: Sighting = { ...s, seen: false };
    expect(sightingKey(unseen)).toBe(sightingKey(s));
    expect(new Set([s, { ...s, at: 6 }, { ...s, pageKey: 'day:2024-03-12' }, { ...s, paperId: '2401.2' }].map(sightingKey)).size).toBe(4);
    // No separator ambiguity: ("a|b", "c") and ("a", "b|c") differ.
    expect(sightingKey({ paperId: 'a|b', pageKey: 'c', at: 1 })).not.toBe(sightingKey({ paperId: 'a', pageKey: 'b|c', at: 1 }));
  });
});
