/**
 * Read and starred: set, undone, or set by opening the paper. One transaction each; both are undoable. A request
 * sets an absolute state, so a repeat (sent again after its reply was lost) changes nothing. Each change gets a
 * stamp from this profile's clock (set by an un-star too), which the field-by-field merge of backups orders by.
 */
import type { Paper } from '../../core/types';
import type { PaperState } from '../../core/records';
import { isOn, setReaderFlag, stampsOf, type ReaderFlag } from '../../core/reader-state-merge';
import type { PaperIndexRow, StoredPaper } from '../db/db';
import { indexRowOf, mergePaperText, newStoredPaper, touch } from '../db/derive';
import { RequestFailure } from '../api/request-failure';
import type { Store } from '../store';

/** What a read or star change uses; a star or read changes the reference set the related links compare with. */
export type MarksStore = Pick<Store, 'db' | 'now' | 'clock' | 'paperTotal' | 'candidates' | 'invalidateReference' | 'statesFromRecords'>;

/** `id` is in its one form and `paper`'s text fields plain (parse-request.ts). */
export async function setMark(store: MarksStore, id: string, flag: ReaderFlag, on: boolean, paper?: Paper): Promise<PaperState> {
  const clock = await store.clock();
  const now = store.now();
  let indexRow: PaperIndexRow | null = null;
  let added = 0;
  const record = await store.paperTotal.track(() => store.db.transaction('rw', [store.db.papers, store.db.paperIndex], async () => {
    let stored: StoredPaper | undefined = await store.db.papers.get(id);
    if (!stored) {
      if (!on) return undefined;
      if (!paper) throw new RequestFailure('not-found', 'Paper Lens does not know this paper yet; open a listing that shows it first.');
      stored = newStoredPaper({ ...paper, id }, now);
      added = 1;
      indexRow = indexRowOf(stored, now);
      await store.db.paperIndex.put(indexRow);
    } else if (paper) {
      const merged = mergePaperText(stored, { ...paper, id });
      if (merged.textChanged) {
        indexRow = indexRowOf(stored, now);
        await store.db.paperIndex.put(indexRow);
      }
    }
    const changed = isOn(stored, flag) !== on;
    if (changed) {
      // The new stamp sorts after every change this record already carries, whatever the wall clock says.
      for (const stamp of stampsOf(stored)) clock.observe(stamp);
      setReaderFlag(stored, flag, on, clock.next(), now);
    }
    if (!changed && !indexRow) return stored;
    touch(stored, now);
    await store.db.papers.put(stored);
    return stored;
  }), () => added);
  if (indexRow) store.candidates.noteIndexed([indexRow]);
  store.invalidateReference();
  const [state] = await store.statesFromRecords([id], [record]);
  return state as PaperState;
}
