/**
 * The pure part of recording a listing: what the stored rows become when a page lists these papers. Run twice per
 * listing on rows read at different times (the read pass that answers, the write pass that stores), so both
 * passes must come to the same result from the same rows: nothing here reads a clock or the database.
 */
import type { ListingPage, Paper } from '../../core/types';
import type { Sighting } from '../../core/records';
import type { PaperIndexRow, StoredPaper } from '../db/db';
import { duplicateBandHashes, duplicateFeatures, type DuplicateFeatures } from '../../core/duplicates';
import { bandKeysOf } from '../../core/minhash';
import type { CandidateKeys } from '../duplicates/candidate-index';
import { addListing, indexRowWithKeys, mergePaperText, newStoredPaper } from '../db/derive';

export interface MergedListing<R> {
  /** One record per listed id, in the order of `ids`, updated in place (or new). */
  records: StoredPaper[];
  /** Records that must be written. */
  changed: Set<StoredPaper>;
  /** Sightings of papers this visit had not listed yet. */
  sightings: Sighting[];
  /** Records whose history duplicate must be (re)looked up: new ones and those whose text changed. */
  toCheck: StoredPaper[];
  /** Derived rows (`rowOf`: candidate keys, or index rows) of new papers and of papers whose text changed, by id. */
  indexRows: Map<string, R>;
  /** Papers not stored before. */
  added: number;
}

/**
 * The costly text work of each listed paper, done once per listing and shared by its two passes and its duplicate
 * check: the abstract's shingles (duplicate features), the candidate keys made from them (MinHash bands) for the
 * papers looked up, and for the write only the index row with its search words. Each is reused only for exactly
 * the text it was made from.
 */
export class ListingTexts {
  private readonly byId = new Map<string, TextWork>();
  constructor(private readonly now: number) {}

  private work(paper: Pick<Paper, 'id' | 'title' | 'authors' | 'abstract'>): TextWork {
    const text = `${paper.title}\u0000${paper.abstract}\u0000${(paper.authors ?? []).join('\u0001')}`;
    const cached = this.byId.get(paper.id);
    if (cached?.text === text) return cached;
    const work: TextWork = { text, features: duplicateFeatures(paper), keys: null, row: null };
    this.byId.set(paper.id, work);
    return work;
  }

  features(paper: Pick<Paper, 'id' | 'title' | 'authors' | 'abstract'>): DuplicateFeatures {
    return this.work(paper).features;
  }

  /** What the candidate index is asked with (the same object for the same text: see listing/record-listing.ts's guess). */
  keys(paper: Pick<Paper, 'id' | 'title' | 'authors' | 'abstract'>): BandHashKeys {
    return keysOf(this.work(paper));
  }

  /** The paper's index row (equal to indexRowOf's), made in the write pass: the answer never waits for its words. */
  row(paper: Pick<Paper, 'id' | 'title' | 'authors' | 'abstract'>): PaperIndexRow {
    const work = this.work(paper);
    if (work.row) return work.row;
    const keys = keysOf(work);
    work.row = indexRowWithKeys(paper, { titleKey: keys.titleKey, bandKeys: bandKeysOf(keys.bandHashes) }, this.now);
    return work.row;
  }
}

/** Made when first asked: the candidates of a duplicate check need only their features. */
function keysOf(work: TextWork): BandHashKeys {
  work.keys ??= { titleKey: work.features.titleKey, bandHashes: duplicateBandHashes(work.features) };
  return work.keys;
}

type BandHashKeys = Extract<CandidateKeys, { bandHashes: Uint32Array }>;

interface TextWork {
  text: string;
  features: DuplicateFeatures;
  keys: BandHashKeys | null;
  row: PaperIndexRow | null;
}

export function mergeListing<R>(
  ids: readonly string[],
  unique: ReadonlyMap<string, Paper>,
  stored: ReadonlyArray<StoredPaper | undefined>,
  visit: ReadonlyMap<string, Sighting>,
  page: ListingPage,
  now: number,
  rowOf: (record: StoredPaper) => R,
): MergedListing<R> {
  const changed = new Set<StoredPaper>();
  const sightings: Sighting[] = [];
  const toCheck: StoredPaper[] = [];
  const indexRows = new Map<string, R>();
  let added = 0;
  const records = ids.map((id, i) => {
    const paper = unique.get(id) as Paper;
    let record = stored[i];
    if (!record) {
      record = newStoredPaper(paper, now);
      added++;
      indexRows.set(id, rowOf(record));
      changed.add(record);
      toCheck.push(record);
    } else {
      const merged = mergePaperText(record, paper);
      if (merged.textChanged) {
        indexRows.set(id, rowOf(record));
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
