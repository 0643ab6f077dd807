import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { HybridClock } from '../../core/hlc';
import { isOn, readerStateOf, setReaderFlag, type ReaderFlag } from '../../core/reader-state-merge';
import { FakeSyncArea } from '../../core/sync/fake-sync-area';
import { decodeSyncItems, FORMAT_VERSION } from '../../core/sync/codec';
import { tombstonesOf } from '../../core/sync/devices';
import { SYNC_LIMITS } from '../../core/sync/limits';
import { newStoredPaper, touch } from '../db/derive';
import { dayPage, freshStore, paper } from '../test-support';
import { listPage } from '../listing/record-listing';
import { setAnnotations } from '../papers/annotations';
import { SyncEngine, type SyncStatus } from './engine';

const TEST_POLICY = { perMinute: 60, perHour: 1440, minGapMs: 0 };

function device(name: string, start = Date.parse('2024-03-11T09:00:00Z')) {
  const { store, clock: time, advance } = freshStore(start);
  const area = new FakeSyncArea(() => time.now);
  const clock = new HybridClock(name, () => time.now);
  const changed: string[][] = [];
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({
    store, area, clock: async () => clock, now: () => time.now, policy: TEST_POLICY,
    onPapersChanged: (ids) => changed.push(ids), onSettingsChanged: () => undefined, onStatus: (status) => statuses.push(status),
  });
  /** A star or read made here, as the background's star path makes it (a stamp from this device's clock). */
  const mark = async (id: string, flag: ReaderFlag, on: boolean): Promise<void> => {
    await store.db.transaction('rw', store.db.papers, async () => {
      const record = (await store.db.papers.get(id)) ?? newStoredPaper(paper(id, `Paper ${id}`), time.now);
      if (isOn(record, flag) === on) return;
      setReaderFlag(record, flag, on, clock.next(), time.now);
      touch(record, time.now);
      await store.db.papers.put(record);
    });
    engine.noteLocalChange([id]);
  };
  const annotate = async (id: string, change: { tags?: string[]; note?: string }): Promise<void> => {
    await setAnnotations(store, id, change);
    engine.noteLocalChange([id]);
  };
  const stateOf = async (id: string) => {
    const record = await store.db.papers.get(id);
    return record ? { starred: isOn(record, 'starred'), read: isOn(record, 'read'), ...readerStateOf(record) } : undefined;
  };
  const settle = async (): Promise<void> => {
    await engine.syncNow();
    await engine.settled();
  };
  return { store, area, engine, mark, annotate, stateOf, changed, statuses, advance, time, settle };
}

/** Two browsers, A and B, with sync turned on, A first. */
async function syncingPair(): Promise<[ReturnType<typeof device>, ReturnType<typeof device>]> {
  const a = device('deva');
  const b = device('devb');
  await a.engine.setEnabled(true);
  await b.engine.setEnabled(true);
  return [a, b];
}

type Device = ReturnType<typeof device>;

/** The sync service: what one device wrote reaches the other (the test delivers, as the service would). */
async function exchange(from: Device, to: Device): Promise<void> {
  from.area.deliverTo(to.area);
  await new Promise((resolve) => setTimeout(resolve, 60));
  await to.engine.settled();
}

