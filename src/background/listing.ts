/**
 * 'page/listed' and 'papers/seen': sightings, counters, history duplicates and reader-related papers.
 *
 * A listing is answered from a read pass and written after: the answer does not wait for the write, which is
 * half of the work. The write is one read-write transaction that reads the rows again and merges again
 * (mergeListing, the same pure function), so a worker stopped mid-write leaves all of it or none of it, and two
 * tabs writing at once never lose each other's counts. The answer carries a receipt (pending-writes.ts): the
 * content script asks with it whether the write committed and re-sends the listing when not (a stopped worker
 * knows no receipt); a re-sent listing within its visit is idempotent (currentVisit, VISIT_WINDOW_MS).
 */
import { Dexie } from 'dexie';
import type { ListingPage, Paper } from '../core/types';
import type { PaperState, ReaderRelated, Sighting } from '../core/records';
import { normaliseId } from '../core/ids';
import { relatedToReference, type ReferencePapers } from '../core/related';
import type { StoredPaper } from './db';
import { addListing, newStoredPaper, plainPaper, touch } from './derive';
import type { Store } from './store';
import { emptyState } from './paper-state';
import { IndexRowCache, mergeListing } from './listing-merge';
import { candidatesOf, confirmDuplicates, type DuplicateVerdict } from './listing-duplicates';

/** Re-sending a page within this window (a re-render, a reload) belongs to the same visit. */
export const VISIT_WINDOW_MS = 30 * 60 * 1000;
export const MAX_READER_RELATED = 3;

/** The sightings of this page's current visit, by paper id. */
async function currentVisit(store: Store, page: ListingPage, now: number): Promise<Map<string, Sighting>> {
  const rows = await store.db.sightings
    .where('[pageKey+at]')
    .between([page.key, now - VISIT_WINDOW_MS], [page.key, Dexie.maxKey], true, true)
    .toArray();
  const byPaper = new Map<string, Sighting>();
  for (const row of rows) {
    const previous = byPaper.get(row.paperId);
    if (!previous || row.at > previous.at) byPaper.set(row.paperId, row);
  }
  return byPaper;
}

export interface ListedAnswer {
  states: PaperState[];
  /** Settles once the listing is stored (rejects when it could not be). */
  written: Promise<void>;
}

/** Records a listing and answers once it is stored (tests, and callers that need the write done). */
export async function recordListing(store: Store, page: ListingPage, input: Paper[]): Promise<PaperState[]> {
  const { states, written } = await listPage(store, page, input);
  await written;
  return states;
}

