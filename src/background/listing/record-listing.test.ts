import { describe, expect, it, vi } from 'vitest';
import { recordListing, recordSeen, VISIT_WINDOW_MS } from './record-listing';
import { setMark } from '../papers/reader-marks';
import { DAY, dayPage, fakeIdb, freshStore, HOUR, paper } from '../test-support';
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';

const A = paper('2403.00001', 'Sparse Attention for Long Documents', 'We study sparse attention.', ['Ada Lovelace']);
const B = paper('2403.00002', 'Diffusion Models for Tabular Data', 'Tabular diffusion.', ['Alan Turing']);
const C = paper('2403.00003', 'Graph Networks at Scale', 'Scaling graph networks.', ['Grace Hopper']);

describe('page/listed', () => {
  it('stores new papers with one sighting each and answers unseen states', async () => {
    const { store, clock } = freshStore();
    const states = await recordListing(store, dayPage('2024-03-11'), [A, B]);
    expect(states.map((s) => [s.id, s.seenBefore, s.firstListedAt])).toEqual([['2403.00001', false, clock.now], ['2403.00002', false, clock.now]]);
    const record = await store.db.papers.get('2403.00001');
    expect(record).toMatchObject({ title: A.title, abstract: A.abstract, authors: A.authors, listedCount: 1, seenCount: 0, pageKinds: ['day'] });
    expect(await store.db.sightings.count()).toBe(2);
    await store.indexer.settled();
    expect(await store.db.paperIndex.get('2403.00001')).toMatchObject({ titleKey: 'sparse attention for long documents' });
  });

  it('does not multiply sightings when the same visit re-sends the page', async () => {
    const { store, advance } = freshStore();
    const first = await recordListing(store, dayPage('2024-03-11'), [A, B]);
    advance(5 * 60_000);
    const again = await recordListing(store, dayPage('2024-03-11'), [A, B]);
    expect(again).toEqual(first);
    expect(await store.db.sightings.count()).toBe(2);
    expect((await store.db.papers.get(A.id))?.listedCount).toBe(1);
    advance(VISIT_WINDOW_MS);
    await recordListing(store, dayPage('2024-03-11'), [A, B]);
    expect(await store.db.sightings.count()).toBe(4);
    expect((await store.db.papers.get(A.id))?.listedCount).toBe(2);
  });

  it('writes nothing for a page listed again within its visit with nothing new, and writes what a re-listing changes', async () => {
    const { store, advance } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), [A, B]);
    await store.indexer.settled();
    advance(5 * 60_000);
    const transaction = vi.spyOn(store.db, 'transaction');
    const writes = (): number => transaction.mock.calls.filter(([mode]) => mode === 'rw').length;
    await recordListing(store, dayPage('2024-03-11'), [A, B]);
    expect(writes()).toBe(0);
    const before = await store.db.papers.get(A.id);

    await recordListing(store, dayPage('2024-03-11'), [{ ...A, abstract: `${A.abstract} With a second sentence.` }, B]);
    expect(writes()).toBe(1);
    expect((await store.db.papers.get(A.id))?.abstract).toBe(`${A.abstract} With a second sentence.`);
    await recordListing(store, dayPage('2024-03-11'), [A, B, C]);
    expect(writes()).toBeGreaterThan(1);
    expect(await store.db.sightings.count()).toBe(3);
    expect(before?.listedCount).toBe(1);
    transaction.mockRestore();
  });

  it('marks as seen before exactly the papers another page listed before this visit', async () => {
    const { store, advance } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), [A, B]);
    advance(DAY);
    const states = await recordListing(store, dayPage('2024-03-12'), [B, C]);
    expect(states.map((s) => [s.id, s.seenBefore])).toEqual([[B.id, true], [C.id, false]]);
    expect(states[0]?.earlierListings).toEqual([{ pageKind: 'day', pageKey: 'day:2024-03-11', at: Date.parse('2024-03-11T09:00:00Z') }]);
    // Going back to the first page: B was listed elsewhere only after that visit started? No: a new visit now.
    advance(HOUR);
    const back = await recordListing(store, dayPage('2024-03-11'), [A, B]);
    expect(back.map((s) => [s.id, s.seenBefore])).toEqual([[A.id, false], [B.id, true]]);
  });

  it('a paper on screen in an earlier visit of the same page is seen before; in this visit it is not', async () => {
    const { store, advance } = freshStore();
    const page = dayPage('2024-03-11');
    await recordListing(store, page, [A, B]);
    advance(2000);
    const seen = await recordSeen(store, page, [A.id]);
    expect(seen[0]).toMatchObject({ id: A.id, seenBefore: false, seenCount: 1 });
    await recordSeen(store, page, [A.id]);
    expect((await store.db.papers.get(A.id))?.seenCount).toBe(1);
    advance(HOUR);
    const later = await recordListing(store, page, [A, B]);
    expect(later.map((s) => [s.id, s.seenBefore])).toEqual([[A.id, true], [B.id, false]]);
  });

  it('keeps the longest abstract and the latest upvotes, and folds ids', async () => {
    const { store } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), [{ ...A, id: 'https://arxiv.org/abs/2403.00001v2', abstract: 'Short.', upvotes: 3 }]);
    await recordListing(store, dayPage('2024-03-11'), [{ ...A, upvotes: 9 }]);
    expect(await store.db.papers.get(A.id)).toMatchObject({ abstract: A.abstract, upvotes: 9 });
  });

  it('loses nothing when several tabs write at once', async () => {
    const { store } = freshStore();
    await Promise.all([
      recordListing(store, dayPage('2024-03-11'), [A, B]),
      recordListing(store, dayPage('2024-03-12'), [A, C]),
      recordListing(store, { kind: 'trending', key: 'trending', url: 'https://huggingface.co/papers/trending' }, [A]),
    ]);
    expect((await store.db.papers.get(A.id))).toMatchObject({ listedCount: 3 });
    expect((await store.db.papers.get(A.id))?.pageKinds.sort()).toEqual(['day', 'trending']);
    expect(await store.db.sightings.count()).toBe(5);
  });
});

