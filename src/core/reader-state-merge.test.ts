import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeIntoMap, mergePaperRecords } from './backup-merge';
import { HybridClock, encodeStamp, legacyStamp } from './hlc';
import type { PaperRecord } from './records';
import {
  READER_FIELDS, effectiveStamp, isOn, mergeReaderState, readerField, readerStateOf, setReaderFlag, stampsOf, withNewerReaderState, type ReaderFlag, type ReaderState,
} from './reader-state-merge';
import type { ListingKind } from './types';

const T0 = Date.UTC(2024, 0, 1);
const KINDS: ListingKind[] = ['day', 'week', 'month', 'trending', 'search', 'landing', 'paper', 'other'];
const FLAGS: ReaderFlag[] = ['starred', 'read'];

const stamp = fc.record({ wall: fc.integer({ min: T0, max: T0 + 5000 }), counter: fc.integer({ min: 0, max: 3 }), device: fc.constantFrom('', 'a', 'b', 'c') }).map(encodeStamp);
const time = fc.integer({ min: T0, max: T0 + 5000 });

/** Any reader state a copy may hold: legacy (times, no stamps), stamped, tombstones, and mixes of them. */
const readerState: fc.Arbitrary<ReaderState> = fc
  .record({
    starredAt: time, starStamp: stamp, readAt: time, readStamp: stamp,
    tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }), tagsStamp: stamp, note: fc.constantFrom('x', 'y'), noteStamp: stamp,
  }, { requiredKeys: [] })
  .map((state) => state as ReaderState);

const nonEmptyText = fc.string({ minLength: 1, maxLength: 6 });

/**
 * A whole paper record copy of one paper (same id), with its reader state and listing history varied. `text`
 * makes the text fields; with `complete` no metadata field is left empty.
 */
function paperRecord(text: fc.Arbitrary<string>, complete = false): fc.Arbitrary<PaperRecord> {
  const upvotes = complete ? fc.integer({ min: 0, max: 9 }) : fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined });
  return fc
    .record({
      state: readerState,
      title: text,
      abstract: text,
      authors: fc.array(nonEmptyText, { minLength: 1, maxLength: 2 }),
      upvotes,
      firstListedAt: time,
      listedSpan: fc.integer({ min: 0, max: 100 }),
      listedCount: fc.integer({ min: 0, max: 5 }),
      seen: fc.option(fc.tuple(time, fc.integer({ min: 0, max: 100 })), { nil: undefined }),
      seenCount: fc.integer({ min: 0, max: 5 }),
      pageKinds: fc.subarray(KINDS),
      updatedAt: fc.integer({ min: T0, max: T0 + 20 }),
    })
    .map(({ state, listedSpan, seen, upvotes, ...rest }) => {
      const record: PaperRecord = { id: '2401.00001', ...rest, lastListedAt: rest.firstListedAt + listedSpan, ...state };
      if (upvotes !== undefined) record.upvotes = upvotes;
      if (seen) {
        record.firstSeenAt = seen[0];
        record.lastSeenAt = seen[0] + seen[1];
      }
      return record;
    });
}

/** Page kinds are a set: compared without their order. */
const comparable = (record: PaperRecord): PaperRecord => ({ ...record, pageKinds: [...record.pageKinds].sort() });
const merge = (a: PaperRecord, b: PaperRecord): PaperRecord => mergePaperRecords(a, b).record;

