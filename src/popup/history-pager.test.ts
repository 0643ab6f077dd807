import { describe, expect, it } from 'vitest';
import type { HistoryRow, PaperRecord, PaperState } from '../core/records';
import { encodeStamp } from '../core/hlc';
import { FIRST_PAGE_SIZE, HistoryPager, PAGE_SIZE, type FetchHistoryPage, type PagerSnapshot } from './history-pager';

function row(index: number): HistoryRow {
  const paper: PaperRecord = {
    id: `2403.${String(10000 + index)}`, title: `Paper ${index}`, abstract: '', authors: [],
    firstListedAt: 1, lastListedAt: 1, listedCount: 1, seenCount: 0, pageKinds: ['day'], updatedAt: 1,
  };
  return { paper, day: '2024-03-11' };
}

function fakeStore(count: number): { fetch: FetchHistoryPage; calls: Array<{ query: string; offset: number; limit: number }> } {
  const rows = Array.from({ length: count }, (_, i) => row(i));
  const calls: Array<{ query: string; offset: number; limit: number }> = [];
  const fetch: FetchHistoryPage = async ({ query, offset, limit }) => {
    calls.push({ query, offset, limit });
    const matching = query ? rows.filter((r) => r.paper.title.includes(query)) : rows;
    return { rows: matching.slice(offset, offset + limit), total: matching.length };
  };
  return { fetch, calls };
}

const allRows = (snapshot: PagerSnapshot): HistoryRow[] => snapshot.pages.flat();

