/**
 * The pure part of recording a listing: what the stored rows become when a page lists these papers. Run twice per
 * listing on rows read at different times (the read pass that answers, the write pass that stores), so both
 * passes must come to the same result from the same rows: nothing here reads a clock or the database.
 */
import type { ListingPage, Paper } from '../core/types';
import type { Sighting } from '../core/records';
import type { PaperIndexRow, StoredPaper } from './db';
import { addListing, indexRowOf, mergePaperText, newStoredPaper } from './derive';

export interface MergedListing {
  /** One record per listed id, in the order of `ids`, updated in place (or new). */
  records: StoredPaper[];
  /** Records that must be written. */
  changed: Set<StoredPaper>;
  /** Sightings of papers this visit had not listed yet. */
  sightings: Sighting[];
  /** Records whose history duplicate must be (re)looked up: new ones and those whose text changed. */
  toCheck: StoredPaper[];
  /** Derived index rows of new papers and of papers whose text changed, by id. */
  indexRows: Map<string, PaperIndexRow>;
  /** Papers not stored before. */
  added: number;
}

/**
 * Index rows (MinHash keys: the costly part) per listing, shared by its two passes: a row is reused only for
 * exactly the text it was made from.
 */
export class IndexRowCache {
  private readonly rows = new Map<string, { text: string; row: PaperIndexRow }>();
  constructor(private readonly now: number) {}
  of(paper: Pick<Paper, 'id' | 'title' | 'authors' | 'abstract'>): PaperIndexRow {
    const text = JSON.stringify([paper.title, paper.abstract, paper.authors]);
    const cached = this.rows.get(paper.id);
    if (cached?.text === text) return cached.row;
    const row = indexRowOf(paper, this.now);
    this.rows.set(paper.id, { text, row });
    return row;
  }
}

export function mergeListing(
  ids: readonly string[],
  unique: ReadonlyMap<string, Paper>,
  stored: ReadonlyArray<StoredPaper | undefined>,
  visit: ReadonlyMap<string, Sighting>,
  page: ListingPage,
  now: number,
  rows: IndexRowCache,
): MergedListing {
  const changed = new Set<StoredPaper>();
  const sightings: Sighting[] = [];
  const toCheck: StoredPaper[] = [];
  const indexRows = new Map<string, PaperIndexRow>();
  let added = 0;
  const records = ids.map((id, i) => {
    const paper = unique.get(id) as Paper;
    let record = stored[i];
    if (!record) {
      record = newStoredPaper(paper, now);
      added++;
      indexRows.set(id, rows.of(record));
      changed.add(record);
      toCheck.push(record);
    } else {
      const merged = mergePaperText(record, paper);
      if (merged.textChanged) {
        indexRows.set(id, rows.of(record));
        if (!record.dupOf) toCheck.push(record);
      }
      if (merged.changed) changed.add(record);
    }
    if (!visit.has(id)) {
      sightings.push({ paperId: id, pageKind: page.kind, pageKey: page.key, at: now, seen: false });
      record.listedCount = (record.listedCount ?? 0) + 1;
      record.lastListedAt = now;
      addListing(record, page.kind, page.key, now);
      changed.add(record);
    }
    return record;
  });
  return { records, changed, sightings, toCheck, indexRows, added };
}
