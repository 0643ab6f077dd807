/**
 * A listing is answered before it is stored (listing/record-listing.ts): these tests check that nothing is lost by that. The
 * worker stop is the real failure: the stopped worker's database connection closes under its write, and a new
 * request loop on the same database (a woken service worker, with no memory of its predecessor) answers the receipt.
 */
import { describe, expect, it } from 'vitest';
import type { Request, RequestMap, RequestType, Response } from '../../core/messages';
import { StoreError } from '../../platform/messaging';
import { StoreLink, type Sender } from '../../content/store-link';
import { PaperLensDb } from '../db/db';
import { listPage, recordListing, recordSeen, WRITE_PART } from './record-listing';
import { setMark } from '../papers/reader-marks';
import { Store } from '../store';
import { Broadcaster } from '../api/broadcast';
import { RequestLoop } from '../api/request-loop';
import { dayPage, fakeIdb, freshStore, paper } from '../test-support';
import { indexRowOf } from '../db/derive';

const A = paper('2403.00001', 'Sparse Attention for Long Documents', 'We study sparse attention.', ['Ada Lovelace']);
const B = paper('2403.00002', 'Diffusion Models for Tabular Data', 'Tabular diffusion.', ['Alan Turing']);

const silent = () => new Broadcaster({ tabIds: async () => [], toTab: async () => undefined, toPages: async () => undefined });
const now = Date.parse('2024-03-11T09:00:00Z');

function storeOn(name: string, clock: { now: number }): Store {
  return new Store({ db: new PaperLensDb({ name, ...fakeIdb() }), now: () => clock.now });
}

/**
 * chrome.runtime as the content side meets it: messages reach the live worker; a worker that stops drops what it
 * had not answered yet, which the sender sees as a closed port and sends again to the worker woken next (as
 * platform/messaging retries). `hold` keeps messages back until released, as a busy message channel may.
 */
class Runtime {
  readonly log: string[] = [];
  private stopped!: Promise<never>;
  private stop!: (error: Error) => void;
  private readonly held = new Map<RequestType, Promise<void>>();
  constructor(public worker: RequestLoop) {
    this.arm();
  }
  private arm(): void {
    this.stopped = new Promise<never>((_, reject) => { this.stop = reject; });
    this.stopped.catch(() => undefined);
  }
  /** The worker stops; `next` answers from now on. */
  restart(next: RequestLoop): void {
    this.worker = next;
    this.stop(new Error('The message port closed before a response was received.'));
    this.arm();
  }
  /** Keeps messages of `type` back until the returned function is called. */
  hold(type: RequestType): () => void {
    let release!: () => void;
    this.held.set(type, new Promise<void>((resolve) => { release = resolve; }));
    return () => {
      this.held.delete(type);
      release();
    };
  }
  readonly sender = (async <T extends RequestType>(type: T, body: RequestMap[T]['req']) => {
    this.log.push(type);
    await this.held.get(type);
    for (;;) {
      const stopped = this.stopped;
      try {
        const response = (await Promise.race([this.worker.handle({ type, ...body } as Request<T>), stopped])) as Response<T>;
        if (!response.ok) throw new StoreError(response.error);
        return response;
      } catch (error) {
        if (error instanceof StoreError) throw error;
      }
    }
  }) as Sender;
  link(): StoreLink {
    return new StoreLink(() => undefined, this.sender, () => () => undefined);
  }
}

/** A listing longer than one write part: papers with texts that share no words (none is another's duplicate). */
function longListing(count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 6 }, (__, w) => `${prefix}${(i * 7 + w * 131).toString(36)}w${w}`);
    return paper(`2403.${String(10000 + i).slice(1)}`, words.join(' '), `${words.reverse().join(' ')} studied.`, [`Author ${prefix}${i}`]);
  });
}

/** The worker stops once `kept` writes to the papers table went through: later ones never reach the disk. */
function stopsAfterPaperWrites(store: Store, kept: number): void {
  let left = kept;
  store.db.use({
    stack: 'dbcore',
    name: 'stopped-mid-listing',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'papers') return table;
        return { ...table, mutate: (request) => (left-- > 0 ? table.mutate(request) : new Promise<never>(() => undefined)) };
      },
    }),
  });
}

/** Writes that never reach the disk: the worker stops before its write commits. */
function neverWrites(store: Store): void {
  store.db.use({
    stack: 'dbcore',
    name: 'stopped-before-commit',
    create: (down) => ({ ...down, table: (name) => ({ ...down.table(name), mutate: () => new Promise<never>(() => undefined) }) }),
  });
}

