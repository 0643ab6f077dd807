/**
 * Replays the captured dated listing pages (../shared/data/seed-pages.json, Mar 11, Mar 14, Mar 17) in date
 * order: a paper is seen before exactly when an earlier page listed it. Ids come from the normalised title.
 */
import { describe, expect, it } from 'vitest';
import { loadSeedPages } from '../../../e2e/fixtures/shared-data';
import { recordListing } from './record-listing';
import { DAY, dayPage, freshStore } from '../test-support';
import { idFromTitle } from '../../../e2e/store-helpers';

const pages = loadSeedPages();

describe('replaying the captured dated pages', () => {
  it.skipIf(!pages)('marks as seen before exactly the papers an earlier page listed (needs ../shared)', async () => {
    const { store, advance } = freshStore(Date.parse('2024-03-11T08:00:00Z'));
    const listedBefore = new Set<string>();
    let repeats = 0;
    for (const [label, date] of [['Mar 11', '2024-03-11'], ['Mar 14', '2024-03-14'], ['Mar 17', '2024-03-17']] as const) {
      const page = pages!.find((candidate) => candidate.dateLabel === label);
      expect(page, label).toBeDefined();
      const papers = page!.papers.map((p) => ({ id: idFromTitle(p.title), title: p.title, abstract: p.abstract, authors: [] }));
      const states = await recordListing(store, dayPage(date), papers);
      const expected = papers.map((p) => listedBefore.has(p.id));
      expect(states.map((s) => s.seenBefore), label).toEqual(expected);
      repeats += expected.filter(Boolean).length;
      for (const p of papers) listedBefore.add(p.id);
      advance(3 * DAY);
    }
    expect(repeats).toBeGreaterThan(0);
  });
});