describe('history duplicates and reader-related papers', () => {
  const { papers, pairs } = generateSyntheticSet({ seed: 11, count: 120, plant: true });
  const byId = new Map(papers.map((p) => [p.id, p]));
  const pairOf = (label: string) => {
    const pair = pairs.find((candidate) => candidate.label === label && candidate.a !== candidate.b);
    if (!pair) throw new Error(`no ${label} pair`);
    return { known: byId.get(pair.a)!, listed: byId.get(pair.b)! };
  };

  for (const [label, rule] of [['same-title', 'same-title'], ['revised', 'near-abstract'], ['truncated', 'near-abstract']] as const) {
    it(`finds a ${label} repeat of a known paper under another id`, async () => {
      const { store, advance } = freshStore();
      const { known, listed } = pairOf(label);
      await recordListing(store, dayPage('2024-03-03'), [known]);
      await setMark(store, known.id, 'read', true);
      advance(8 * DAY);
      const [state] = await recordListing(store, dayPage('2024-03-11'), [listed]);
      expect(state?.historyDuplicate).toMatchObject({ knownId: known.id, knownTitle: known.title, rule, knownReadAt: Date.parse('2024-03-11T09:00:00Z') });
      // The answer is remembered, and stays fresh when the known paper changes.
      await setMark(store, known.id, 'starred', true);
      const [again] = await store.statesOf([listed.id]);
      expect(again?.historyDuplicate).toMatchObject({ knownId: known.id, knownStarredAt: expect.any(Number) });
    });
  }

  it('does not call related or unrelated papers duplicates', async () => {
    const { store, advance } = freshStore();
    const related = pairs.filter((pair) => pair.label === 'related' || pair.label === 'hard-negative' || pair.label === 'generic-title');
    expect(related.length).toBeGreaterThan(0);
    await recordListing(store, dayPage('2024-03-03'), related.map((pair) => byId.get(pair.a)!));
    advance(DAY);
    const states = await recordListing(store, dayPage('2024-03-04'), related.map((pair) => byId.get(pair.b)!).filter((p) => !related.some((pair) => pair.a === p.id)));
    expect(states.filter((state) => state.historyDuplicate)).toEqual([]);
  });

  it('finds the known paper again after the worker restarts (candidate snapshot + replay)', async () => {
    const first = freshStore();
    const { known, listed } = pairOf('revised');
    await recordListing(first.store, dayPage('2024-03-03'), papers.filter((p) => p.id !== listed.id).slice(0, 60).concat(known));
    await first.store.indexer.settled();
    await first.store.candidates.flush();
    first.store.db.close();
    const { Store } = await import('../store');
    const { PaperLensDb } = await import('../db/db');
    const reopened = new Store({ db: new PaperLensDb({ name: first.store.db.name, ...fakeIdb() }), now: () => first.clock.now + DAY });
    const [state] = await recordListing(reopened, dayPage('2024-03-04'), [listed]);
    expect(state?.historyDuplicate?.knownId).toBe(known.id);
  });

  it('links a listed paper to close starred or read papers, at most three, with shared terms', async () => {
    const { store, advance } = freshStore();
    const pair = pairs.find((candidate) => candidate.label === 'related')!;
    const reference = byId.get(pair.a)!;
    const listed = byId.get(pair.b)!;
    await recordListing(store, dayPage('2024-03-03'), papers.slice(0, 40).concat(reference));
    await setMark(store, reference.id, 'starred', true);
    advance(DAY);
    const [state] = await recordListing(store, dayPage('2024-03-04'), [listed]);
    expect(state?.readerRelated.length).toBeGreaterThan(0);
    expect(state?.readerRelated.length).toBeLessThanOrEqual(3);
    expect(state?.readerRelated[0]).toMatchObject({ id: reference.id, state: 'starred' });
    expect(state?.readerRelated[0]?.sharedTerms.length).toBeGreaterThan(0);
  });
});

describe('indexer', () => {
  it('writes the index rows a stopped worker left unwritten, from the papers', async () => {
    const { store } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), [A, B, C]);
    await store.indexer.settled();
    await store.db.paperIndex.bulkDelete([A.id, C.id]);
    await store.indexer.catchUp();
    expect((await store.db.paperIndex.toArray()).map((row) => row.id).sort()).toEqual([A.id, B.id, C.id]);
    expect((await store.db.paperIndex.get(C.id))?.words).toContain('graph');
  });
});
