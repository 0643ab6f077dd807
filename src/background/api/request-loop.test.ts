import { describe, expect, it, vi } from 'vitest';
import type { Broadcast } from '../../core/messages';
import { SCHEMA_VERSIONS, type SchemaVersion } from '../db/schema';
import { PaperLensDb } from '../db/db';
import { Store } from '../store';
import { Broadcaster, type BroadcastTransport } from './broadcast';
import { RequestLoop } from './request-loop';
import { dayPage, fakeIdb, freshStore, paper } from '../test-support';
import { analysePage } from '../../core/analyse';
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';

function recordingTransport(tabs: number[] = [1, 2]) {
  const sent: Array<{ to: number | 'pages'; message: Broadcast }> = [];
  const transport: BroadcastTransport = {
    tabIds: async () => tabs,
    toTab: async (tabId, message) => { sent.push({ to: tabId, message }); },
    toPages: async (message) => { sent.push({ to: 'pages', message }); },
  };
  return { transport, sent };
}

function worker(store: Store, tabs?: number[]) {
  const { transport, sent } = recordingTransport(tabs);
  return { worker: new RequestLoop(store, new Broadcaster(transport)), sent };
}

describe('worker', () => {
  it('answers every request type with real data after opening the database', async () => {
    const { store } = freshStore();
    const { worker: w } = worker(store);
    const listed = await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: [paper('2403.00001', 'One', 'Abstract one.', ['A B'])] }, { tab: { id: 1 } });
    expect(listed).toMatchObject({ ok: true, states: [{ id: '2403.00001', seenBefore: false }] });
    expect(await w.handle({ type: 'papers/seen', page: dayPage('2024-03-11'), ids: ['2403.00001'] })).toMatchObject({ ok: true, states: [{ seenCount: 1 }] });
    expect(await w.handle({ type: 'states/get', ids: ['2403.00001'] })).toMatchObject({ ok: true, states: [{ id: '2403.00001' }] });
    expect(await w.handle({ type: 'papers/get', ids: ['2403.00001', 'missing'] })).toMatchObject({ ok: true, papers: [{ id: '2403.00001', title: 'One' }] });
    expect(await w.handle({ type: 'history/list', view: 'history', offset: 0, limit: 10 })).toMatchObject({ ok: true, total: 1 });
    expect(await w.handle({ type: 'stats/get' })).toMatchObject({ ok: true, stats: { listed: { all: 1 } } });
    expect(await w.handle({ type: 'paper/opened', id: '2403.00001' })).toMatchObject({ ok: true, state: { readAt: expect.any(Number) } });
    expect(await w.handle({ type: 'paper/set-read', id: '2403.00001', read: false })).toMatchObject({ ok: true, state: { id: '2403.00001' } });
    expect(await w.handle({ type: 'nonsense' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('broadcasts a star to every tab, with states relative to each tab\'s page', async () => {
    const { store, advance } = freshStore();
    const { worker: w, sent } = worker(store, [1, 2, 3]);
    const A = paper('2403.00001', 'Shared Paper', '', []);
    await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: [A] }, { tab: { id: 1 } });
    advance(60_000);
    await w.handle({ type: 'page/listed', page: dayPage('2024-03-12'), papers: [A] }, { tab: { id: 2 } });
    await w.handle({ type: 'paper/set-starred', id: A.id, starred: true });
    const changed = await vi.waitFor(() => {
      const broadcasts = sent.filter((entry) => entry.message.type === 'state/changed');
      expect(broadcasts.map((entry) => entry.to).sort()).toEqual([1, 2, 3, 'pages']);
      return broadcasts;
    });
    const seenBeforeOn = (to: number | 'pages') => {
      const message = changed.find((entry) => entry.to === to)?.message;
      return message?.type === 'state/changed' ? [message.states[0]?.seenBefore, message.states[0]?.starredAt !== undefined] : null;
    };
    expect(seenBeforeOn(1)).toEqual([false, true]);
    expect(seenBeforeOn(2)).toEqual([true, true]);
  });

  it('tells every tab the states a check outside any request changed (a late history duplicate)', async () => {
    const { store } = freshStore();
    const { worker: w, sent } = worker(store, [1, 2]);
    const A = paper('2403.00001', 'Shared Paper', '', []);
    await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: [A] }, { tab: { id: 1 } });
    store.onLateChange?.([A.id]);
    const changed = await vi.waitFor(() => {
      const broadcasts = sent.filter((entry) => entry.message.type === 'state/changed');
      expect(broadcasts.map((entry) => entry.to).sort()).toEqual([1, 2, 'pages']);
      return broadcasts;
    });
    const message = changed[0]?.message;
    expect(message?.type === 'state/changed' ? message.states.map((state) => state.id) : null).toEqual([A.id]);
  });

  it('stores settings, normalised, and broadcasts them', async () => {
    const { store } = freshStore();
    const { worker: w, sent } = worker(store);
    expect(await w.handle({ type: 'settings/set', patch: { relatedCount: 9, marks: { dimRead: false } } })).toMatchObject({ ok: true, settings: { relatedCount: 5, marks: { dimRead: false, duplicates: true } } });
    await vi.waitFor(() => expect(sent.some((entry) => entry.message.type === 'settings/changed')).toBe(true));
    const reopened = new Store({ db: new PaperLensDb({ name: store.db.name, ...fakeIdb() }) });
    expect(await worker(reopened).worker.handle({ type: 'settings/get' })).toMatchObject({ settings: { relatedCount: 5, marks: { dimRead: false } } });
  });

  it('clears papers and sightings but keeps settings, and says so to every context', async () => {
    const { store } = freshStore();
    const { worker: w, sent } = worker(store);
    await w.handle({ type: 'settings/set', patch: { relatedCount: 2 } });
    await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: [paper('2403.00001', 'One', '', []), paper('2403.00002', 'Two', '', [])] });
    expect(await w.handle({ type: 'data/clear' })).toEqual({ ok: true, cleared: { papers: 2, sightings: 2 } });
    await vi.waitFor(() => expect(sent.some((entry) => entry.message.type === 'data/cleared')).toBe(true));
    expect(await store.db.paperIndex.count()).toBe(0);
    expect((await store.settings()).relatedCount).toBe(2);
  });

  it('answers a full disk with code quota in plain words, and broadcasts store/error', async () => {
    const { store } = freshStore();
    store.db.use({
      stack: 'dbcore',
      name: 'quota-test',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, mutate: async () => { const error = new Error('quota'); error.name = 'QuotaExceededError'; throw error; } };
        },
      }),
    });
    const { worker: w, sent } = worker(store);
    // The listing is answered from its read pass; its write fails, and asking with the receipt says why.
    const listed = await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: [paper('2403.00001', 'One', '', [])] });
    expect(listed).toMatchObject({ ok: true, receipt: expect.any(String) });
    const receipt = (listed as { receipt: string }).receipt;
    const answer = await w.handle({ type: 'listing/settled', receipt });
    expect(answer).toMatchObject({ ok: false, error: { code: 'quota', message: expect.stringContaining('storage is full') } });
    await vi.waitFor(() => expect(sent.filter((entry) => entry.message.type === 'store/error').length).toBeGreaterThan(0));
  });

  it('answers blocked while an old connection holds the database, and opens once it is gone', async () => {
    const name = `blocked-${Math.random().toString(36).slice(2)}`;
    const { indexedDB } = fakeIdb();
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name, 10);
      open.onupgradeneeded = () => open.result.createObjectStore('legacy');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const v2: SchemaVersion = { version: 2, stores: { extra: 'key' } };
    const store = new Store({ db: new PaperLensDb({ name, versions: [...SCHEMA_VERSIONS, v2], ...fakeIdb() }) });
    const { worker: w } = worker(store);
    // Dexie warns on the console about the blocked upgrade: here it is expected, so it is checked, not printed.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const answer = await w.handle({ type: 'settings/get' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'blocked' } });
      old.close();
      await vi.waitFor(() => expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/blocked by other connection/)]));
    } finally {
      warn.mockRestore();
    }
    expect(await w.handle({ type: 'settings/get' })).toMatchObject({ ok: true });
  });

  it('answers open-failed when IndexedDB cannot open, and recovers on a later request', async () => {
    const real = fakeIdb();
    let fail = true;
    const flaky = { open: (...args: Parameters<IDBFactory['open']>) => { if (fail) throw new Error('disk unavailable'); return real.indexedDB.open(...args); }, deleteDatabase: real.indexedDB.deleteDatabase.bind(real.indexedDB), cmp: real.indexedDB.cmp.bind(real.indexedDB), databases: real.indexedDB.databases.bind(real.indexedDB) } as unknown as IDBFactory;
    const store = new Store({ db: new PaperLensDb({ name: `flaky-${Math.random()}`, indexedDB: flaky, IDBKeyRange: real.IDBKeyRange }) });
    const { worker: w } = worker(store);
    expect(await w.handle({ type: 'stats/get' })).toMatchObject({ ok: false, error: { code: 'open-failed' } });
    // The page's analysis needs no database: the marks of the page still come from the background.
    const papers = generateSyntheticSet({ seed: 4, count: 40, plant: true }).papers;
    const options = { relatedThreshold: 0.15, maxRelated: 3 };
    expect(await w.handle({ type: 'page/analyse', papers, options })).toEqual({ ok: true, analysis: analysePage(papers, options) });
    fail = false;
    expect(await w.handle({ type: 'stats/get' })).toMatchObject({ ok: true });
  });

  it('starts the analysis a listing asks for on arrival and answers it to page/analyse by ref, even before the database is open', async () => {
    const { store } = freshStore();
    const { worker: w } = worker(store);
    const papers = generateSyntheticSet({ seed: 5, count: 30, plant: true }).papers;
    const options = { relatedThreshold: 0.15, maxRelated: 3 };
    // Both requests at once, as a page sends them: the database opens while page/analyse (which needs none) is answered.
    const listed = w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers, analyse: { options, ref: 'tab-1:1' } }, { tab: { id: 1 } });
    const analysed = w.handle({ type: 'page/analyse', ref: 'tab-1:1' });
    expect(await analysed).toEqual({ ok: true, analysis: analysePage(papers, options) });
    const answer = await listed;
    expect(answer.ok && 'analysis' in answer).toBe(false);
    expect(new Set(answer.ok && 'states' in answer ? answer.states.map((state) => state.id) : [])).toEqual(new Set(papers.map((p) => p.id)));
    // A ref is answered once; one never started (a worker restarted in between) is answered without an analysis.
    expect(await w.handle({ type: 'page/analyse', ref: 'tab-1:1' })).toEqual({ ok: true });
    expect(await w.handle({ type: 'page/analyse', ref: 'tab-1:2' })).toEqual({ ok: true });
  });

  it('answers a ref whose listing arrives just after it, and the failure of a listing analysis with bad settings', async () => {
    const { store } = freshStore();
    const { worker: w } = worker(store);
    const papers = generateSyntheticSet({ seed: 6, count: 12 }).papers;
    const options = { relatedThreshold: 0.15, maxRelated: 3 };
    const early = w.handle({ type: 'page/analyse', ref: 'late:1' });
    await w.handle({ type: 'page/listed', page: dayPage('2024-03-12'), papers, analyse: { options, ref: 'late:1' } }, { tab: { id: 2 } });
    expect(await early).toEqual({ ok: true, analysis: analysePage(papers, options) });
    await w.handle({ type: 'page/listed', page: dayPage('2024-03-13'), papers, analyse: { options: {} as typeof options, ref: 'bad:1' } }, { tab: { id: 2 } });
    expect(await w.handle({ type: 'page/analyse', ref: 'bad:1' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/settings/) } });
  });

  it('refuses an analysis request without papers or settings, in plain words', async () => {
    const { store } = freshStore();
    const { worker: w } = worker(store);
    expect(await w.handle({ type: 'page/analyse', papers: 'x', options: { relatedThreshold: 0.2, maxRelated: 3 } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await w.handle({ type: 'page/analyse', papers: [], options: {} })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/settings/) } });
  });

  it('backs up by pages in key order and merges a backup back without duplicating anything', async () => {
    const source = freshStore();
    const { worker: w } = worker(source.store);
    const papers = Array.from({ length: 25 }, (_, i) => paper(`2403.${String(10000 + i)}`, `Paper number ${i}`, `Abstract ${i} about things.`, ['A B']));
    await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers });
    await w.handle({ type: 'paper/set-starred', id: papers[3]!.id, starred: true });
    const read = async (table: 'papers' | 'sightings') => {
      const rows: unknown[] = [];
      for (let offset = 0; ; offset += 10) {
        const page = (await w.handle({ type: 'backup/read', table, offset, limit: 10 })) as { ok: true; papers?: unknown[]; sightings?: unknown[]; total: number };
        const chunk = page.papers ?? page.sightings ?? [];
        rows.push(...chunk);
        if (chunk.length < 10) { expect(page.total).toBe(rows.length); break; }
      }
      return rows;
    };
    const backupPapers = await read('papers');
    const backupSightings = await read('sightings');
    expect(backupPapers).toHaveLength(25);
    expect((backupPapers as Array<{ id: string }>).map((p) => p.id)).toEqual(papers.map((p) => p.id).sort());
    expect(backupPapers[0]).not.toHaveProperty('listings');

    const target = freshStore();
    const { worker: t } = worker(target.store);
    const merged = await t.handle({ type: 'backup/merge', papers: backupPapers, sightings: backupSightings });
    expect(merged).toEqual({ ok: true, added: 25, updated: 0, unchanged: 0, sightingsAdded: 25, skipped: 0 });
    const again = await t.handle({ type: 'backup/merge', papers: backupPapers, sightings: backupSightings });
    expect(again).toEqual({ ok: true, added: 0, updated: 0, unchanged: 25, sightingsAdded: 0, skipped: 0 });
    await target.store.indexer.settled();
    expect(await target.store.db.paperIndex.count()).toBe(25);
    expect(await t.handle({ type: 'history/list', view: 'history', query: 'number', offset: 0, limit: 5 })).toMatchObject({ ok: true, total: 25 });
    const state = await t.handle({ type: 'states/get', ids: [papers[3]!.id] });
    expect(state).toMatchObject({ ok: true, states: [{ starredAt: expect.any(Number), earlierListings: [] }] });
    target.advance(60_000);
    const listedLater = await t.handle({ type: 'page/listed', page: dayPage('2024-03-12'), papers: [papers[3]!] });
    expect(listedLater).toMatchObject({ ok: true, states: [{ seenBefore: true, earlierListings: [{ pageKey: 'day:2024-03-11' }] }] });
    expect(await t.handle({ type: 'backup/merge', papers: [{ nope: 1 }], sightings: [] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('refuses to keep an opened link that is not an arXiv paper, and stores nothing for it', async () => {
    const { store } = freshStore();
    const { worker: w } = worker(store);
    for (const id of ['https://example.com/some/page', 'not a paper', 'openreview:abc123']) {
      expect(await w.handle({ type: 'paper/opened', id, paper: paper(id, 'Some page', '', []) })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(await store.db.papers.count()).toBe(0);
    // The forms the site and arXiv write an id in are one paper.
    expect(await w.handle({ type: 'paper/opened', id: 'https://arxiv.org/abs/2403.00007v2', paper: paper('2403.00007', 'Seven', '', []) })).toMatchObject({ ok: true, state: { id: '2403.00007', readAt: expect.any(Number) } });
    expect((await store.db.papers.toArray()).map((stored) => stored.id)).toEqual(['2403.00007']);
  });

  it('answers malformed payloads with the same plain words, before touching the store', async () => {
    const { store } = freshStore();
    const { worker: w } = worker(store);
    const refused = (message: string | RegExp) => ({ ok: false, error: { code: 'invalid', message: typeof message === 'string' ? message : expect.stringMatching(message) } });
    expect(await w.handle({ type: 'page/listed', papers: [] })).toMatchObject(refused('The listing has no page key.'));
    expect(await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: 'x' })).toMatchObject(refused('The request is missing its list of papers.'));
    expect(await w.handle({ type: 'papers/seen', page: dayPage('2024-03-11') })).toMatchObject(refused('The request is missing its list of paper ids.'));
    expect(await w.handle({ type: 'papers/reader-related', ids: [] })).toMatchObject(refused('The request is missing its ref.'));
    expect(await w.handle({ type: 'listing/settled' })).toMatchObject(refused('The request is missing its receipt.'));
    expect(await w.handle({ type: 'states/get', ids: null })).toMatchObject(refused('The request is missing its list of paper ids.'));
    expect(await w.handle({ type: 'papers/for-you', ids: {} })).toMatchObject(refused('The request is missing its list of paper ids.'));
    expect(await w.handle({ type: 'paper/set-starred', id: '  ', starred: true })).toMatchObject(refused('This paper has no id Paper Lens can use.'));
    expect(await w.handle({ type: 'paper/set-annotations', tags: ['x'] })).toMatchObject(refused('This paper has no id Paper Lens can use.'));
    expect(await w.handle({ type: 'backup/read', table: 'kv', offset: 0, limit: 1 })).toMatchObject(refused('There is no table called kv to back up.'));
    expect(await w.handle({ type: 'backup/merge', papers: [], sightings: 'x' })).toMatchObject(refused('The request is missing its list of listings.'));
    expect(await w.handle({ type: 'backup/merge', papers: [{ id: '2403.00001', title: 'T' }, { id: '' }], sightings: [] })).toMatchObject(refused('Paper 2 of this backup chunk has no id or title.'));
    expect(await w.handle({ type: 'backup/merge', papers: [], sightings: [{ paperId: '2403.00001' }] })).toMatchObject(refused('Listing 1 of this backup chunk is incomplete.'));
    // A listing entry that is no object is an empty paper, not a crash.
    expect(await w.handle({ type: 'page/listed', page: dayPage('2024-03-11'), papers: [null, paper('2403.00002', 'Two', '', [])] })).toMatchObject({ ok: true, states: [{ id: '' }, { id: '2403.00002' }] });
    expect(await store.db.papers.count()).toBe(1);
  });
});
