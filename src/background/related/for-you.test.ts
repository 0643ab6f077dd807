import { describe, expect, it, vi } from 'vitest';
import { recordListing } from '../listing/record-listing';
import { setMark } from '../papers/reader-marks';
import { forYouPicks } from './for-you';
import { dayPage, freshStore } from '../test-support';
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';

describe('papers/for-you', () => {
  it('ranks the listed papers the store holds, named by id, with indexes into the ids asked with', async () => {
    const { store } = freshStore();
    const { papers } = generateSyntheticSet({ seed: 5, count: 48 });
    const first = papers.slice(0, 24);
    const second = papers.slice(24);
    await recordListing(store, dayPage('2024-03-11'), first);
    const topic = first[0]!.topic;
    for (const paper of first.filter((each) => each.topic === topic).slice(0, 2)) await setMark(store, paper.id, 'starred', true);
    await recordListing(store, dayPage('2024-03-12'), second);

    // An id the store never saw sits among them: left out, and the indexes still point into the ids asked with.
    const ids = ['2499.99999', ...second.map((paper) => paper.id)];
    const picks = await forYouPicks(store, ids);
    expect(picks.length).toBeGreaterThan(0);
    for (const pick of picks) {
      expect(pick.index).toBeGreaterThan(0);
      expect(second[pick.index - 1]?.topic).toBe(topic);
    }
  });

  it('reads nothing for a reader with nothing starred or read', async () => {
    const { store } = freshStore();
    const { papers } = generateSyntheticSet({ seed: 6, count: 10 });
    await recordListing(store, dayPage('2024-03-11'), papers);
    const bulkGet = vi.spyOn(store.db.papers, 'bulkGet');
    expect(await forYouPicks(store, papers.map((paper) => paper.id))).toEqual([]);
    expect(bulkGet).not.toHaveBeenCalled();
  });
});