/** Answers a listing's states from a read pass; the write is under way in `written` when this resolves. */
export async function listPage(store: Store, page: ListingPage, input: Paper[]): Promise<ListedAnswer> {
  const now = store.now();
  let lap = performance.now();
  const papers = input.map((paper) => ({ ...plainPaper(paper), id: normaliseId(String(paper.id ?? '')) }));
  const unique = new Map<string, Paper>();
  for (const paper of papers) if (paper.id && !unique.has(paper.id)) unique.set(paper.id, paper);
  const ids = [...unique.keys()];
  // The reference set is read before the write below starts: a read queued behind it would wait for its commit.
  // Papers an import just added may still lack their index rows: their keys first, or they go unfound.
  const [candidates, settings] = await Promise.all([store.indexer.keysReady().then(() => store.candidates()), store.settings()]);
  const reference = settings.marks.related ? store.referencePapers() : null;
  reference?.catch(() => undefined);
  lap = store.lap('listed:prepare', lap);
  const rows = new IndexRowCache(now);

  // Read pass: a read-only snapshot of everything the answer needs, the duplicates' candidates included.
  const plan = await store.db.transaction('r', [store.db.papers, store.db.sightings], async () => {
    const read = Promise.all([store.db.papers.bulkGet(ids), currentVisit(store, page, now)]);
    // While the database reads: the candidates of the papers the candidate index does not know (new ones, most
    // likely), read in the same go, so the second read does not wait for the first and the merge.
    const listed = new Set(ids);
    const guessed = ids.filter((id) => !candidates.has(id)).map((id) => newStoredPaper(unique.get(id) as Paper, now));
    const guessedRows = new Map(guessed.map((record) => [record.id, rows.of(record)]));
    const early = candidatesOf(guessed, guessedRows, candidates);
    const prefetch = store.db.papers.bulkGet([...new Set([...early.values()].flat())].filter((id) => !listed.has(id)));
    const [stored, visit] = await read;
    lap = store.lap('listed:read', lap);
    const merged = mergeListing(ids, unique, stored, visit, page, now, rows);
    lap = store.lap('listed:merge', lap);
    const known = new Map<string, StoredPaper>();
    for (const record of merged.records) known.set(record.id, record);
    for (const paper of await prefetch) if (paper && !known.has(paper.id)) known.set(paper.id, paper);
    // Papers the guess missed or got another text for (a stored paper whose text changed): their candidates now.
    const guessedRight = (id: string): boolean => guessedRows.get(id) === merged.indexRows.get(id);
    const candidateIds = candidatesOf(merged.toCheck.filter((record) => !guessedRight(record.id)), merged.indexRows, candidates);
    for (const [id, found] of early) if (guessedRight(id)) candidateIds.set(id, found);
    const wanted = new Set<string>();
    for (const record of merged.toCheck) for (const id of candidateIds.get(record.id) ?? []) wanted.add(id);
    for (const record of merged.records) if (record.dupOf) wanted.add(record.dupOf.id);
    const fetched = await readMissing(store, known, wanted);
    lap = store.lap(`listed:candidates(${fetched})`, lap);
    const verdicts = confirmDuplicates(merged.toCheck, candidateIds, known);
    for (const record of merged.toCheck) applyVerdict(record, verdicts.get(record.id) ?? null, now);
    // The originals the new verdicts point at (a repeat of a repeat), so the states need no later read.
    await readMissing(store, known, new Set(merged.toCheck.flatMap((record) => (record.dupOf ? [record.dupOf.id] : []))));
    lap = store.lap('listed:confirm', lap);
    return { records: merged.records, verdicts, known };
  });

  // Started before answering, so a request that arrives after the answer (papers/seen) is ordered after it.
  const written = writeListing(store, page, ids, unique, now, rows, plan.verdicts);
  written.catch(() => undefined);

  if (reference) await computeReaderRelated(store, plan.records, await reference, settings.relatedThreshold);
  lap = store.lap('listed:related', lap);
  const states = await store.statesFromRecords(ids, plan.records, () => page.key, plan.known);
  store.lap('listed:states', lap);
  const stateById = new Map(states.map((state) => [state.id, state]));
  return { states: papers.map((paper) => stateById.get(paper.id) ?? emptyState(paper.id)), written };
}

/** Reads the wanted papers not in `known` into it; returns how many were found. */
async function readMissing(store: Store, known: Map<string, StoredPaper>, wanted: ReadonlySet<string>): Promise<number> {
  const missing = [...wanted].filter((id) => !known.has(id));
  if (missing.length === 0) return 0;
  const fetched = await store.db.papers.bulkGet(missing);
  let found = 0;
  for (const paper of fetched) {
    if (!paper) continue;
    known.set(paper.id, paper);
    found++;
  }
  return found;
}

function applyVerdict(record: StoredPaper, verdict: DuplicateVerdict, now: number): void {
  record.dupCheckedAt = now;
  if (verdict) record.dupOf = verdict;
}

/**
 * The write pass: reads the rows again inside the read-write transaction and merges again, so whatever another
 * request wrote since the read pass is kept. Duplicate verdicts come from the read pass; a paper that needs one
 * and has none (its text changed in between) is looked up at its next listing.
 */
