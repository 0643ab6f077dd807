import { describe, expect, it } from 'vitest';
import type { PaperRecord, Sighting } from '../core/records';
import { MERGE_CHUNK_SIZE, READ_PAGE_SIZE, mergeIntoStore, readStore, storeCounts, type StoreCall } from './backup-io';

/** A tiny in-memory stand-in for the background's backup handlers (newest updatedAt wins). */
class MemoryStore {
  papers = new Map<string, PaperRecord>();
  sightings = new Map<string, Sighting>();
  calls: string[] = [];

  readonly call: StoreCall = async (type, body) => {
    this.calls.push(type);
    const answer = this.handle(type, body as never);
    return { ok: true, ...answer } as never;
  };

  private handle(type: string, body: Record<string, unknown>): object {
    if (type === 'backup/read') {
      const { table, offset, limit } = body as { table: 'papers' | 'sightings'; offset: number; limit: number };
      if (table === 'papers') {
        const rows = [...this.papers.values()].sort((a, b) => a.id.localeCompare(b.id));
        return { papers: rows.slice(offset, offset + limit), total: rows.length };
      }
      const rows = [...this.sightings.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, sighting]) => sighting);
      return { sightings: rows.slice(offset, offset + limit), total: rows.length };
    }
    if (type === 'backup/merge') {
      const { papers, sightings } = body as { papers: PaperRecord[]; sightings: Sighting[] };
      let added = 0, updated = 0, unchanged = 0, sightingsAdded = 0;
      for (const paper of papers) {
        const known = this.papers.get(paper.id);
        if (!known) added++;
        else if (paper.updatedAt > known.updatedAt) updated++;
        else { unchanged++; continue; }
        this.papers.set(paper.id, structuredClone(paper));
      }
      for (const sighting of sightings) {
        const key = `${sighting.paperId}|${sighting.pageKey}|${sighting.at}`;
        if (!this.sightings.has(key)) sightingsAdded++;
        this.sightings.set(key, structuredClone(sighting));
      }
      return { added, updated, unchanged, sightingsAdded };
    }
    if (type === 'stats/get') {
      const all = [...this.papers.values()];
      const starred = all.filter((paper) => paper.starredAt !== undefined).length;
      const read = all.filter((paper) => paper.readAt !== undefined).length;
      const zero = { week: 0, all: 0 };
      return { stats: { listed: { week: 0, all: all.length }, seen: zero, read: { week: 0, all: read }, starred: { week: 0, all: starred }, daily: [] } };
    }
    throw new Error(`unexpected ${type}`);
  }
}

function paper(index: number): PaperRecord {
  return {
    id: `2401.${String(index).padStart(5, '0')}`, title: `Paper ${index}`, abstract: `Abstract ${index}`, authors: [`Author ${index}`],
    firstListedAt: 1000 + index, lastListedAt: 2000 + index, listedCount: 1 + (index % 3), seenCount: index % 4, pageKinds: ['day'],
    updatedAt: 3000 + index, ...(index % 5 === 0 ? { starredAt: 4000 + index } : {}), ...(index % 7 === 0 ? { readAt: 5000 + index } : {}),
  };
}

function filledStore(papers: number, sightingsPerPaper: number): MemoryStore {
  const store = new MemoryStore();
  for (let i = 0; i < papers; i++) {
    const record = paper(i);
    store.papers.set(record.id, record);
    for (let s = 0; s < sightingsPerPaper; s++) {
      const sighting: Sighting = { paperId: record.id, pageKind: 'day', pageKey: `day:2024-01-${String(1 + s).padStart(2, '0')}`, at: 10_000 + i * 10 + s, seen: s % 2 === 0 };
      store.sightings.set(`${sighting.paperId}|${sighting.pageKey}|${sighting.at}`, sighting);
    }
  }
  return store;
}

describe('readStore and mergeIntoStore', () => {
  it('read every record page by page, and merging them into an empty store gives back every record exactly', async () => {
    const source = filledStore(READ_PAGE_SIZE + 321, 2);
    const progress: Array<[number, number]> = [];
    const contents = await readStore(source.call, (done, total) => progress.push([done, total]));
    expect(contents.papers).toHaveLength(READ_PAGE_SIZE + 321);
    expect(contents.sightings).toHaveLength((READ_PAGE_SIZE + 321) * 2);
    expect(progress.at(-1)).toEqual([contents.papers.length + contents.sightings.length, contents.papers.length + contents.sightings.length]);

    const target = new MemoryStore();
    const summary = await mergeIntoStore(target.call, contents);
    expect(summary).toEqual({ added: contents.papers.length, updated: 0, unchanged: 0, sightingsAdded: contents.sightings.length, skipped: 0 });
    expect([...target.papers.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(contents.papers);
    expect(await readStore(target.call)).toEqual(contents);
    // Chunked: no message carries more than one chunk.
    expect(target.calls.filter((call) => call === 'backup/merge')).toHaveLength(Math.ceil(contents.papers.length / MERGE_CHUNK_SIZE) + Math.ceil(contents.sightings.length / MERGE_CHUNK_SIZE));
  });

  it('merging the same backup again changes nothing', async () => {
    const source = filledStore(50, 1);
    const contents = await readStore(source.call);
    const summary = await mergeIntoStore(source.call, contents);
    expect(summary).toEqual({ added: 0, updated: 0, unchanged: 50, sightingsAdded: 0, skipped: 0 });
  });

  it('reports merge progress up to the total', async () => {
    const contents = await readStore(filledStore(30, 1).call);
    const progress: number[] = [];
    await mergeIntoStore(new MemoryStore().call, contents, (done) => progress.push(done), 7);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(60);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('counts what clearing would delete', async () => {
    const counts = await storeCounts(filledStore(35, 3).call);
    expect(counts).toEqual({ papers: 35, sightings: 105, starred: 7, read: 5 });
  });
});