describe('sync engine', () => {
  it('a star on one browser reaches the other, and its tabs are told', async () => {
    const [a, b] = await syncingPair();
    await a.mark('2403.00001', 'starred', true);
    await a.settle();
    await exchange(a, b);
    expect((await b.stateOf('2403.00001'))?.starred).toBe(true);
    expect(b.changed.flat()).toContain('2403.00001');
  });

  it('concurrent edits on both, exchanged both ways, converge; an un-star made later wins over an offline star', async () => {
    const [a, b] = await syncingPair();
    await a.mark('2403.00001', 'starred', true);
    await a.settle();
    await exchange(a, b);
    // Offline: A reads 2 and stars 3; B, a minute later, un-stars 1 and stars 4.
    await a.mark('2403.00002', 'read', true);
    await a.mark('2403.00003', 'starred', true);
    a.advance(60_000);
    b.advance(60_000);
    await b.mark('2403.00001', 'starred', false);
    await b.mark('2403.00004', 'starred', true);
    await a.settle();
    await b.settle();
    // The service keeps one copy: B's write lands last and overwrites A's; A merges it and writes again.
    await exchange(b, a);
    await a.settle();
    await exchange(a, b);
    await b.settle();
    for (const id of ['2403.00001', '2403.00002', '2403.00003', '2403.00004']) {
      const [stateA, stateB] = [await a.stateOf(id), await b.stateOf(id)];
      expect(stateA?.starred, id).toBe(stateB?.starred);
      expect(stateA?.read, id).toBe(stateB?.read);
    }
    expect((await a.stateOf('2403.00001'))?.starred).toBe(false);
    expect((await b.stateOf('2403.00003'))?.starred).toBe(true);
    expect((await a.stateOf('2403.00004'))?.starred).toBe(true);
    expect((await b.stateOf('2403.00002'))?.read).toBe(true);
  });

  it('random edits on three browsers, delivered in random orders, converge to the same marks', async () => {
    // An edit flips the flag as the device sees it (so un-stars of stars received from elsewhere happen often).
    const edit = fc.record({ kind: fc.constant('edit' as const), who: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 1, max: 3 }), flag: fc.constantFrom<ReaderFlag>('starred', 'read') });
    const delivery = fc.record({ kind: fc.constant('delivery' as const), from: fc.integer({ min: 0, max: 2 }), to: fc.integer({ min: 0, max: 2 }) });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(edit, delivery), { minLength: 1, maxLength: 16 }),
      async (steps) => {
        const devices = [device('deva'), device('devb'), device('devc')];
        for (const d of devices) await d.engine.setEnabled(true);
        for (const step of steps) {
          for (const d of devices) d.advance(1000);
          if (step.kind === 'edit') {
            const d = devices[step.who]!;
            const id = `2403.0000${step.n}`;
            const now = await d.stateOf(id);
            await d.mark(id, step.flag, !(step.flag === 'starred' ? now?.starred : now?.read));
          }
          else if (step.from !== step.to) {
            await devices[step.from]!.settle();
            await exchange(devices[step.from]!, devices[step.to]!);
          }
        }
        for (const d of devices) await d.settle();
        // Then the service settles: everyone gets the last copy, in a ring, twice.
        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < 3; i++) {
            await devices[i]!.settle();
            await exchange(devices[i]!, devices[(i + 1) % 3]!);
          }
        }
        for (let n = 1; n <= 3; n++) {
          const states = await Promise.all(devices.map((d) => d.stateOf(`2403.0000${n}`)));
          const marks = states.map((state) => `${state?.starred ?? false}/${state?.read ?? false}`);
          expect(new Set(marks).size, `paper ${n}: ${marks.join(' ')}`).toBe(1);
        }
      }), {
      numRuns: 20,
      // Always among them: a star made on one, received by another and un-starred there, and the way back.
      examples: [[[
        { kind: 'edit', who: 0, n: 1, flag: 'starred' }, { kind: 'delivery', from: 0, to: 1 },
        { kind: 'edit', who: 1, n: 1, flag: 'starred' }, { kind: 'delivery', from: 1, to: 0 },
        { kind: 'edit', who: 2, n: 2, flag: 'read' }, { kind: 'delivery', from: 2, to: 0 }, { kind: 'edit', who: 0, n: 2, flag: 'read' },
      ]]],
    });
  }, 120_000);

  it('a write worked out before another browser\'s items arrived is merged again instead of overwriting them', async () => {
    const [a, b] = await syncingPair();
    await b.mark('2403.00002', 'starred', true);
    await b.settle();
    await a.mark('2403.00001', 'starred', true);
    // A merges (its write is now due), and B's items arrive before that write is made.
    await a.engine.syncNow();
    b.area.deliverTo(a.area);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await a.engine.settled();
    expect((await a.stateOf('2403.00002'))?.starred).toBe(true);
    expect(decodeSyncItems(await a.area.get(null)).entries.map((entry) => entry.id).sort()).toEqual(['2403.00001', '2403.00002']);
  });

  it('tags and notes travel with the stars, merged field by field: the newer edit of each wins, a clearing too', async () => {
    const [a, b] = await syncingPair();
    await a.mark('2403.00001', 'starred', true);
    await a.annotate('2403.00001', { tags: ['to read', 'ml'], note: 'Line one\nété 中文' });
    await a.settle();
    await exchange(a, b);
    expect(await b.stateOf('2403.00001')).toMatchObject({ starred: true, tags: ['to read', 'ml'], note: 'Line one\nété 中文' });
    // Concurrently: A changes the note, B (later) changes the tags; both edits survive on both.
    a.advance(1000);
    b.advance(2000);
    await a.annotate('2403.00001', { note: 'A rewrote it' });
    await b.annotate('2403.00001', { tags: ['ml'] });
    await a.settle();
    await b.settle();
    await exchange(b, a);
    await a.settle();
    await exchange(a, b);
    await b.settle();
    for (const d of [a, b]) expect(await d.stateOf('2403.00001')).toMatchObject({ starred: true, tags: ['ml'], note: 'A rewrote it' });
    // B's search finds the words of the note A wrote.
    expect(JSON.stringify((await b.store.db.paperIndex.get('2403.00001'))?.words)).toContain('rewrote');
    // A clearing of the note is an edit too.
    b.advance(1000);
    await b.annotate('2403.00001', { note: '' });
    await b.settle();
    await exchange(b, a);
    expect((await a.stateOf('2403.00001'))?.note).toBeUndefined();
    expect((await a.stateOf('2403.00001'))?.noteStamp).toBeDefined();
  });

  it('tombstones leave the synced copy once all three browsers acknowledged them; no edit (star, read, note) is lost, nothing comes back, all converge', async () => {
    const edit = fc.record({ kind: fc.constant('edit' as const), who: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 1, max: 3 }), flag: fc.constantFrom<ReaderFlag>('starred', 'read') });
    const delivery = fc.record({ kind: fc.constant('delivery' as const), from: fc.integer({ min: 0, max: 2 }), to: fc.integer({ min: 0, max: 2 }) });
    const merge = fc.record({ kind: fc.constant('merge' as const), who: fc.integer({ min: 0, max: 2 }) });
    // A note written (on a starred paper) or cleared: its clearing is a tombstone too.
    const note = fc.record({ kind: fc.constant('note' as const), who: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 1, max: 3 }), text: fc.constantFrom('', 'first', 'second') });
    const flags: ReaderFlag[] = ['starred', 'read'];
    const stampKey = (flag: ReaderFlag): 'starStamp' | 'readStamp' => (flag === 'starred' ? 'starStamp' : 'readStamp');
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(edit, edit, note, delivery, delivery, merge), { minLength: 1, maxLength: 24 }),
      async (steps) => {
        const devices = [device('deva'), device('devb'), device('devc')];
        for (const d of devices) await d.engine.setEnabled(true);
        // The newest edit of each paper's flag anywhere (by stamp): what every browser must end with.
        const newest = new Map<string, { stamp: string; on: boolean; text?: string }>();
        // Each browser's stamp of each field only ever moves forward: an older state never comes back.
        const seen = devices.map(() => new Map<string, string>());
        const checkForward = async (): Promise<void> => {
          for (const [i, d] of devices.entries()) {
            for (let n = 1; n <= 3; n++) {
              const state = await d.stateOf(`2403.0000${n}`);
              for (const [field, key] of [...flags.map((flag) => [flag, stampKey(flag)] as const), ['note', 'noteStamp'] as const]) {
                const stamp = state?.[key] ?? '';
                expect(stamp >= (seen[i]!.get(`${n} ${field}`) ?? ''), `browser ${i} paper ${n} ${field} went back`).toBe(true);
                seen[i]!.set(`${n} ${field}`, stamp);
              }
            }
          }
        };
        const run = async (step: (typeof steps)[number] | { kind: 'delivery'; from: number; to: number }): Promise<void> => {
          for (const d of devices) d.advance(1000);
          if (step.kind === 'edit') {
            const d = devices[step.who]!;
            const id = `2403.0000${step.n}`;
            const before = await d.stateOf(id);
            const on = !(before?.[step.flag] ?? false);
            await d.mark(id, step.flag, on);
            const stamp = (await d.stateOf(id))![stampKey(step.flag)]!;
            const key = `${step.n} ${step.flag}`;
            if (stamp > (newest.get(key)?.stamp ?? '')) newest.set(key, { stamp, on });
          } else if (step.kind === 'note') {
            const d = devices[step.who]!;
            const id = `2403.0000${step.n}`;
            const before = await d.stateOf(id);
            // Notes belong to starred papers (clearing one is always allowed); an unchanged note is no edit.
            if (!before || (step.text !== '' && !before.starred) || (before.note ?? '') === step.text) return;
            await d.annotate(id, { note: step.text });
            const stamp = (await d.stateOf(id))!.noteStamp!;
            if (stamp > (newest.get(`${step.n} note`)?.stamp ?? '')) newest.set(`${step.n} note`, { stamp, on: step.text !== '', text: step.text });
          } else if (step.kind === 'merge') await devices[step.who]!.settle();
          else if (step.from !== step.to) {
            await devices[step.from]!.settle();
            await exchange(devices[step.from]!, devices[step.to]!);
          }
          await checkForward();
        };
        for (const step of steps) await run(step);
        // The service settles: the last copy goes round the ring until every browser has acknowledged it.
        for (let round = 0; round < 5; round++) {
          for (let i = 0; i < 3; i++) await run({ kind: 'delivery', from: i, to: (i + 1) % 3 });
        }
        for (let n = 1; n <= 3; n++) {
          for (const flag of flags) {
            const expected = newest.get(`${n} ${flag}`)?.on ?? false;
            const states = await Promise.all(devices.map((d) => d.stateOf(`2403.0000${n}`)));
            expect(states.map((state) => state?.[flag] ?? false), `paper ${n} ${flag}`).toEqual([expected, expected, expected]);
          }
          const text = newest.get(`${n} note`)?.text ?? '';
          const notes = await Promise.all(devices.map(async (d) => (await d.stateOf(`2403.0000${n}`))?.note ?? ''));
          expect(notes, `paper ${n} note`).toEqual([text, text, text]);
        }
        for (const d of devices) {
          const synced = decodeSyncItems(await d.area.get(null)).entries;
          expect(tombstonesOf(synced), 'tombstones left in the synced copy').toEqual([]);
          const listed = ((await d.store.db.kv.get('syncTombstones'))?.value as string[] | undefined) ?? [];
          for (const id of listed) {
            const record = await d.store.db.papers.get(id);
            expect(record && (isOn(record, 'starred') || isOn(record, 'read') || record.note !== undefined || record.tags !== undefined), `${id} is still listed as a tombstone`).toBe(true);
          }
        }
      }), {
      numRuns: 25,
      examples: [[[
        // A star seen by two, un-starred on the third while the first is away; the first comes back.
        { kind: 'edit', who: 0, n: 1, flag: 'starred' }, { kind: 'delivery', from: 0, to: 1 }, { kind: 'delivery', from: 1, to: 2 },
        { kind: 'edit', who: 2, n: 1, flag: 'starred' }, { kind: 'delivery', from: 2, to: 1 }, { kind: 'merge', who: 1 },
        { kind: 'delivery', from: 1, to: 2 }, { kind: 'merge', who: 2 }, { kind: 'delivery', from: 0, to: 2 },
      ]], [[
        // A note written on one, cleared on another that received it, while the first rewrites it offline earlier.
        { kind: 'edit', who: 0, n: 2, flag: 'starred' }, { kind: 'note', who: 0, n: 2, text: 'first' }, { kind: 'delivery', from: 0, to: 1 },
        { kind: 'note', who: 0, n: 2, text: 'second' }, { kind: 'note', who: 1, n: 2, text: '' }, { kind: 'delivery', from: 1, to: 2 },
        { kind: 'delivery', from: 0, to: 2 },
      ]]],
    });
  }, 300_000);

  it('compaction waits for a browser that has not acknowledged; past the horizon only for younger tombstones; when it returns its older star loses', async () => {
    const [a, b, c] = [device('deva'), device('devb'), device('devc')];
    for (const d of [a, b, c]) await d.engine.setEnabled(true);
    const id = '2403.00001';
    const tombstoneIn = async (d: Device): Promise<boolean> => tombstonesOf(decodeSyncItems(await d.area.get(null)).entries).some(([paper, field]) => paper === id && field === 'starred');
    const rounds = async (devices: Device[], count: number): Promise<void> => {
      for (let round = 0; round < count; round++) {
        for (let i = 0; i < devices.length; i++) {
          await devices[i]!.settle();
          await exchange(devices[i]!, devices[(i + 1) % devices.length]!);
        }
      }
    };
    await a.mark(id, 'starred', true);
    await rounds([a, b, c], 2);
    expect((await c.stateOf(id))?.starred).toBe(true);
    // C goes away; B un-stars; A and B exchange many times: C has not seen the un-star, so its tombstone stays.
    for (const d of [a, b]) d.advance(60_000);
    await b.mark(id, 'starred', false);
    await rounds([a, b], 4);
    expect(await tombstoneIn(a)).toBe(true);
    expect(a.statuses.at(-1)?.devices?.map((known) => `${known.id}:${known.waitedFor}`)).toEqual(['deva:true', 'devb:true', 'devc:true']);
    // Two months later C is past the horizon: the un-star, older than that, leaves the synced copy; a fresh
    // un-read made now still waits for C.
    for (const d of [a, b]) d.advance(61 * 86_400_000);
    await a.mark('2403.00002', 'read', true);
    await rounds([a, b], 2);
    a.advance(60_000);
    await a.mark('2403.00002', 'read', false);
    await rounds([a, b], 4);
    expect(await tombstoneIn(a)).toBe(false);
    expect(await tombstoneIn(b)).toBe(false);
    expect(tombstonesOf(decodeSyncItems(await a.area.get(null)).entries).map(([paper, field]) => `${paper} ${field}`)).toEqual(['2403.00002 read']);
    expect(a.statuses.at(-1)?.devices?.find((known) => known.id === 'devc')?.waitedFor).toBe(false);
    // C comes back with its old copy (the star): the service delivers it; A's store still has the un-star's stamp.
    c.advance(61 * 86_400_000 + 120_000);
    await c.settle();
    await exchange(c, a);
    await a.settle();
    expect(await tombstoneIn(a)).toBe(true);
    await rounds([a, c, b], 3);
    for (const d of [a, b, c]) expect((await d.stateOf(id))?.starred, d === c ? 'C' : d === a ? 'A' : 'B').toBe(false);
    // Once all three acknowledge again, every tombstone leaves.
    await rounds([a, c, b], 4);
    for (const d of [a, b, c]) expect(tombstonesOf(decodeSyncItems(await d.area.get(null)).entries)).toEqual([]);
    expect((await b.stateOf('2403.00002'))?.read).toBe(false);
  }, 60_000);

  it('a merge that changes nothing writes nothing, though the area gives objects back with their keys sorted', async () => {
    const [a, b] = await syncingPair();
    await a.mark('2403.00001', 'starred', true);
    await a.settle();
    await exchange(a, b);
    await b.settle();
    await exchange(b, a);
    await a.settle();
    const writes = a.area.writes.length;
    for (let i = 0; i < 3; i++) await a.settle();
    expect(a.area.writes.length).toBe(writes);
    expect(a.statuses.at(-1)?.state).toBe('idle');
  });

  it('leaves the receiving browser\'s seen history as it was', async () => {
    const a = device('deva');
    const b = device('devb');
    const page = dayPage('2024-03-11');
    await listPage(b.store, page, [paper('2403.00001', 'One'), paper('2403.00002', 'Two')]);
    await b.store.pendingWrites.settled('x').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = { sightings: await b.store.db.sightings.toArray(), papers: await b.store.db.papers.toArray() };
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await a.mark('2403.00002', 'starred', true);
    await a.settle();
    await exchange(a, b);
    expect(await b.store.db.sightings.toArray()).toEqual(before.sightings);
    const after = await b.store.db.papers.get('2403.00002');
    const earlier = before.papers.find((record) => record.id === '2403.00002')!;
    for (const key of ['firstListedAt', 'lastListedAt', 'listedCount', 'seenCount', 'firstSeenAt', 'lastSeenAt', 'listings', 'title'] as const) {
      expect(after?.[key], key).toEqual(earlier[key]);
    }
    expect(after?.starredAt).toBeDefined();
  });

  it('an import of many papers is written once, within the limits', async () => {
    const a = device('deva');
    await a.engine.setEnabled(true);
    await a.settle();
    const writesBefore = a.area.writes.length;
    for (let chunk = 0; chunk < 5; chunk++) {
      await a.store.db.transaction('rw', a.store.db.papers, async () => {
        for (let i = 0; i < 200; i++) {
          const record = newStoredPaper(paper(`2403.${String(10000 + chunk * 200 + i)}`, 'x'), a.time.now);
          record.starredAt = a.time.now;
          await a.store.db.papers.put(record);
        }
      });
      a.engine.noteLocalChange([], true);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await a.engine.settled();
    expect(a.area.writes.length - writesBefore).toBe(1);
    const status = a.statuses.at(-1)!;
    expect(status.papers).toBe(1000);
  });

  it('does not write over items of a newer format, and says so', async () => {
    const a = device('deva');
    await a.area.set({ 'marks.0': 'Cxyz', format: { v: FORMAT_VERSION + 1 } });
    await a.engine.setEnabled(true);
    await a.mark('2403.00001', 'starred', true);
    await a.settle();
    expect(a.area.items.get('marks.0')).toBe('Cxyz');
    expect(a.statuses.at(-1)?.state).toBe('newer-format');
  });

  it('turning sync off stops writing; removing takes only Paper Lens\'s items', async () => {
    const a = device('deva');
    await a.area.set({ other: 1 });
    await a.engine.setEnabled(true);
    await a.mark('2403.00001', 'starred', true);
    await a.settle();
    expect(a.area.items.has('marks.0')).toBe(true);
    await a.engine.setEnabled(false);
    const writes = a.area.writes.length;
    await a.mark('2403.00002', 'starred', true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(a.area.writes.length).toBe(writes);
    expect((await a.engine.currentStatus()).papers).toBe(1);
    await a.engine.removeRemote();
    expect([...a.area.items.keys()]).toEqual(['other']);
    expect(a.area.bytesInUse()).toBeLessThan(SYNC_LIMITS.quotaBytes);
  });

  it('a worker that wakes merges only when the synced items changed or local changes wait', async () => {
    const [a, b] = await syncingPair();
    await a.mark('2403.00001', 'starred', true);
    await a.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    a.engine.stop();
    const reads = vi.spyOn(a.store.db.papers, 'bulkGet');
    // The worker stops and wakes: a new engine on the same store and area.
    const woken = new SyncEngine({ store: a.store, area: a.area, clock: async () => new HybridClock('deva'), now: () => a.time.now, policy: TEST_POLICY, onPapersChanged: () => undefined, onSettingsChanged: () => undefined, onStatus: () => undefined });
    await woken.start();
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(reads).not.toHaveBeenCalled();
    // Its status still counts what is synced.
    expect((await woken.currentStatus()).papers).toBe(1);
    // Another browser's change arrived while it slept: the next wake merges it.
    await b.mark('2403.00002', 'read', true);
    await b.settle();
    woken.stop();
    b.area.deliverTo(a.area);
    const again = new SyncEngine({ store: a.store, area: a.area, clock: async () => new HybridClock('deva'), now: () => a.time.now, policy: TEST_POLICY, onPapersChanged: () => undefined, onSettingsChanged: () => undefined, onStatus: () => undefined });
    await again.start();
    await new Promise((resolve) => setTimeout(resolve, 1700));
    await again.settled();
    expect((await a.stateOf('2403.00002'))?.read).toBe(true);
    expect((await a.stateOf('2403.00001'))?.starred).toBe(true);
  });

  it('the first browser to sync brings its settings; one joining later takes them', async () => {
    const a = device('deva');
    const b = device('devb');
    await a.store.db.kv.put({ key: 'settings', value: { ...(await a.store.settings()), relatedCount: 3 } });
    a.store.rememberSettings({ ...(await a.store.settings()), relatedCount: 3 });
    await b.store.db.kv.put({ key: 'settings', value: { ...(await b.store.settings()), relatedCount: 1 } });
    b.store.rememberSettings({ ...(await b.store.settings()), relatedCount: 1 });
    await a.engine.setEnabled(true);
    await a.settle();
    await exchange(a, b);
    await b.engine.setEnabled(true);
    await b.settle();
    expect((await b.store.settings()).relatedCount).toBe(3);
    expect((await a.store.settings()).relatedCount).toBe(3);
  });

  it('settings changed on one browser reach the other', async () => {
    const a = device('deva');
    const b = device('devb');
    const applied = vi.fn();
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await a.store.db.kv.put({ key: 'settings', value: { ...(await a.store.settings()), relatedCount: 2 } });
    a.store.rememberSettings({ ...(await a.store.settings()), relatedCount: 2 });
    await a.engine.noteSettingsChanged();
    await a.settle();
    await exchange(a, b);
    expect((await b.store.settings()).relatedCount).toBe(2);
    void applied;
  });
});