describe('mergeReaderState: a join of the reader state', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(readerState, readerState, readerState, (a, b, c) => {
        expect(mergeReaderState(a, b)).toEqual(mergeReaderState(b, a));
        expect(mergeReaderState(mergeReaderState(a, b), c)).toEqual(mergeReaderState(a, mergeReaderState(b, c)));
        expect(mergeReaderState(a, a)).toEqual(readerStateOf(a));
        expect(mergeReaderState(mergeReaderState(a, b), b)).toEqual(mergeReaderState(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a star or a read from either copy when neither has stamps (backups made before stamps)', () => {
    fc.assert(
      fc.property(readerState, readerState, (a, b) => {
        const legacyA = { ...a, starStamp: undefined, readStamp: undefined };
        const legacyB = { ...b, starStamp: undefined, readStamp: undefined };
        const merged = mergeReaderState(legacyA, legacyB);
        for (const flag of FLAGS) expect(isOn(merged, flag)).toBe(isOn(legacyA, flag) || isOn(legacyB, flag));
      }),
    );
  });

  it('a stamped un-star wins over an older star and loses to a newer one, legacy or stamped', () => {
    const unstarred: ReaderState = { starStamp: encodeStamp({ wall: T0 + 100, counter: 0, device: 'b' }) };
    expect(mergeReaderState({ starredAt: T0 + 50 }, unstarred)).toEqual(unstarred);
    expect(mergeReaderState({ starredAt: T0 + 150 }, unstarred)).toEqual({ starredAt: T0 + 150 });
    const restarred: ReaderState = { starredAt: T0 + 120, starStamp: encodeStamp({ wall: T0 + 120, counter: 0, device: 'a' }) };
    expect(mergeReaderState(unstarred, restarred)).toEqual(restarred);
    // The fields are independent: an un-read does not take a star with it.
    expect(mergeReaderState({ starredAt: T0 + 10, readAt: T0 + 10 }, { readStamp: encodeStamp({ wall: T0 + 20, counter: 0, device: 'b' }) })).toEqual({
      starredAt: T0 + 10,
      readStamp: encodeStamp({ wall: T0 + 20, counter: 0, device: 'b' }),
    });
  });

  it('orders a copy by its stamp, else by the legacy stamp of its time', () => {
    const starred = readerField('starred');
    expect(effectiveStamp({ starredAt: 5 }, starred)).toBe(legacyStamp(5));
    expect(effectiveStamp({}, starred)).toBeUndefined();
    expect(effectiveStamp({ starredAt: 5, starStamp: 'x' }, starred)).toBe('x');
    expect(READER_FIELDS.map((field) => field.name)).toEqual(['starred', 'read', 'tags', 'note']);
  });

  it('setReaderFlag changes only what differs and leaves a tombstone when turning off', () => {
    const state: ReaderState = {};
    expect(setReaderFlag(state, 'starred', true, 's1', 7)).toBe(true);
    expect(state).toEqual({ starredAt: 7, starStamp: 's1' });
    expect(setReaderFlag(state, 'starred', true, 's2', 9)).toBe(false);
    expect(state).toEqual({ starredAt: 7, starStamp: 's1' });
    expect(setReaderFlag(state, 'starred', false, 's3', 9)).toBe(true);
    expect(state).toEqual({ starStamp: 's3' });
    expect(stampsOf({ ...state, readStamp: 'r' })).toEqual(['s3', 'r']);
  });
});

/**
 * A model of what readers do: devices star, un-star, read and un-read one paper at their own (skewed) clocks,
 * and now and then take in another device's copy (an imported backup, a sync). Every change that changed
 * something is recorded with its stamp. Whatever order the copies are merged in, each field ends as the change
 * with the greatest stamp left it: nothing a reader did is lost unless a later change undid it.
 */
type Event = { kind: 'act'; device: number; flag: ReaderFlag; on: boolean; advance: number } | { kind: 'take'; from: number; to: number; advance: number };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constant('act' as const), device: fc.integer({ min: 0, max: 2 }), flag: fc.constantFrom<ReaderFlag>('starred', 'read'), on: fc.boolean(), advance: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('take' as const), from: fc.integer({ min: 0, max: 2 }), to: fc.integer({ min: 0, max: 2 }), advance: fc.integer({ min: 0, max: 30 }) }),
);

/** How the final copies are combined: a random binary tree over a random order of them. */
function mergeTree(copies: ReaderState[], shape: number[]): ReaderState {
  const pool = [...copies];
  let choice = 0;
  while (pool.length > 1) {
    const i = (shape[choice++ % shape.length] ?? 0) % (pool.length - 1);
    const merged = mergeReaderState(pool[i]!, pool[i + 1]!);
    pool.splice(i, 2, merged);
  }
  return pool[0] ?? {};
}

describe('nothing a reader did is lost', () => {
  it('merging every device copy in any order ends with the latest change of each field', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 40 }),
        fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 })),
        fc.tuple(readerState, readerState, readerState).map((states) => states.map((s) => ({ ...s, starStamp: undefined, readStamp: undefined }) as ReaderState)),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        (events, skews, legacy, shape, order) => {
          let now = T0 + 10_000;
          // Legacy values predate every stamped change on every clock.
          const copies: ReaderState[] = legacy.map((state) => readerStateOf(state));
          const clocks = skews.map((skew, device) => new HybridClock(`d${device}`, () => now + skew));
          const changes: Record<ReaderFlag, Array<{ stamp: string; on: boolean }>> = { starred: [], read: [] };
          for (const step of events) {
            now += step.advance;
            if (step.kind === 'take') {
              copies[step.to] = mergeReaderState(copies[step.to]!, copies[step.from]!);
              for (const seen of stampsOf(copies[step.to]!)) clocks[step.to]!.observe(seen);
              continue;
            }
            const copy = { ...copies[step.device]! };
            for (const seen of stampsOf(copy)) clocks[step.device]!.observe(seen);
            const issued = clocks[step.device]!.next();
            if (setReaderFlag(copy, step.flag, step.on, issued, now)) changes[step.flag].push({ stamp: issued, on: step.on });
            copies[step.device] = copy;
          }
          const ordered = [...copies].sort((a, b) => (order[copies.indexOf(a)]! - order[copies.indexOf(b)]!));
          const final = mergeTree(ordered, shape);
          for (const flag of FLAGS) {
            const latest = changes[flag].reduce<{ stamp: string; on: boolean } | undefined>((best, change) => (!best || change.stamp > best.stamp ? change : best), undefined);
            const expected = latest ? latest.on : legacy.some((state) => isOn(state, flag));
            expect(isOn(final, flag)).toBe(expected);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('a change made after taking in another copy wins, even on a clock that runs behind', () => {
    let now = T0 + 1000;
    const fast = new HybridClock('fast', () => now + 60_000);
    const slow = new HybridClock('slow', () => now);
    const onFast: ReaderState = {};
    setReaderFlag(onFast, 'starred', true, fast.next(), now);
    now += 10;
    const onSlow = mergeReaderState({}, onFast);
    for (const seen of stampsOf(onSlow)) slow.observe(seen);
    setReaderFlag(onSlow, 'starred', false, slow.next(), now);
    expect(isOn(mergeReaderState(onFast, onSlow), 'starred')).toBe(false);
  });
});