async function writeListing(
  store: Store,
  page: ListingPage,
  ids: readonly string[],
  unique: ReadonlyMap<string, Paper>,
  now: number,
  rows: IndexRowCache,
  verdicts: ReadonlyMap<string, DuplicateVerdict>,
): Promise<void> {
  let lap = performance.now();
  const merged = await store.paperTotal.track(() => store.db.transaction('rw', [store.db.papers, store.db.sightings], async () => {
    const [stored, visit] = await Promise.all([store.db.papers.bulkGet([...ids]), currentVisit(store, page, now)]);
    lap = store.lap('listed:write-read', lap);
    const result = mergeListing(ids, unique, stored, visit, page, now, rows);
    for (const record of result.toCheck) {
      const verdict = verdicts.get(record.id);
      if (verdict === undefined) continue;
      applyVerdict(record, verdict, now);
      result.changed.add(record);
    }
    for (const record of result.changed) touch(record, now);
    if (result.changed.size > 0) await store.db.papers.bulkPut([...result.changed]);
    if (result.sightings.length > 0) await store.db.sightings.bulkPut(result.sightings);
    lap = store.lap(`listed:write-put(${result.changed.size},${result.sightings.length})`, lap);
    return result;
  }), (result) => result.added);
  store.lap('listed:write-commit', lap);
  // Derived rows: in memory at once, on disk in their own transaction (a stop in between: see indexer.ts).
  const indexRows = [...merged.indexRows.values()];
  store.noteIndexed(indexRows);
  void store.indexer.write(indexRows).catch(() => store.indexer.catchUp()).catch(() => undefined);
}

/** Starred or read papers close to each listed paper (cached per paper for later states and broadcasts). */
async function computeReaderRelated(store: Store, records: StoredPaper[], referencePapers: ReferencePapers<StoredPaper>, threshold: number): Promise<void> {
  const reference = referencePapers.papers;
  if (reference.length === 0) {
    for (const record of records) store.rememberRelated(record.id, []);
    return;
  }
  const links = relatedToReference(records, referencePapers, { threshold, max: MAX_READER_RELATED });
  records.forEach((record, i) => {
    const related: ReaderRelated[] = (links[i] ?? []).flatMap((link) => {
      const paper = reference[link.referenceIndex];
      if (!paper || paper.id === record.id) return [];
      return [{ id: paper.id, title: paper.title, state: paper.starredAt !== undefined ? 'starred' : 'read', score: link.score, sharedTerms: link.sharedTerms }];
    });
    store.rememberRelated(record.id, related.slice(0, MAX_READER_RELATED));
  });
}

/** Cards that were on screen: the visit's sightings become seen; counters move once per visit. */
export async function recordSeen(store: Store, page: ListingPage, rawIds: string[]): Promise<PaperState[]> {
  const now = store.now();
  const ids = [...new Set(rawIds.map((id) => normaliseId(String(id ?? ''))).filter(Boolean))];
  const records = await store.db.transaction('rw', [store.db.papers, store.db.sightings], async () => {
    const [stored, visit] = await Promise.all([store.db.papers.bulkGet(ids), currentVisit(store, page, now)]);
    const changedPapers: StoredPaper[] = [];
    const changedSightings: Sighting[] = [];
    stored.forEach((record) => {
      if (!record) return;
      let sighting = visit.get(record.id);
      if (sighting?.seen) return;
      if (!sighting) {
        // Seen after the visit window closed: a new visit of the same page.
        sighting = { paperId: record.id, pageKind: page.kind, pageKey: page.key, at: now, seen: true };
        record.listedCount = (record.listedCount ?? 0) + 1;
        record.lastListedAt = now;
        addListing(record, page.kind, page.key, now);
      } else {
        sighting = { ...sighting, seen: true };
      }
      changedSightings.push(sighting);
      record.seenCount = (record.seenCount ?? 0) + 1;
      record.firstSeenAt ??= now;
      record.lastSeenAt = now;
      touch(record, now);
      changedPapers.push(record);
    });
    if (changedPapers.length > 0) await store.db.papers.bulkPut(changedPapers);
    if (changedSightings.length > 0) await store.db.sightings.bulkPut(changedSightings);
    return stored;
  });
  return store.statesFromRecords(ids, records, () => page.key);
}