describe('HistoryPager', () => {
  it('loads a small first page, then full pages on demand, and stops at the end', async () => {
    const store = fakeStore(100);
    const pager = new HistoryPager(store.fetch, () => {});
    await pager.open({ view: 'history', query: '' });
    expect(allRows(pager.current)).toHaveLength(FIRST_PAGE_SIZE);
    expect(pager.current.total).toBe(100);
    await pager.loadMore();
    expect(allRows(pager.current)).toHaveLength(FIRST_PAGE_SIZE + PAGE_SIZE);
    await pager.loadMore();
    expect(allRows(pager.current)).toHaveLength(100);
    expect(pager.hasMore).toBe(false);
    await pager.loadMore();
    expect(store.calls).toHaveLength(3);
    expect(store.calls.map((call) => call.offset)).toEqual([0, FIRST_PAGE_SIZE, FIRST_PAGE_SIZE + PAGE_SIZE]);
  });

  it('does not fetch the same page twice while one is in flight', async () => {
    const store = fakeStore(500);
    const pager = new HistoryPager(store.fetch, () => {});
    await pager.open({ view: 'history', query: '' });
    await Promise.all([pager.loadMore(), pager.loadMore(), pager.loadMore()]);
    expect(store.calls).toHaveLength(2);
  });

  it('drops answers to a query the reader has already typed past', async () => {
    const resolvers: Array<() => void> = [];
    const store = fakeStore(100);
    const slow: FetchHistoryPage = (request) =>
      new Promise((resolve) => resolvers.push(() => void store.fetch(request).then(resolve)));
    const pager = new HistoryPager(slow, () => {});
    const first = pager.open({ view: 'history', query: 'Paper 1' });
    const second = pager.open({ view: 'history', query: 'Paper 22' });
    resolvers[1]?.();
    await second;
    resolvers[0]?.();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pager.current.query.query).toBe('Paper 22');
    expect(allRows(pager.current).map((r) => r.paper.title)).toEqual(['Paper 22']);
  });

  it('never shows a row twice when the list shifts between pages', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i));
    let shift = 0;
    const pager = new HistoryPager(async ({ offset, limit }) => {
      const answer = { rows: rows.slice(offset - shift, offset - shift + limit), total: rows.length };
      shift = 5; // five rows repeat on the next page
      return answer;
    }, () => {});
    await pager.open({ view: 'history', query: '' });
    await pager.loadMore();
    const ids = allRows(pager.current).map((r) => r.paper.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports a store error in the reader\'s words and keeps what was loaded', async () => {
    let fail = false;
    const store = fakeStore(100);
    const pager = new HistoryPager(async (request) => {
      if (fail) throw new Error('The store is full.');
      return store.fetch(request);
    }, () => {});
    await pager.open({ view: 'history', query: '' });
    fail = true;
    await pager.loadMore();
    expect(pager.current.status).toBe('error');
    expect(pager.current.error).toBe('The store is full.');
    expect(allRows(pager.current)).toHaveLength(FIRST_PAGE_SIZE);
  });

  it('folds new states into the loaded rows, replacing only the page that changed', async () => {
    const store = fakeStore(100);
    const pager = new HistoryPager(store.fetch, () => {});
    await pager.open({ view: 'history', query: '' });
    await pager.loadMore();
    const before = pager.current.pages;
    const target = before[1]?.[3];
    expect(target).toBeDefined();
    const state: PaperState = { id: target!.paper.id, seenBefore: true, seenCount: 1, earlierListings: [], readerRelated: [], starredAt: 42 };
    pager.applyStates([state]);
    const after = pager.current.pages;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.[3]?.paper.starredAt).toBe(42);
    expect(after[1]?.[2]).toBe(before[1]?.[2]);
  });

  it('an answer that crossed a newer one in flight does not undo it; an optimistic toggle shows at once', async () => {
    const store = fakeStore(20);
    const pager = new HistoryPager(store.fetch, () => {});
    await pager.open({ view: 'history', query: '' });
    const id = allRows(pager.current)[0]!.paper.id;
    const row = (): PaperRecord => allRows(pager.current).find((candidate) => candidate.paper.id === id)!.paper;
    const base: PaperState = { id, seenBefore: true, seenCount: 1, earlierListings: [], readerRelated: [] };
    const starred: PaperState = { ...base, starredAt: 42, starStamp: encodeStamp({ wall: 1_000, counter: 0, device: 'a' }) };
    const unstarred: PaperState = { ...base, starStamp: encodeStamp({ wall: 2_000, counter: 0, device: 'a' }) };
    pager.patchPaper(id, { starredAt: 41 });
    expect(row().starredAt).toBe(41);
    pager.patchPaper(id, { starredAt: undefined });
    expect(row().starredAt).toBeUndefined();
    // The un-star's answer comes first, the star's broadcast after it.
    pager.applyStates([unstarred]);
    pager.applyStates([starred]);
    expect(row().starredAt).toBeUndefined();
    expect(row().starStamp).toBe(unstarred.starStamp);
  });

  it('opens a prefetched first page without asking the store again', async () => {
    const store = fakeStore(100);
    const pager = new HistoryPager(store.fetch, () => {});
    pager.prefetch({ view: 'history', query: ' ' });
    expect(store.calls).toEqual([{ query: '', offset: 0, limit: FIRST_PAGE_SIZE }]);
    await pager.open({ view: 'history', query: '' });
    expect(store.calls).toHaveLength(1);
    expect(allRows(pager.current)).toHaveLength(FIRST_PAGE_SIZE);
    expect(pager.current.total).toBe(100);
    // Taken once: opening it again reads the store again.
    await pager.open({ view: 'history', query: '' });
    expect(store.calls).toHaveLength(2);
  });

  it('opens a first page the boot script already asked for, without asking again', async () => {
    const store = fakeStore(100);
    const pager = new HistoryPager(store.fetch, () => {});
    pager.prefetch({ view: 'history', query: '' }, Promise.resolve({ rows: [], total: 0 }));
    await pager.open({ view: 'history', query: '' });
    expect(store.calls).toHaveLength(0);
    expect(pager.current.total).toBe(0);
  });

  it('drops a prefetched page when another query opens first, or the store changed', async () => {
    const store = fakeStore(100);
    const pager = new HistoryPager(store.fetch, () => {});
    pager.prefetch({ view: 'history', query: '' });
    await pager.open({ view: 'starred', query: '' });
    await pager.open({ view: 'history', query: '' });
    expect(store.calls).toHaveLength(3);

    pager.prefetch({ view: 'history', query: '' });
    await pager.reload();
    expect(store.calls).toHaveLength(5);
  });

  it('shows a prefetched page that failed as the error of the query opened', async () => {
    let calls = 0;
    const pager = new HistoryPager(async () => {
      calls++;
      throw new Error('The store is not answering');
    }, () => {});
    pager.prefetch({ view: 'read', query: '' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await pager.open({ view: 'read', query: '' });
    expect(calls).toBe(1);
    expect(pager.current.status).toBe('error');
    expect(pager.current.error).toBe('The store is not answering');
  });
});
