import { describe, expect, it, vi } from 'vitest';
import type { PaperRecord } from '../../core/records';
import type { Paper } from '../../core/types';
import { mergeBackup } from '../backup/backup';
import { listHistory } from '../papers/history';
import { recordListing } from '../listing/record-listing';
import { indexRowOf, newStoredPaper } from './derive';
import type { StoredPaper } from './db';
import { DAY, dayPage, fakeIdb, freshStore } from '../test-support';
import { PaperLensDb } from './db';
import { Store } from '../store';
import { RECHECK_KEY } from '../duplicates/recheck';
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';

const { papers, pairs } = generateSyntheticSet({ seed: 23, count: 160, plant: true });
const byId = new Map(papers.map((p) => [p.id, p]));
const revised = pairs.find((pair) => pair.label === 'revised' && pair.a !== pair.b)!;

function recordOf(paper: Paper, at: number): PaperRecord {
  return { ...paper, firstListedAt: at, lastListedAt: at, listedCount: 1, seenCount: 0, pageKinds: ['day'], updatedAt: at };
}

describe('papers an import added, before their index rows are written', () => {
  it('are found as history duplicates by a listing that comes before the import pauses', async () => {
    const { store, clock, advance } = freshStore();
    // A listing first, so the candidate index is loaded (and later rows reach it from the indexer, not a replay).
    await recordListing(store, dayPage('2024-03-01'), papers.slice(100, 110));
    const known = byId.get(revised.a)!;
    const imported = papers.filter((p) => p.id !== revised.b).slice(0, 60).map((p) => recordOf(p, clock.now - DAY));
    expect(imported.some((record) => record.id === known.id)).toBe(true);
    await mergeBackup(store, imported, []);
    // The import is still "sending": its papers' rows wait for a pause, unless a listing needs their keys.
    expect(await store.db.paperIndex.get(known.id)).toBeUndefined();
    advance(DAY);
    const [state] = await recordListing(store, dayPage('2024-03-12'), [byId.get(revised.b)!]);
    expect(state?.historyDuplicate).toMatchObject({ knownId: known.id, rule: 'near-abstract' });
    expect(await store.db.paperIndex.get(known.id)).toBeDefined();
  });

  it('are not waited for when more rows are left than a listing waits for: the states come first', async () => {
    const { store, clock } = freshStore();
    const known = byId.get(revised.a)!;
    await mergeBackup(store, papers.slice(0, 60).map((p) => recordOf(p, clock.now - DAY)), []);
    await store.indexer.keysReady(10);
    // Went on at once: the import's rows still wait for its pause.
    expect(await store.db.paperIndex.get(known.id)).toBeUndefined();
    await store.indexer.keysReady(60);
    expect(await store.db.paperIndex.get(known.id)).toBeDefined();
  });

  it('are found by a worker whose candidate index is loaded only by that listing', async () => {
    const { store, clock, advance } = freshStore();
    const known = byId.get(revised.a)!;
    await mergeBackup(store, [recordOf(known, clock.now - DAY)], []);
    advance(DAY);
    const [state] = await recordListing(store, dayPage('2024-03-12'), [byId.get(revised.b)!]);
    expect(state?.historyDuplicate?.knownId).toBe(known.id);
  });

  it('are found by a history search right after the import', async () => {
    const { store, clock } = freshStore();
    const target = papers[7]!;
    await mergeBackup(store, papers.slice(0, 40).map((p) => recordOf(p, clock.now - DAY)), []);
    expect(await store.db.paperIndex.get(target.id)).toBeUndefined();
    const word = target.title.split(/\s+/).find((w) => w.length > 6)!.toLowerCase();
    const { rows } = await listHistory(store, 'history', word, 0, 50);
    expect(rows.map((row) => row.paper.id)).toContain(target.id);
  });

  it('get exactly one index row each when chunks keep arriving while they are indexed', async () => {
    const { store, clock } = freshStore();
    await recordListing(store, dayPage('2024-03-01'), papers.slice(150, 152));
    const records = papers.slice(0, 150).map((p) => recordOf(p, clock.now - DAY));
    for (let from = 0; from < records.length; from += 30) await mergeBackup(store, records.slice(from, from + 30), []);
    // The same chunks again (an import sent twice): nothing new to index, nothing lost.
    for (let from = 0; from < records.length; from += 50) await mergeBackup(store, records.slice(from, from + 50), []);
    await store.indexer.settled();
    const rows = await store.db.paperIndex.toArray();
    // Ids, not rows: the synthetic set repeats some ids (its planted same-id pairs).
    expect(rows.map((row) => row.id).sort()).toEqual([...new Set([...records.map((r) => r.id), papers[150]!.id, papers[151]!.id])].sort());
    const candidates = await store.candidates.get();
    expect(candidates.size).toBe(rows.length);
  });
});

