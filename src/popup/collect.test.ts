import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../core/records';
import { COLLECT_PAGE_SIZE, collectPapers } from './collect';
import type { FetchHistoryPage } from './history-pager';

function rows(count: number): HistoryRow[] {
  return Array.from({ length: count }, (_, i) => ({
    day: '2024-03-11',
    paper: {
      id: `p${i}`, title: `Paper ${i}`, abstract: '', authors: [], firstListedAt: 1, lastListedAt: 1, listedCount: 1, seenCount: 0,
      pageKinds: [], updatedAt: 1, ...(i % 3 === 0 ? { starredAt: 5 } : {}),
    },
  }));
}

describe('collectPapers', () => {
  it('pages through the whole view and reports progress', async () => {
    const all = rows(COLLECT_PAGE_SIZE * 2 + 17);
    const offsets: number[] = [];
    const fetch: FetchHistoryPage = async ({ offset, limit }) => {
      offsets.push(offset);
      return { rows: all.slice(offset, offset + limit), total: all.length };
    };
    const progress: number[] = [];
    const papers = await collectPapers(fetch, { view: 'history', query: '' }, (done) => progress.push(done));
    expect(papers.map((paper) => paper.id)).toEqual(all.map((row) => row.paper.id));
    expect(offsets).toEqual([0, COLLECT_PAGE_SIZE, COLLECT_PAGE_SIZE * 2]);
    expect(progress.at(-1)).toBe(all.length);
  });

  it('passes the view and query through and stops on a short page', async () => {
    const seen: string[] = [];
    const fetch: FetchHistoryPage = async ({ view, query, offset }) => {
      seen.push(`${view}:${query}:${offset}`);
      return { rows: rows(3), total: 999 };
    };
    const papers = await collectPapers(fetch, { view: 'starred', query: 'diffusion' });
    expect(papers).toHaveLength(3);
    expect(seen).toEqual(['starred:diffusion:0']);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch: FetchHistoryPage = async () => ({ rows: rows(1), total: 1 });
    await expect(collectPapers(fetch, { view: 'history', query: '' }, undefined, controller.signal)).rejects.toThrow();
  });
});
