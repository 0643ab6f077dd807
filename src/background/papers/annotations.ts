/**
 * The reader's tags and note on a paper ('paper/set-annotations') and the tags in use ('tags/list'). The request is
 * checked here, once, with core/annotations; each field that changes gets a new change stamp (clearing too), so a
 * merge with a backup or another browser keeps the newest edit of each. The paper's search row is rewritten so
 * the popup's search finds the tags' and the note's words.
 */
import { checkNote, checkTags, tagKey, type TagCount } from '../../core/annotations';
import type { PaperState } from '../../core/records';
import { stampsOf } from '../../core/reader-state-merge';
import type { PaperIndexRow, StoredPaper } from '../db/db';
import { indexRowOf, touch } from '../db/derive';
import { RequestFailure } from '../api/request-failure';
import type { Store } from '../store';

/** What a change of tags or note uses: the database, the reader's clock, and the candidate index fed a rewritten row. */
export type AnnotationsStore = Pick<Store, 'db' | 'now' | 'clock' | 'candidates' | 'statesFromRecords'>;

export interface AnnotationsChange {
  tags?: unknown;
  note?: unknown;
}

const sameTags = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  (a ?? []).length === b.length && (a ?? []).every((tag, i) => tag === b[i]);

/** `id` is in its one form (parse-request.ts); the tags and note are checked here, as a restore checks them. */
export async function setAnnotations(store: AnnotationsStore, id: string, change: AnnotationsChange): Promise<PaperState> {
  let tags: string[] | undefined;
  let note: string | undefined;
  if (change.tags !== undefined) {
    const checked = checkTags(change.tags);
    if (!checked.ok) throw new RequestFailure('invalid', checked.problem);
    tags = checked.value;
  }
  if (change.note !== undefined) {
    const checked = checkNote(change.note);
    if (!checked.ok) throw new RequestFailure('invalid', checked.problem);
    note = checked.value;
  }
  const clock = await store.clock();
  const now = store.now();
  let indexRow: PaperIndexRow | null = null;
  const record = await store.db.transaction('rw', [store.db.papers, store.db.paperIndex], async () => {
    const stored: StoredPaper | undefined = await store.db.papers.get(id);
    if (!stored) throw new RequestFailure('not-found', 'Paper Lens does not know this paper yet; star it first.');
    const adds = (tags?.length ?? 0) > 0 || (note ?? '') !== '';
    if (adds && stored.starredAt === undefined) throw new RequestFailure('invalid', 'Tags and notes belong to starred papers: star this paper first.');
    let changed = false;
    // New stamps sort after every change this record already carries, whatever the wall clock says.
    for (const stamp of stampsOf(stored)) clock.observe(stamp);
    if (tags !== undefined && !sameTags(stored.tags, tags)) {
      if (tags.length > 0) stored.tags = tags;
      else delete stored.tags;
      stored.tagsStamp = clock.next();
      changed = true;
    }
    if (note !== undefined && (stored.note ?? '') !== note) {
      if (note !== '') stored.note = note;
      else delete stored.note;
      stored.noteStamp = clock.next();
      changed = true;
    }
    if (!changed) return stored;
    touch(stored, now);
    await store.db.papers.put(stored);
    indexRow = indexRowOf(stored, now);
    await store.db.paperIndex.put(indexRow);
    return stored;
  });
  if (indexRow) store.candidates.noteIndexed([indexRow]);
  const [state] = await store.statesFromRecords([id], [record]);
  return state as PaperState;
}

/**
 * Every tag in use with how many papers carry it, most used first. Spellings that differ only in case count as one
 * tag, shown as its most used spelling.
 */
export async function listTags(store: Pick<Store, 'db'>): Promise<TagCount[]> {
  const keys = (await store.db.papers.orderBy('tags').keys()) as unknown[];
  const byKey = new Map<string, Map<string, number>>();
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    const spellings = byKey.get(tagKey(key)) ?? new Map<string, number>();
    spellings.set(key, (spellings.get(key) ?? 0) + 1);
    byKey.set(tagKey(key), spellings);
  }
  const tags = [...byKey.values()].map((spellings) => {
    const [tag] = [...spellings].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    return { tag, count: [...spellings.values()].reduce((sum, n) => sum + n, 0) };
  });
  return tags.sort((a, b) => b.count - a.count || (tagKey(a.tag) < tagKey(b.tag) ? -1 : 1));
}