describe('a listing answered while more index rows were left than it waits for', () => {
  /** The store with an import of 60 papers (the known paper among them) whose rows are not written yet. */
  async function listedBeforeTheRows(): Promise<{ store: Store; name: string; known: Paper; copy: Paper; clock: { now: number } }> {
    const name = `recheck-${Math.random().toString(36).slice(2)}`;
    const { store, clock, advance } = freshStore(undefined, name);
    store.indexer.waitLimit = 10;
    await recordListing(store, dayPage('2024-03-01'), papers.slice(100, 110));
    const known = byId.get(revised.a)!;
    const copy = byId.get(revised.b)!;
    await mergeBackup(store, papers.filter((p) => p.id !== copy.id).slice(0, 60).map((p) => recordOf(p, clock.now - DAY)), []);
    advance(DAY);
    const [state] = await recordListing(store, dayPage('2024-03-12'), [copy]);
    // 60 rows left, more than the 10 it waits for: the states came without the known paper's keys.
    expect(state?.historyDuplicate).toBeUndefined();
    return { store, name, known, copy, clock };
  }

  it('has its papers checked again once the rows are written, and the tabs are told', async () => {
    const { store, known, copy } = await listedBeforeTheRows();
    const told: string[][] = [];
    store.onLateChange = (ids) => told.push(ids);
    await store.indexer.indexedAll();
    await store.duplicateRecheck.settled();
    expect((await store.db.papers.get(copy.id))?.dupOf).toEqual({ id: known.id, rule: 'near-abstract' });
    expect(told).toEqual([[copy.id]]);
    const [state] = await store.statesOf([copy.id]);
    expect(state?.historyDuplicate).toMatchObject({ knownId: known.id, rule: 'near-abstract' });
    expect(await store.db.kv.get(RECHECK_KEY)).toBeUndefined();
  });

  it('has them checked by the next worker when this one stops before the rows are written', async () => {
    const { store, name, known, copy, clock } = await listedBeforeTheRows();
    await vi.waitFor(async () => expect((await store.db.kv.get(RECHECK_KEY))?.value).toEqual([copy.id]));
    // The worker stops: its queue of rows to write is gone; the next one catches up from the tables.
    store.db.close();
    const next = new Store({ db: new PaperLensDb({ name, ...fakeIdb() }), now: () => clock.now });
    await next.open();
    const told: string[][] = [];
    next.onLateChange = (ids) => told.push(ids);
    await Promise.all([next.indexer.catchUp(), next.duplicateRecheck.resume()]);
    await next.duplicateRecheck.settled();
    expect((await next.db.papers.get(copy.id))?.dupOf?.id).toBe(known.id);
    expect(told).toEqual([[copy.id]]);
    expect(await next.db.kv.get(RECHECK_KEY)).toBeUndefined();
    next.db.close();
  });

  it('is not checked again when it waited for every row', async () => {
    const { store, clock, advance } = freshStore();
    const note = vi.spyOn(store.duplicateRecheck, 'note');
    await mergeBackup(store, papers.slice(0, 20).map((p) => recordOf(p, clock.now - DAY)), []);
    advance(DAY);
    await recordListing(store, dayPage('2024-03-12'), papers.slice(120, 125));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(note).not.toHaveBeenCalled();
    expect(await store.db.kv.get(RECHECK_KEY)).toBeUndefined();
  });
});

describe('index rows a request wrote', () => {
  it('are kept only while their paper still has the title they were made from', async () => {
    const { store, clock } = freshStore();
    const [kept, retitled] = papers.slice(0, 2).map((p) => newStoredPaper(p, clock.now)) as [StoredPaper, StoredPaper];
    await store.db.papers.bulkPut([kept, { ...retitled, title: `${retitled.title}: a later revision` }]);
    await store.indexer.write([indexRowOf(kept, clock.now), indexRowOf(retitled, clock.now)]);
    expect(await store.db.paperIndex.get(kept.id)).toMatchObject({ titleKey: indexRowOf(kept, clock.now).titleKey });
    expect(await store.db.paperIndex.get(retitled.id)).toBeUndefined();
  });
});
