/**
 * 'page/listed' and 'papers/seen': sightings, counters, history duplicates and reader-related papers.
 *
 * A listing is answered from a read pass and written after: the answer does not wait for the write, which is
 * half of the work. The write runs in parts of a few dozen papers, each a read-write transaction that reads its
 * rows again and merges again (mergeListing, the same pure function), so two tabs writing at once never lose each
 * other's counts, a star or a popup waits for one part rather than the whole write, and a worker stopped mid-write
 * leaves each paper with its sighting or neither. The answer carries a receipt (pending-writes.ts): the content
 * script asks with it whether the whole write committed and re-sends the listing when not (a stopped worker knows
 * no receipt); a re-sent listing within its visit is idempotent (currentVisit, VISIT_WINDOW_MS), so the parts
 * that did commit are not counted twice.
 */
import { Dexie } from 'dexie';
import type { CandidateIndex } from '../duplicates/candidate-index';
import type { ListingPage, Paper } from '../../core/types';
import type { PaperState, Sighting } from '../../core/records';
import type { PaperIndexRow, StoredPaper } from '../db/db';
import { addListing, newStoredPaper, touch } from '../db/derive';
import type { Store } from '../store';
import { emptyState } from '../papers/paper-state';
import { ListingTexts, mergeListing } from './merge';
import { applyVerdict, candidatesOf, confirmDuplicates, readMissing, type DuplicateVerdict } from '../duplicates/confirm';
import { answerReaderRelated, scoreReaderRelated } from '../related/reader-related';
import type { ReferencePapers } from '../../core/related';

/**
 * What recording a listing uses: the database and clock, the index rows and candidate index for its duplicates,
 * the settings and reference set for its related links, the tables of work finished after the answer, and the
 * second check of duplicates found while an import is still indexed.
 */
export type ListingStore = Pick<Store, 'db' | 'now' | 'lap' | 'settings' | 'paperTotal' | 'indexer' | 'candidates' | 'duplicateRecheck' | 'referencePapers' | 'rememberRelated' | 'pendingRelated' | 'pageWrites' | 'statesFromRecords'>;

/** Re-sending a page within this window (a re-render, a reload) belongs to the same visit. */
export const VISIT_WINDOW_MS = 30 * 60 * 1000;

/** The sightings of this page's current visit, by paper id. */
async function currentVisit(store: Pick<Store, 'db'>, page: ListingPage, now: number): Promise<Map<string, Sighting>> {
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
  /** Without reader-related links not known yet: those come under `relatedRef` (related/reader-related.ts). */
  states: PaperState[];
  /** Settles once the listing is stored (rejects when it could not be). */
  written: Promise<void>;
  /** Asks papers/reader-related for the listed papers' reader-related links (absent when they are not shown). */
  relatedRef?: string;
}

/**
 * Records a listing and answers once it is stored, with the reader-related links in the states (tests, and
 * callers that need the whole answer at once).
 */
export async function recordListing(store: ListingStore, page: ListingPage, input: Paper[]): Promise<PaperState[]> {
  const { states, written, relatedRef } = await listPage(store, page, input);
  await written;
  if (relatedRef === undefined) return states;
  const related = new Map((await answerReaderRelated(store, relatedRef, states.map((state) => state.id))).map((entry) => [entry.id, entry.readerRelated]));
  return states.map((state) => ({ ...state, readerRelated: related.get(state.id) ?? state.readerRelated }));
}

/** One page/listed request: what its read pass, its answer and its write share. */
interface ListingWork {
  store: ListingStore;
  page: ListingPage;
  /** As listed, in page order (ids folded; an entry without an id answers an empty state). */
  papers: readonly Paper[];
  /** The distinct ids, in page order, and the first paper listed under each. */
  ids: readonly string[];
  unique: ReadonlyMap<string, Paper>;
  now: number;
  texts: ListingTexts;
}

