/**
 * 'backup/read' pages through a table by primary key; 'backup/merge' merges one chunk in one transaction: each
 * paper by mergePaperRecords (the reader's state field by field by its change stamps), sightings kept once each
 * (sightingKey). Nothing that is stored is ever dropped by a merge, and merging a chunk again changes nothing.
 */
import type { PaperRecord, Sighting } from '../../core/records';
import { mergePaperRecords, sightingKey } from '../../core/backup';
import { isPaperId, normaliseId } from '../../core/ids';
import { checkAnnotations } from '../../core/backup-validate';
import { stampsOf } from '../../core/reader-state-merge';
import { earlierAnswer, keepAnswer } from '../api/kept-answers';
import { sightingKeyOf, toPaperRecord, type PaperIndexRow, type SightingKey, type StoredPaper } from '../db/db';
import { addListing, indexRowOf, storedFrom } from '../db/derive';
import { RequestFailure } from '../api/request-failure';
import { getAmong } from '../db/sparse-read';
import type { Store } from '../store';

/** What a merge uses: the database, the reader's clock, the indexer and candidate index its papers feed, and the caches it invalidates. */
export type MergeStore = Pick<Store, 'db' | 'now' | 'clock' | 'indexer' | 'paperTotal' | 'candidates' | 'invalidateReference' | 'lap'>;

type BackupTable = 'papers' | 'sightings';

/** Where the previous page ended, so paging on from there is a key range, not a growing offset. */
let lastPage: { store: Pick<Store, 'db'>; table: BackupTable; nextOffset: number; lastKey: unknown } | null = null;

export async function readBackup(store: Pick<Store, 'db'>, table: BackupTable, offset: number, limit: number): Promise<{ papers?: PaperRecord[]; sightings?: Sighting[]; total: number }> {
  const from = Math.max(0, Math.floor(offset) || 0);
  const size = Math.min(20_000, Math.max(1, Math.floor(limit) || 1));
  const source = table === 'papers' ? store.db.papers : store.db.sightings;
  return store.db.transaction('r', source, async () => {
    const resume = lastPage && lastPage.store === store && lastPage.table === table && lastPage.nextOffset === from && from > 0;
    const collection = resume ? source.where(':id').above(lastPage!.lastKey).limit(size) : source.orderBy(':id').offset(from).limit(size);
    const [rows, total] = await Promise.all([collection.toArray(), source.count()]);
    const last = rows[rows.length - 1];
    if (last) lastPage = { store, table, nextOffset: from + rows.length, lastKey: table === 'papers' ? (last as StoredPaper).id : sightingKeyOf(last as Sighting) };
    if (table === 'papers') return { papers: (rows as StoredPaper[]).map(toPaperRecord), total };
    return { sightings: rows as Sighting[], total };
  });
}

/** What the search index row is made from (derive.ts searchWords): the row is rewritten when it changes. */
const textOf = (paper: PaperRecord): string => JSON.stringify([paper.title, paper.abstract, paper.authors ?? [], paper.tags ?? [], paper.note ?? '']);

export interface MergeAnswer {
  added: number;
  updated: number;
  unchanged: number;
  sightingsAdded: number;
  /** Records left out because their paper id is not one the site could show. */
  skipped: number;
}

