/**
 * Moving a whole store in and out through the message API in pages, so a backup of 100,000 papers never
 * needs one giant message and the page can show progress. File format and validation live in core/backup.
 */
import type { RequestMap, RequestType } from '../core/messages';
import type { PaperRecord, Sighting } from '../core/records';

/** The shape of `send` from platform/messaging (injected so tests can use an in-memory store). */
export type StoreCall = <T extends RequestType>(type: T, body: RequestMap[T]['req']) => Promise<{ ok: true } & RequestMap[T]['res']>;

export type Progress = (done: number, total: number) => void;

export const READ_PAGE_SIZE = 2000;
export const MERGE_CHUNK_SIZE = 1000;

export interface StoreContents {
  papers: PaperRecord[];
  sightings: Sighting[];
}

export interface MergeSummary {
  added: number;
  updated: number;
  unchanged: number;
  sightingsAdded: number;
  /** Records the store left out because their paper id is not one the site could show. */
  skipped: number;
}

/** Reads every paper and sighting, page by page (ordered by primary key). */
export async function readStore(call: StoreCall, onProgress: Progress = () => {}): Promise<StoreContents> {
  const first = await Promise.all([
    call('backup/read', { table: 'papers', offset: 0, limit: READ_PAGE_SIZE }),
    call('backup/read', { table: 'sightings', offset: 0, limit: READ_PAGE_SIZE }),
  ]);
  const papers = [...(first[0].papers ?? [])];
  const sightings = [...(first[1].sightings ?? [])];
  let papersTotal = first[0].total;
  let sightingsTotal = first[1].total;
  const report = (): void => onProgress(papers.length + sightings.length, Math.max(papersTotal + sightingsTotal, papers.length + sightings.length));
  report();
  while (papers.length < papersTotal) {
    const page = await call('backup/read', { table: 'papers', offset: papers.length, limit: READ_PAGE_SIZE });
    const rows = page.papers ?? [];
    if (rows.length === 0) break;
    papers.push(...rows);
    papersTotal = Math.max(page.total, papers.length);
    report();
  }
  while (sightings.length < sightingsTotal) {
    const page = await call('backup/read', { table: 'sightings', offset: sightings.length, limit: READ_PAGE_SIZE });
    const rows = page.sightings ?? [];
    if (rows.length === 0) break;
    sightings.push(...rows);
    sightingsTotal = Math.max(page.total, sightings.length);
    report();
  }
  return { papers, sightings };
}

/** Merges papers first, then their sightings, in chunks; the summary adds up every chunk's answer. */
export async function mergeIntoStore(call: StoreCall, contents: StoreContents, onProgress: Progress = () => {}, chunkSize = MERGE_CHUNK_SIZE): Promise<MergeSummary> {
  const total = contents.papers.length + contents.sightings.length;
  const summary: MergeSummary = { added: 0, updated: 0, unchanged: 0, sightingsAdded: 0, skipped: 0 };
  let done = 0;
  onProgress(0, total);
  const add = (answer: Omit<MergeSummary, 'skipped'> & { skipped?: number }): void => {
    summary.added += answer.added;
    summary.updated += answer.updated;
    summary.unchanged += answer.unchanged;
    summary.sightingsAdded += answer.sightingsAdded;
    summary.skipped += answer.skipped ?? 0;
  };
  for (let start = 0; start < contents.papers.length; start += chunkSize) {
    const papers = contents.papers.slice(start, start + chunkSize);
    add(await call('backup/merge', { papers, sightings: [] }));
    done += papers.length;
    onProgress(done, total);
  }
  for (let start = 0; start < contents.sightings.length; start += chunkSize) {
    const sightings = contents.sightings.slice(start, start + chunkSize);
    add(await call('backup/merge', { papers: [], sightings }));
    done += sightings.length;
    onProgress(done, total);
  }
  return summary;
}

/** Counts the clear-all confirmation names. */
export async function storeCounts(call: StoreCall): Promise<{ papers: number; sightings: number; starred: number; read: number }> {
  const [papers, sightings, stats] = await Promise.all([
    call('backup/read', { table: 'papers', offset: 0, limit: 1 }),
    call('backup/read', { table: 'sightings', offset: 0, limit: 1 }),
    call('stats/get', {}),
  ]);
  return { papers: papers.total, sightings: sightings.total, starred: stats.stats.starred.all, read: stats.stats.read.all };
}