/** Answers a listing's states from a read pass; the write is under way in `written` when this resolves. */
export async function listPage(store: ListingStore, page: ListingPage, papers: Paper[]): Promise<ListedAnswer> {
  let lap = performance.now();
  const unique = new Map<string, Paper>();
  for (const paper of papers) if (paper.id && !unique.has(paper.id)) unique.set(paper.id, paper);
  const now = store.now();
  const work: ListingWork = { store, page, papers, ids: [...unique.keys()], unique, now, texts: new ListingTexts(now) };
  // The reference set is read before the write below starts: a read queued behind it would wait for its commit.
  // Papers an import just added may still lack their index rows: their keys first, or they go unfound.
  let keysComplete = true;
  const [candidates, settings] = await Promise.all([
    store.indexer.keysReady().then((complete) => {
      keysComplete = complete;
      return store.candidates.get();
    }),
    store.settings(),
  ]);
  const reference = settings.marks.related ? store.referencePapers() : null;
  reference?.catch(() => undefined);
  if (__BENCH__) lap = store.lap('listed:prepare', lap);
  const plan = await readPass(work, candidates);
  if (__BENCH__) lap = store.lap('listed:read-commit', lap);
  const answer = await answerListing(work, plan, reference && { reference, threshold: settings.relatedThreshold }, lap);
  // Checked against an index an import is still filling: checked again once it is full (duplicates/recheck.ts).
  if (!keysComplete) {
    const unmatched = [...plan.verdicts].filter(([, verdict]) => verdict === null).map(([id]) => id);
    void answer.written.then(() => store.duplicateRecheck.note(unmatched)).catch(() => undefined);
  }
  return answer;
}

/**
 * The read pass: one read-only snapshot of everything the answer needs, the duplicates' candidates included,
 * and the duplicate verdicts of the papers that need one.
 */
function readPass(work: ListingWork, candidates: CandidateIndex): Promise<ReadPlan> {
  const { store, page, ids, unique, now, texts } = work;
  let lap = performance.now();
  return store.db.transaction('r', [store.db.papers, store.db.sightings], async (): Promise<ReadPlan> => {
    const read = Promise.all([store.db.papers.bulkGet([...ids]), currentVisit(store, page, now)]);
    // While the database reads: the candidates of the papers the candidate index does not know (new ones, most
    // likely), read in the same go, so the second read does not wait for the first and the merge.
    const listed = new Set(ids);
    const guessed = ids.filter((id) => !candidates.has(id)).map((id) => newStoredPaper(unique.get(id) as Paper, now));
    // Their keys come with their duplicate features (one shingling each), which the confirm below reuses.
    const guessedRows = new Map(guessed.map((record) => [record.id, texts.keys(record)]));
    const earlyCandidates = candidatesOf(guessed, guessedRows, candidates);
    const prefetch = readShingled(store, texts, [...new Set([...earlyCandidates.values()].flat())].filter((id) => !listed.has(id)));
    if (__BENCH__) lap = store.lap('listed:guess', lap);
    const [stored, visit] = await read;
    if (__BENCH__) lap = store.lap('listed:read', lap);
    const merged = mergeListing(ids, unique, stored, visit, page, now, (record) => texts.keys(record));
    if (__BENCH__) lap = store.lap('listed:merge', lap);
    const known = new Map<string, StoredPaper>();
    for (const record of merged.records) known.set(record.id, record);
    for (const paper of await prefetch) if (paper && !known.has(paper.id)) known.set(paper.id, paper);
    // Papers the guess missed or got another text for (a stored paper whose text changed): their candidates now.
    const guessedRight = (id: string): boolean => guessedRows.get(id) === merged.indexRows.get(id);
    const candidateIds = candidatesOf(merged.toCheck.filter((record) => !guessedRight(record.id)), merged.indexRows, candidates);
    for (const [id, found] of earlyCandidates) if (guessedRight(id)) candidateIds.set(id, found);
    const wanted = new Set<string>();
    for (const record of merged.toCheck) for (const id of candidateIds.get(record.id) ?? []) wanted.add(id);
    for (const record of merged.records) if (record.dupOf) wanted.add(record.dupOf.id);
    const fetched = await readMissing(store.db, known, wanted);
    if (__BENCH__) lap = store.lap(`listed:candidates(${fetched})`, lap);
    const verdicts = confirmDuplicates(merged.toCheck, candidateIds, known, (paper) => texts.features(paper));
    for (const record of merged.toCheck) applyVerdict(record, verdicts.get(record.id) ?? null, now);
    // The originals the new verdicts point at (a repeat of a repeat), so the states need no later read.
    await readMissing(store.db, known, new Set(merged.toCheck.flatMap((record) => (record.dupOf ? [record.dupOf.id] : []))));
    if (__BENCH__) store.lap('listed:confirm', lap);
    // A page listed again within its visit with nothing new (a return visit, a reload): the write would change nothing.
    const unchanged = merged.changed.size === 0 && merged.sightings.length === 0 && merged.indexRows.size === 0;
    return { records: merged.records, verdicts, known, unchanged, needsRow: new Set(merged.indexRows.keys()) };
  });
}

