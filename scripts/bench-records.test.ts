import { describe, expect, it } from 'vitest';
import { listingMix, sightingsOf, storedPaper, storedPapers, SIGHTINGS_PER_PAPER } from './bench-records';

describe('bench records', () => {
  it('stored papers have unique ids across months and carry reading state', () => {
    const records = storedPapers(4990, 5010);
    expect(new Set(records.map((record) => record.id)).size).toBe(20);
    expect(records[0]!.id.slice(0, 4)).not.toBe(records[19]!.id.slice(0, 4));
    for (const record of records) {
      expect(record.firstListedAt).toBeLessThanOrEqual(record.lastListedAt);
      expect(record.abstract.length).toBeGreaterThan(100);
      expect(record).not.toHaveProperty('topic');
    }
    expect(storedPaper(5000)).toEqual(records[10]);
  });

  it('gives each paper its sightings with distinct times', () => {
    const sightings = sightingsOf(storedPaper(3));
    expect(sightings).toHaveLength(SIGHTINGS_PER_PAPER);
    expect(new Set(sightings.map((s) => s.at)).size).toBe(SIGHTINGS_PER_PAPER);
    expect(sightings.every((s) => s.paperId === storedPaper(3).id && /^(day|week):/.test(s.pageKey))).toBe(true);
  });

  it('mixes stored, new and near-copied papers into a 250-paper listing', () => {
    const stored = 10_000;
    const storedIds = new Set(storedPapers(0, stored).map((record) => record.id));
    const mix = listingMix(stored, 1);
    expect(mix.papers).toHaveLength(250);
    expect(new Set(mix.papers.map((paper) => paper.id)).size).toBe(250);
    expect(mix.papers.filter((paper) => storedIds.has(paper.id))).toHaveLength(mix.known);
    expect([mix.known, mix.fresh, mix.nearCopies]).toEqual([100, 100, 50]);
    // Each near-copy repeats a stored title (restyled) or most of a stored abstract.
    const storedTitles = new Set(storedPapers(0, stored).map((record) => record.title.toUpperCase()));
    const copies = mix.papers.filter((paper) => paper.id.startsWith('3202.'));
    expect(copies).toHaveLength(50);
    expect(copies.filter((paper) => storedTitles.has(paper.title.slice(0, -1))).length).toBeGreaterThanOrEqual(25);
    // Another run lists other papers.
    expect(listingMix(stored, 2).papers.map((paper) => paper.id)).not.toEqual(mix.papers.map((paper) => paper.id));
  });
});