describe('a listing answered before it is stored', () => {
  it('stores what it answered', async () => {
    const { store } = freshStore();
    const page = dayPage('2024-03-11');
    const { states, written } = await listPage(store, page, [A, B]);
    await written;
    expect(await store.statesOf([A.id, B.id], () => page.key)).toEqual(states.map((state) => ({ ...state, readerRelated: [] })));
    expect(await store.db.sightings.count()).toBe(2);
  });

  it('orders a papers/seen sent right after the answer after the listing\'s write', async () => {
    const { store } = freshStore();
    const page = dayPage('2024-03-11');
    await listPage(store, page, [A]);
    const [seen] = await recordSeen(store, page, [A.id]);
    expect(seen).toMatchObject({ id: A.id, seenCount: 1 });
    expect(await store.db.papers.get(A.id)).toMatchObject({ listedCount: 1, seenCount: 1 });
  });

  it('lets a star sent while a long listing is written commit before the listing\'s last part', async () => {
    const { store } = freshStore();
    const starred = paper('2402.00001', 'Retrieval for Code Completion', 'Retrieval helps code models.', ['Grace Hopper']);
    await setMark(store, starred.id, 'read', true, starred);
    const listed = longListing(3 * WRITE_PART, 'star');
    const page = dayPage('2024-03-11');
    const { written } = await listPage(store, page, listed);
    await setMark(store, starred.id, 'starred', true);
    // The star did not wait for the whole write: some of the listing's sightings were not stored yet when it returned.
    expect(await store.db.sightings.count()).toBeLessThan(listed.length);
    await written;
    expect(await store.db.sightings.count()).toBe(listed.length);
    expect(await store.db.papers.get(starred.id)).toMatchObject({ starredAt: expect.any(Number) });
  });

  it('counts each paper once when the worker stopped between two parts of the write and the listing is sent again', async () => {
    const name = `durability-${Math.random().toString(36).slice(2)}`;
    const clock = { now };
    const stopped = storeOn(name, clock);
    stopsAfterPaperWrites(stopped, 1);
    const runtime = new Runtime(new RequestLoop(stopped, silent()));
    const link = runtime.link();
    const listed = longListing(2 * WRITE_PART + 5, 'stop');
    const response = await link.request('page/listed', { page: dayPage('2024-03-11'), papers: listed });
    expect(response?.states).toHaveLength(listed.length);
    // Wait until the first part committed (its sightings are on disk) and the second hangs.
    const probe = storeOn(name, clock);
    await expect.poll(() => probe.db.sightings.count()).toBe(WRITE_PART);
    clock.now += 60_000;
    const woken = storeOn(name, clock);
    runtime.restart(new RequestLoop(woken, silent()));
    await link.settled();
    expect(runtime.log).toEqual(['page/listed', 'listing/settled', 'page/listed', 'listing/settled']);
    expect(link.problem).toBeNull();
    expect(await woken.db.sightings.count()).toBe(listed.length);
    const stored = await woken.db.papers.bulkGet(listed.map((entry) => entry.id));
    expect(stored.map((record) => record?.listedCount)).toEqual(listed.map(() => 1));
    expect(await woken.paperTotal.get(() => woken.db.papers.count())).toBe(listed.length);
  });

  it('clears a long listing whole when the clear is sent right after its answer', async () => {
    const { store } = freshStore();
    const loop = new RequestLoop(store, silent());
    const listed = longListing(3 * WRITE_PART, 'clear');
    expect(await loop.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: listed })).toMatchObject({ ok: true });
    expect(await loop.handle({ type: 'data/clear' })).toMatchObject({ ok: true, cleared: { papers: listed.length, sightings: listed.length } });
    await store.pendingWrites.idle();
    expect(await store.db.papers.count()).toBe(0);
    expect(await store.db.sightings.count()).toBe(0);
  });

  it('loses no counts when two listings are answered before either is stored', async () => {
    const { store } = freshStore();
    const [first, second] = await Promise.all([listPage(store, dayPage('2024-03-11'), [A, B]), listPage(store, dayPage('2024-03-12'), [A])]);
    await Promise.all([first.written, second.written]);
    expect(await store.db.papers.get(A.id)).toMatchObject({ listedCount: 2 });
    expect(await store.db.sightings.count()).toBe(3);
    expect(await store.paperTotal.get(() => store.db.papers.count())).toBe(2);
  });

  it('answers a receipt once the write committed, and "not known" in a worker woken after a stop', async () => {
    const name = `durability-${Math.random().toString(36).slice(2)}`;
    const clock = { now };
    const before = new RequestLoop(storeOn(name, clock), silent());
    const listed = await before.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: [A] });
    expect(listed).toMatchObject({ ok: true, receipt: expect.any(String) });
    const receipt = (listed as { receipt: string }).receipt;
    expect(await before.handle({ type: 'listing/settled', receipt })).toEqual({ ok: true, recorded: true });
    const after = new RequestLoop(storeOn(name, clock), silent());
    expect(await after.handle({ type: 'listing/settled', receipt })).toEqual({ ok: true, recorded: false });
  });

  it('is sent again by the content side when the worker stopped before the write committed', async () => {
    const name = `durability-${Math.random().toString(36).slice(2)}`;
    const clock = { now };
    const stopped = storeOn(name, clock);
    neverWrites(stopped);
    const runtime = new Runtime(new RequestLoop(stopped, silent()));
    const link = runtime.link();
    const response = await link.request('page/listed', { page: dayPage('2024-03-11'), papers: [A, B] });
    expect(response?.states.map((state) => state.id)).toEqual([A.id, B.id]);
    const woken = storeOn(name, clock);
    runtime.restart(new RequestLoop(woken, silent()));
    await link.settled();
    expect(runtime.log).toEqual(['page/listed', 'listing/settled', 'page/listed', 'listing/settled']);
    expect(link.problem).toBeNull();
    expect(await woken.db.sightings.count()).toBe(2);
    expect(await woken.db.papers.get(A.id)).toMatchObject({ listedCount: 1 });
  });

  it('counts a listing once when the write committed just before the stop and it is sent again', async () => {
    const name = `durability-${Math.random().toString(36).slice(2)}`;
    const clock = { now };
    const stopped = storeOn(name, clock);
    const runtime = new Runtime(new RequestLoop(stopped, silent()));
    const link = runtime.link();
    const releaseSettled = runtime.hold('listing/settled');
    const response = await link.request('page/listed', { page: dayPage('2024-03-11'), papers: [A, B] });
    await stopped.pendingWrites.idle();
    expect(await stopped.db.sightings.count()).toBe(2);
    // Woken a little later within the visit: the receipt is not known there, so the listing comes again.
    clock.now += 60_000;
    runtime.restart(new RequestLoop(storeOn(name, clock), silent()));
    releaseSettled();
    await link.settled();
    expect(runtime.log).toEqual(['page/listed', 'listing/settled', 'page/listed', 'listing/settled']);
    expect(link.problem).toBeNull();
    expect(response?.states).toHaveLength(2);
    const reopened = storeOn(name, clock);
    expect(await reopened.db.sightings.count()).toBe(2);
    expect(await reopened.db.papers.get(A.id)).toMatchObject({ listedCount: 1 });
  });

  it('stores the new index row of a paper whose text changed with the listing itself', async () => {
    const { store } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), [A]);
    await store.indexer.settled();
    // The worker stops right after the listing commits: nothing written after it in a transaction of its own.
    store.indexer.write = () => Promise.resolve();
    const renamed = { ...A, title: 'Sparse Attention for Very Long Documents', abstract: 'We study sparse attention in books.' };
    await recordListing(store, dayPage('2024-03-12'), [renamed]);
    const stored = await store.db.papers.get(A.id);
    expect(stored?.title).toBe(renamed.title);
    const { indexedAt: _written, ...row } = (await store.db.paperIndex.get(A.id))!;
    const { indexedAt: _made, ...expected } = indexRowOf(stored!, 0);
    expect(row).toEqual(expected);
  });

  it('shows a problem when the listing cannot be stored', async () => {
    const { store } = freshStore();
    store.db.use({
      stack: 'dbcore',
      name: 'quota',
      create: (down) => ({ ...down, table: (name) => ({ ...down.table(name), mutate: async () => { const error = new Error('quota'); error.name = 'QuotaExceededError'; throw error; } }) }),
    });
    const runtime = new Runtime(new RequestLoop(store, silent()));
    const link = runtime.link();
    expect(await link.request('page/listed', { page: dayPage('2024-03-11'), papers: [A] })).not.toBeNull();
    await link.settled();
    expect(link.problem).toMatch(/storage is full/);
  });
});