/** The answer from the read pass's plan; starts the write and, after the answer, the reader-related scoring. */
async function answerListing(
  work: ListingWork,
  plan: ReadPlan,
  related: { reference: Promise<ReferencePapers<StoredPaper>>; threshold: number } | null,
  lap: number,
): Promise<ListedAnswer> {
  const { store, page, papers, ids } = work;
  // The states come from the read pass alone (plan.known holds the originals the duplicates point at); made before
  // the write starts, they neither wait for a read queued behind it nor for the worker issuing its 250 reads.
  const states = await store.statesFromRecords(ids, plan.records, () => page.key, plan.known);
  // Noted before answering, so a request about this visit that arrives after the answer (papers/seen) waits for it.
  const written = plan.unchanged ? Promise.resolve() : writeListing(work, plan);
  written.catch(() => undefined);
  store.pageWrites.add(page.key, written);
  if (__BENCH__) store.lap('listed:states', lap);
  const stateById = new Map(states.map((state) => [state.id, state]));
  const answer: ListedAnswer = { states: papers.map((paper) => stateById.get(paper.id) ?? emptyState(paper.id)), written };
  if (related) {
    // Scored once the answer went out (a macrotask later): the states never wait for it.
    answer.relatedRef = store.pendingRelated.start(ids, async () => {
      const start = performance.now();
      const scored = scoreReaderRelated(store, plan.records, await related.reference, related.threshold);
      if (__BENCH__) store.lap('listed:related', start);
      return scored;
    });
  }
  return answer;
}

interface ReadPlan {
  records: StoredPaper[];
  verdicts: Map<string, DuplicateVerdict>;
  known: Map<string, StoredPaper>;
  /** The read pass found nothing this listing would write. */
  unchanged: boolean;
  /** Ids whose text the read pass found new or changed: their index rows are made for the write. */
  needsRow: ReadonlySet<string>;
}

/** Candidates read per request: each part is shingled as it arrives, while the database reads the next. */
const PREFETCH_PART = 64;

/** Reads papers in parts and makes each one's duplicate features as its part arrives (the confirm reuses them). */
async function readShingled(store: Pick<Store, 'db'>, texts: ListingTexts, ids: readonly string[]): Promise<Array<StoredPaper | undefined>> {
  const parts: Array<Promise<Array<StoredPaper | undefined>>> = [];
  for (let at = 0; at < ids.length; at += PREFETCH_PART) {
    parts.push(store.db.papers.bulkGet(ids.slice(at, at + PREFETCH_PART)).then((found) => {
      for (const paper of found) if (paper) texts.features(paper);
      return found;
    }));
  }
  return (await Promise.all(parts)).flat();
}

/** Papers per write transaction: a reader's request (a star, a popup) waits for one part, not the whole listing. */
export const WRITE_PART = 50;

/**
 * The write pass, in parts of WRITE_PART papers, each its own read-write transaction created once the last one
 * completed, so a request that arrived meanwhile runs in between (IndexedDB runs transactions with overlapping
 * scopes in the order they were created). Each part reads its rows again and merges again, so whatever another
 * request wrote since the read pass is kept; its papers and their sightings commit together, so a listing sent
 * again after a stop between parts counts each paper once (its visit's sightings say which parts committed).
 * From the second part on, the new index rows are made before the part's transaction opens. Duplicate verdicts
 * come from the read pass; a paper that needs one and has none (its text changed in between) is looked up at its
 * next listing.
 */
