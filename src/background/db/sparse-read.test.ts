import { describe, expect, it } from 'vitest';
import { getAmong } from './sparse-read';
import { freshStore, paper } from '../test-support';
import { newStoredPaper } from './derive';

describe('getAmong', () => {
  it('answers what bulkGet answers, in the order asked, whether the id range is sparse or dense', async () => {
    const { store } = freshStore();
    const stored = ['2401.00003', '2401.00007', '2401.00010', '2402.00001'].map((id) => newStoredPaper(paper(id, `Title ${id}`), 1));
    await store.db.papers.bulkPut(stored);
    const sparse = ['2401.00010', '2401.00001', '2401.00007', '2401.00002', '2401.00003', '2401.00004', '2401.00005'];
    expect(await getAmong(store.db.papers, sparse, (row) => row.id)).toEqual(await store.db.papers.bulkGet(sparse));
    // Two ids spanning all four stored papers: more keys in range than the factor allows, read one by one.
    const dense = ['2402.00001', '2401.00001'];
    expect(await getAmong(store.db.papers, dense, (row) => row.id)).toEqual(await store.db.papers.bulkGet(dense));
    expect(await getAmong(store.db.papers, [], (row) => row.id)).toEqual([]);
  });
});
