/**
 * Store-sized data for the benchmark, generated in Node: stored papers as PaperRecords (from the synthetic
 * generator, 5,000 per month so ids never collide), their sightings, and the 250-paper listings timed against
 * the filled store (known ids, new ids, and near-copies of stored papers under new ids).
 */
import type { Paper } from '../src/core/types';
import type { PaperRecord, Sighting } from '../src/core/records';
import { generateSyntheticSet, makeRng } from '../e2e/fixtures/synthetic';

export const PAPERS_PER_MONTH = 5000;
const DAY_MS = 86_400_000;

/** Month `index` counted from January 2015 as YYYY-MM-01 (ids take YYMM from it). */
export function monthStart(index: number): string {
  return `${2015 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function plainPaper(paper: Paper & { topic?: string }): Paper {
  const { topic: _topic, ...rest } = paper;
  return rest;
}

const monthCache = new Map<number, PaperRecord[]>();

/** The PAPERS_PER_MONTH stored records of one month, as a reader's store might hold them (generated once). */
function monthRecords(month: number): PaperRecord[] {
  const cached = monthCache.get(month);
  if (cached) return cached;
  const { papers } = generateSyntheticSet({ seed: 7000 + month, count: PAPERS_PER_MONTH, startDate: monthStart(month) });
  const rng = makeRng(9000 + month);
  const records = papers.map((paper): PaperRecord => {
    const listed = Date.parse(paper.publishedAt ?? monthStart(month));
    const last = listed + Math.floor(rng() * 20) * DAY_MS;
    const roll = rng();
    const record: PaperRecord = {
      ...plainPaper(paper),
      firstListedAt: listed,
      lastListedAt: last,
      listedCount: SIGHTINGS_PER_PAPER,
      firstSeenAt: listed,
      lastSeenAt: last,
      seenCount: SIGHTINGS_PER_PAPER / 2,
      pageKinds: ['day', 'week'],
      updatedAt: last,
    };
    // About 5% read and 1% starred, so reader-related lookups have something to find.
    if (roll < 0.05) record.readAt = last + 3_600_000;
    if (roll < 0.01) record.starredAt = last + 7_200_000;
    return record;
  });
  monthCache.set(month, records);
  return records;
}

/** Stored records number `from` to `to - 1`. */
export function storedPapers(from: number, to: number): PaperRecord[] {
  const out: PaperRecord[] = [];
  for (let index = from; index < to; index++) out.push(storedPaper(index));
  return out;
}

export function storedPaper(index: number): PaperRecord {
  return monthRecords(Math.floor(index / PAPERS_PER_MONTH))[index % PAPERS_PER_MONTH]!;
}

export const SIGHTINGS_PER_PAPER = 10;

/** SIGHTINGS_PER_PAPER sightings of each record: daily, weekly and monthly listings on the days after it appeared. */
export function sightingsOf(record: PaperRecord): Sighting[] {
  const out: Sighting[] = [];
  for (let i = 0; i < SIGHTINGS_PER_PAPER; i++) {
    const at = record.firstListedAt + i * DAY_MS + i * 1000;
    const day = new Date(at).toISOString().slice(0, 10);
    const kind = i % 5 === 4 ? 'week' : 'day';
    out.push({ paperId: record.id, pageKind: kind, pageKey: kind === 'day' ? `day:${day}` : `week:${day.slice(0, 7)}-w${i}`, at, seen: i % 2 === 0 });
  }
  return out;
}

export interface ListingMix {
  papers: Paper[];
  known: number;
  fresh: number;
  nearCopies: number;
}

/**
 * A 250-paper listing against a store of `storedCount` papers: 100 stored ids, 100 ids never seen, and 50 stored
 * papers under new ids (25 with a restyled title, 25 with one abstract sentence dropped), shuffled.
 */
export function listingMix(storedCount: number, run: number, size = 250): ListingMix {
  const rng = makeRng(31 + run);
  const knownCount = Math.round(size * 0.4);
  const copyCount = Math.round(size * 0.2);
  const freshCount = size - knownCount - copyCount;
  // Spread picks over the whole store; each run takes other papers.
  const pick = makeRng(1000 + run);
  const wanted = new Set<number>();
  while (wanted.size < knownCount + copyCount) wanted.add(Math.floor(pick() * storedCount));
  const indexes = [...wanted];
  const known = indexes.slice(0, knownCount).map((index) => plainPaper(storedPaper(index)));
  const copies = indexes.slice(knownCount).map((index, i) => nearCopy(storedPaper(index), i, run));
  const { papers: fresh } = generateSyntheticSet({ seed: 50_000 + run, count: freshCount, startDate: `2031-${String((run % 12) + 1).padStart(2, '0')}-01` });
  const papers = [...known, ...copies, ...fresh.map(plainPaper)];
  for (let i = papers.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [papers[i], papers[j]] = [papers[j]!, papers[i]!];
  }
  return { papers, known: known.length, fresh: fresh.length, nearCopies: copies.length };
}

/** The same work under a new id (YYMM 3201.. so it never collides): a restyled title, or an abstract missing one sentence. */
function nearCopy(paper: Paper, i: number, run: number): Paper {
  const id = `${String(3201 + run).padStart(4, '0')}.${String(10000 + i).padStart(5, '0')}`;
  if (i % 2 === 0) return { ...plainPaper(paper), id, title: `${paper.title.toUpperCase()}.` };
  const sentences = paper.abstract.split(/(?<=\.)\s+/);
  sentences.splice(Math.min(2, sentences.length - 1), 1);
  return { ...plainPaper(paper), id, abstract: sentences.join(' ') };
}