async function writeListing(work: ListingWork, plan: ReadPlan): Promise<void> {
  const { store, ids } = work;
  const freshRows: PaperIndexRow[] = [];
  const indexed: PaperIndexRow[] = [];
  for (let at = 0; at < ids.length; at += WRITE_PART) {
    // The first part's transaction is created before the answer goes out, so a request sent after the answer
    // (a clear, a read of the papers) is ordered after it, and a short listing is whole for it; its index rows are
    // made inside it, as the answer must not wait for them.
    const part = writePart(work, plan, ids.slice(at, at + WRITE_PART), at > 0);
    const { fresh, rows } = await part;
    freshRows.push(...fresh);
    indexed.push(...rows);
  }
  // Derived rows: in memory at once; a new paper's on disk in its own transaction (a stop in between leaves the
  // paper without a row, which the catch-up finds: see indexer.ts).
  store.candidates.noteIndexed(indexed);
  void store.indexer.write(freshRows).catch(() => store.indexer.catchUp()).catch(() => undefined);
}

/** One part of the write pass; answers the index rows it made (`rows`) and those still to be written (`fresh`). */
async function writePart(work: ListingWork, plan: ReadPlan, ids: readonly string[], rowsFirst: boolean): Promise<{ fresh: PaperIndexRow[]; rows: PaperIndexRow[] }> {
  const { store, page, unique, now, texts } = work;
  const { verdicts } = plan;
  let lap = performance.now();
  // With `rowsFirst`, the rows the read pass found new text for are made before the transaction opens (the merge
  // below reuses them), so the transaction holds the papers only for their reads and puts.
  const inPart = new Set(ids);
  if (rowsFirst) for (const record of plan.records) if (plan.needsRow.has(record.id) && inPart.has(record.id)) texts.row(record);
  if (__BENCH__) lap = store.lap('listed:write-rows', lap);
  const { papers, sightings, paperIndex } = store.db;
  const { merged, fresh } = await store.paperTotal.track(() => store.db.transaction('rw', [papers, sightings, paperIndex], async () => {
    const [stored, visit] = await Promise.all([papers.bulkGet([...ids]), currentVisit(store, page, now)]);
    if (__BENCH__) lap = store.lap('listed:write-read', lap);
    const result = mergeListing(ids, unique, stored, visit, page, now, (record) => texts.row(record));
    for (const record of result.toCheck) {
      const verdict = verdicts.get(record.id);
      if (verdict === undefined) continue;
      applyVerdict(record, verdict, now);
      result.changed.add(record);
    }
    for (const record of result.changed) touch(record, now);
    if (result.changed.size > 0) await papers.bulkPut([...result.changed]);
    if (result.sightings.length > 0) await sightings.bulkPut(result.sightings);
    // A stored paper whose text changed gets its new row with it: written later, a stop in between would leave
    // the old text's row, which the catch-up (it looks for missing rows) never finds. Rare, so cheap here.
    const rewrittenRows: PaperIndexRow[] = [];
    const freshRows: PaperIndexRow[] = [];
    ids.forEach((id, i) => {
      const row = result.indexRows.get(id);
      if (row) (stored[i] ? rewrittenRows : freshRows).push(row);
    });
    if (rewrittenRows.length > 0) await paperIndex.bulkPut(rewrittenRows);
    if (__BENCH__) lap = store.lap(`listed:write-put(${result.changed.size},${result.sightings.length})`, lap);
    return { merged: result, fresh: freshRows };
  }), ({ merged: result }) => result.added);
  if (__BENCH__) store.lap('listed:write-commit', lap);
  return { fresh, rows: [...merged.indexRows.values()] };
}

/** Cards that were on screen: the visit's sightings become seen; counters move once per visit. */
export async function recordSeen(store: Pick<Store, 'db' | 'now' | 'pendingRelated' | 'pageWrites' | 'statesFromRecords'>, page: ListingPage, rawIds: string[]): Promise<PaperState[]> {
  const ids = [...new Set(rawIds)];
  // The page's listing may still be written in parts: its sightings first, or a card seen now would miss its visit.
  await store.pageWrites.settled(page.key);
  const now = store.now();
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
  await store.pendingRelated.settledFor(ids);
  return store.statesFromRecords(ids, records, () => page.key);
}