/** `papersIn` and `sightingsIn` have the fields a merge reads (parse-request.ts); ids are folded here. */
export async function mergeBackup(store: MergeStore, papersIn: readonly PaperRecord[], sightingsIn: readonly Sighting[], requestId?: string): Promise<MergeAnswer> {
  const clock = await store.clock();
  const now = store.now();
  let lap = performance.now();
  // Only paper chunks hold indexing back: a sightings chunk adds no index rows.
  if (papersIn.length > 0) store.indexer.noteImport();

  const counts: MergeAnswer = { added: 0, updated: 0, unchanged: 0, sightingsAdded: 0, skipped: 0 };
  const incoming = new Map<string, PaperRecord>();
  for (const [index, raw] of papersIn.entries()) {
    const paper = { ...raw, id: normaliseId(raw.id) };
    const annotationProblem = checkAnnotations(paper as unknown as Record<string, unknown>);
    if (annotationProblem) throw new RequestFailure('invalid', `Paper ${index + 1} of this backup chunk: ${annotationProblem}.`);
    if (!isPaperId(paper.id)) {
      counts.skipped++;
      continue;
    }
    // Later changes made here sort after every change the backup carries, whatever this profile's clock says.
    for (const stamp of stampsOf(paper)) clock.observe(stamp);
    const earlier = incoming.get(paper.id);
    incoming.set(paper.id, mergePaperRecords(earlier, paper).record);
  }
  const sightingsByKey = new Map<string, Sighting>();
  for (const raw of sightingsIn) {
    const sighting: Sighting = { paperId: normaliseId(raw.paperId), pageKind: raw.pageKind, pageKey: raw.pageKey, at: raw.at, seen: raw.seen === true };
    if (!isPaperId(sighting.paperId)) {
      counts.skipped++;
      continue;
    }
    const key = sightingKey(sighting);
    const earlier = sightingsByKey.get(key);
    sightingsByKey.set(key, earlier ? { ...earlier, seen: earlier.seen || sighting.seen } : sighting);
  }
  if (__BENCH__) lap = store.lap('merge:prepare', lap);
  const indexRows: PaperIndexRow[] = [];
  const addedIds: string[] = [];

  let repeated: MergeAnswer | undefined;
  await store.paperTotal.track(() => store.db.transaction('rw', [store.db.papers, store.db.paperIndex, store.db.sightings, store.db.kv], async () => {
    if (__BENCH__) lap = store.lap('merge:tx-start', lap);
    // Sent again after its reply was lost: the chunk is merged already, and its first answer is the true one.
    repeated = await earlierAnswer<MergeAnswer>(store.db, requestId);
    if (repeated) return;
    const ids = [...incoming.keys()];
    const existing = await getAmong(store.db.papers, ids, (paper) => paper.id);
    if (__BENCH__) lap = store.lap('merge:read', lap);
    const records = new Map<string, StoredPaper>();
    const changed = new Map<string, StoredPaper>();
    ids.forEach((id, i) => {
      const paper = incoming.get(id) as PaperRecord;
      const previous = existing[i];
      if (!previous) {
        const stored = storedFrom(paper);
        records.set(id, stored);
        changed.set(id, stored);
        counts.added++;
        addedIds.push(id);
        return;
      }
      const before = toPaperRecord(previous);
      const { record: merged, change } = mergePaperRecords(before, paper);
      if (change === 'unchanged') {
        records.set(id, previous);
        counts.unchanged++;
        return;
      }
      const stored = storedFrom(merged, previous);
      records.set(id, stored);
      changed.set(id, stored);
      if (textOf(merged) !== textOf(before)) indexRows.push(indexRowOf(stored, now));
      counts.updated++;
    });

    if (__BENCH__) lap = store.lap('merge:derive', lap);
    const sightings = [...sightingsByKey.values()];
    const added: Sighting[] = [];
    if (sightings.length > 0) {
      const failed = new Set<number>();
      try {
        await store.db.sightings.bulkAdd(sightings);
      } catch (error) {
        const failures = (error as { failuresByPos?: Record<number, unknown> }).failuresByPos;
        if (!failures) throw error;
        for (const position of Object.keys(failures)) failed.add(Number(position));
      }
      // A sighting already stored stays; a copy that says "seen" upgrades it (seen is never taken back).
      const upgrades = sightings.filter((sighting, i) => failed.has(i) && sighting.seen);
      if (upgrades.length > 0) await store.db.sightings.bulkPut(upgrades);
      sightings.forEach((sighting, i) => { if (!failed.has(i)) added.push(sighting); });
      counts.sightingsAdded = added.length;
    }
    // Keep each paper's page list in step with its sightings.
    const missing = [...new Set(added.map((s) => s.paperId))].filter((id) => !records.has(id));
    const fetched = missing.length > 0 ? await store.db.papers.bulkGet(missing) : [];
    for (const paper of fetched) if (paper) records.set(paper.id, paper);
    for (const sighting of added) {
      const record = records.get(sighting.paperId);
      if (!record) continue;
      addListing(record, sighting.pageKind, sighting.pageKey, sighting.at);
      changed.set(record.id, record);
    }
    if (__BENCH__) lap = store.lap('merge:sightings', lap);
    if (changed.size > 0) await store.db.papers.bulkPut([...changed.values()]);
    if (__BENCH__) lap = store.lap('merge:put-papers', lap);
    // Changed text is reindexed here; new papers are indexed by the indexer right after (see indexer.ts).
    if (indexRows.length > 0) await store.db.paperIndex.bulkPut(indexRows);
    await keepAnswer(store.db, requestId, counts, now);
    if (__BENCH__) lap = store.lap('merge:put-index', lap);
  }), () => (repeated ? 0 : counts.added));
  if (repeated) return repeated;
  store.candidates.noteIndexed(indexRows);
  store.invalidateReference();
  if (addedIds.length > 0) void store.indexer.indexAdded(addedIds).catch(() => store.indexer.catchUp()).catch(() => undefined);
  return counts;
}

export type { SightingKey };