describe('mergePaperRecords over whole records', () => {
  it('is commutative and idempotent for any copies, associative while no copy has a text field empty', () => {
    fc.assert(
      fc.property(paperRecord(fc.string({ maxLength: 4 })), paperRecord(fc.string({ maxLength: 4 })), (a, b) => {
        expect(comparable(merge(a, b))).toEqual(comparable(merge(b, a)));
        const ab = merge(a, b);
        expect(mergePaperRecords(ab, a).change).toBe('unchanged');
        expect(mergePaperRecords(ab, b).change).toBe('unchanged');
        expect(merge(a, a)).toEqual(a);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(paperRecord(nonEmptyText, true), paperRecord(nonEmptyText, true), paperRecord(nonEmptyText, true), (a, b, c) => {
        expect(comparable(merge(merge(a, b), c))).toEqual(comparable(merge(a, merge(b, c))));
      }),
      { numRuns: 1000 },
    );
  });

  it('the reader state of a merged record is the reader state merge, whatever the updatedAt of each copy', () => {
    fc.assert(
      fc.property(paperRecord(fc.string({ maxLength: 4 })), paperRecord(fc.string({ maxLength: 4 })), (a, b) => {
        expect(readerStateOf(merge(a, b))).toEqual(mergeReaderState(a, b));
      }),
    );
  });

  it('merging partial backups in any order reaches the same store as merging the whole', () => {
    const ids = ['2401.00001', '2401.00002', '2401.00003', '2401.00004'];
    const copyOf = paperRecord(nonEmptyText, true);
    const backup = fc.array(fc.tuple(fc.constantFrom(...ids), copyOf).map(([id, record]) => ({ ...record, id })), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(backup, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (backups, order) => {
        const whole = new Map<string, PaperRecord>();
        mergeIntoMap(whole, backups.flat());
        const inParts = new Map<string, PaperRecord>();
        const shuffled = backups.map((part, i) => ({ part, key: order[i % order.length]! + i / 100 })).sort((x, y) => x.key - y.key);
        for (const { part } of shuffled) mergeIntoMap(inParts, [...part].reverse());
        // And once more: repeating an import changes nothing.
        for (const part of backups) expect(mergeIntoMap(inParts, part).added + mergeIntoMap(inParts, part).updated).toBe(0);
        expect(new Set(inParts.keys())).toEqual(new Set(whole.keys()));
        for (const [id, record] of whole) expect(comparable(inParts.get(id)!)).toEqual(comparable(record));
      }),
      { numRuns: 500 },
    );
  });
});

describe('withNewerReaderState', () => {
  const older = encodeStamp({ wall: 1_000, counter: 0, device: 'a' });
  const newer = encodeStamp({ wall: 2_000, counter: 0, device: 'b' });
  it('keeps each reader field from the copy that changed it last, and everything else from the answer', () => {
    type Held = ReaderState & { id: string; seenCount: number };
    const current: Held = { id: 'x', seenCount: 1, starredAt: 2_000, starStamp: newer, readStamp: older };
    const answer: Held = { id: 'x', seenCount: 2, starStamp: older, readAt: 1_500, readStamp: newer };
    expect(withNewerReaderState(current, answer)).toEqual({ id: 'x', seenCount: 2, starredAt: 2_000, starStamp: newer, readAt: 1_500, readStamp: newer });
  });
  it('takes the answer as it is when nothing was held', () => {
    const answer = { id: 'x', seenCount: 0, note: 'n', noteStamp: older };
    expect(withNewerReaderState(undefined, answer)).toBe(answer);
  });
});
