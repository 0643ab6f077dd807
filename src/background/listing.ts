/**
 * 'page/listed' and 'papers/seen': sightings, counters, history duplicates and reader-related papers.
 * One read-write transaction per request spans every related write, so a worker stopped mid-request leaves
 * either all of it or none of it, and two tabs writing at once never lose each other's counts.
 */
import { Dexie } from 'dexie';
import type { DuplicateRule, ListingPage, Paper } from '../core/types';
import type { PaperState, ReaderRelated, Sighting } from '../core/records';
import { normaliseId } from '../core/ids';
import { compareFeatures, duplicateFeatures, type DuplicateFeatures } from '../core/duplicates';
import { relatedToReference } from '../core/related';
import type { PaperIndexRow, StoredPaper } from './db';
import { addListing, indexRowOf, mergePaperText, newStoredPaper, plainPaper, touch } from './derive';
import type { Store } from './store';
import { emptyState } from './paper-state';

/** Re-sending a page within this window (a re-render, a reload) belongs to the same visit. */
export const VISIT_WINDOW_MS = 30 * 60 * 1000;
export const MAX_READER_RELATED = 3;
/** Candidates confirmed per listed paper, those sharing the most keys first (keeps 250 papers fast). */
const CANDIDATES_PER_PAPER = 3;

const RULE_RANK: Record<DuplicateRule, number> = { 'same-id': 0, 'same-title': 1, 'near-abstract': 2 };

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

/** Duplicate features per paper id for one request (each paper's text is folded and shingled once). */
class FeatureCache {
  private readonly byId = new Map<string, DuplicateFeatures>();
  of(paper: StoredPaper): DuplicateFeatures {
    let features = this.byId.get(paper.id);
    if (!features) this.byId.set(paper.id, (features = duplicateFeatures(paper)));
    return features;
  }
}

/**
 * The best earlier-known paper `record` repeats: same title before near abstract, read/starred first, oldest.
 * Same rules as matchKnownPaper (compareFeatures on the known and the listed paper), with features cached.
 */
function bestDuplicate(record: StoredPaper, candidates: StoredPaper[], features: FeatureCache): { id: string; rule: DuplicateRule } | null {
  let best: { known: StoredPaper; rule: DuplicateRule } | null = null;
  for (const known of candidates) {
    if (known.id === record.id || known.firstListedAt >= record.firstListedAt || known.dupOf?.id === record.id) continue;
    const rule = compareFeatures(features.of(known), features.of(record))?.rule ?? null;
    if (!rule) continue;
    const engaged = (paper: StoredPaper): number => (paper.readAt !== undefined || paper.starredAt !== undefined ? 0 : 1);
    const better = !best
      || RULE_RANK[rule] < RULE_RANK[best.rule]
      || (rule === best.rule && (engaged(known) < engaged(best.known) || (engaged(known) === engaged(best.known) && known.firstListedAt < best.known.firstListedAt)));
    if (better) best = { known, rule };
  }
  // A repeat of a repeat points at the original.
  if (best?.known.dupOf) return { id: best.known.dupOf.id, rule: best.rule };
  return best ? { id: best.known.id, rule: best.rule } : null;
}

export async function recordListing(store: Store, page: ListingPage, input: Paper[]): Promise<PaperState[]> {
  const now = store.now();
  let lap = performance.now();
  const papers = input.map((paper) => ({ ...plainPaper(paper), id: normaliseId(String(paper.id ?? '')) }));
  const unique = new Map<string, Paper>();
  for (const paper of papers) if (paper.id && !unique.has(paper.id)) unique.set(paper.id, paper);
  const ids = [...unique.keys()];
  const [candidates, settings] = await Promise.all([store.candidates(), store.settings()]);
  lap = store.lap('listed:prepare', lap);
  const indexRows: PaperIndexRow[] = [];
  const known = new Map<string, StoredPaper>();

  let added = 0;
  const records = await store.paperTotal.track(() => store.db.transaction('rw', [store.db.papers, store.db.paperIndex, store.db.sightings], async () => {
    const [stored, visit] = await Promise.all([store.db.papers.bulkGet(ids), currentVisit(store, page, now)]);
    lap = store.lap('listed:read', lap);
    const changed = new Set<StoredPaper>();
    const sightings: Sighting[] = [];
    const toCheck: StoredPaper[] = [];
    const result = ids.map((id, i) => {
      const paper = unique.get(id) as Paper;
      let record = stored[i];
      if (!record) {
        record = newStoredPaper(paper, now);
        added++;
        indexRows.push(indexRowOf(record, now));
        changed.add(record);
        toCheck.push(record);
      } else {
        const merged = mergePaperText(record, paper);
        if (merged.textChanged) {
          indexRows.push(indexRowOf(record, now));
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

    lap = store.lap('listed:merge', lap);
    // History duplicates: candidates from memory, confirmed against the stored text.
    const candidateIds = new Map<StoredPaper, string[]>();
    const wanted = new Set<string>();
    for (const record of toCheck) {
      const keys = indexRows.find((row) => row.id === record.id) as PaperIndexRow;
      const found = candidates.candidates(keys).filter((id) => id !== record.id).slice(0, CANDIDATES_PER_PAPER);
      candidateIds.set(record, found);
      for (const id of found) wanted.add(id);
    }
    for (const record of result) if (record.dupOf) wanted.add(record.dupOf.id);
    for (const record of result) known.set(record.id, record);
    const missing = [...wanted].filter((id) => !known.has(id));
    const fetched = missing.length > 0 ? await store.db.papers.bulkGet(missing) : [];
    for (const paper of fetched) if (paper) known.set(paper.id, paper);
    lap = store.lap(`listed:candidates(${fetched.length})`, lap);
    const features = new FeatureCache();
    for (const record of toCheck) {
      const found = (candidateIds.get(record) ?? []).map((id) => known.get(id)).filter((paper): paper is StoredPaper => !!paper);
      const duplicate = bestDuplicate(record, found, features);
      record.dupCheckedAt = now;
      if (duplicate) record.dupOf = duplicate;
      changed.add(record);
    }

    lap = store.lap('listed:confirm', lap);
    for (const record of changed) touch(record, now);
    if (changed.size > 0) await store.db.papers.bulkPut([...changed]);
    lap = store.lap(`listed:put-papers(${changed.size})`, lap);
    if (sightings.length > 0) await store.db.sightings.bulkPut(sightings);
    lap = store.lap(`listed:put-sightings(${sightings.length})`, lap);
    return result;
  }), () => added);
  lap = store.lap('listed:write', lap);
  // Derived rows: in memory at once, on disk in their own transaction (a stop in between: see indexer.ts).
  store.noteIndexed(indexRows);
  void store.indexer.write(indexRows).catch(() => store.indexer.catchUp()).catch(() => undefined);

  if (settings.marks.related) await computeReaderRelated(store, records, settings.relatedThreshold);
  lap = store.lap('listed:related', lap);
  const states = await store.statesFromRecords(ids, records, () => page.key, known);
  store.lap('listed:states', lap);
  const stateById = new Map(states.map((state) => [state.id, state]));
  return papers.map((paper) => stateById.get(paper.id) ?? emptyState(paper.id));
}

/** Starred or read papers close to each listed paper (cached per paper for later states and broadcasts). */
async function computeReaderRelated(store: Store, records: StoredPaper[], threshold: number): Promise<void> {
  const reference = await store.referenceSet();
  if (reference.length === 0) {
    for (const record of records) store.rememberRelated(record.id, []);
    return;
  }
  const links = relatedToReference(records, reference, { threshold, max: MAX_READER_RELATED });
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
