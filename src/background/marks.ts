/** Read and starred: set, undone, or set by opening the paper. One transaction each; both are undoable. */
import type { Paper } from '../core/types';
import type { PaperState } from '../core/records';
import { normaliseId } from '../core/ids';
import type { PaperIndexRow, StoredPaper } from './db';
import { indexRowOf, mergePaperText, newStoredPaper, plainPaper, touch } from './derive';
import { StoreFailure } from './errors';
import type { Store } from './store';

export type Mark = 'readAt' | 'starredAt';

export async function setMark(store: Store, rawId: string, mark: Mark, on: boolean, paper?: Paper): Promise<PaperState> {
  const id = normaliseId(String(rawId ?? ''));
  if (!id) throw new StoreFailure('invalid', 'This paper has no id Paper Lens can use.');
  const now = store.now();
  let indexRow: PaperIndexRow | null = null;
  let added = 0;
  const record = await store.paperTotal.track(() => store.db.transaction('rw', [store.db.papers, store.db.paperIndex], async () => {
    let stored: StoredPaper | undefined = await store.db.papers.get(id);
    if (!stored) {
      if (!on) return undefined;
      if (!paper) throw new StoreFailure('not-found', 'Paper Lens does not know this paper yet; open a listing that shows it first.');
      stored = newStoredPaper({ ...plainPaper(paper), id }, now);
      added = 1;
      indexRow = indexRowOf(stored, now);
      await store.db.paperIndex.put(indexRow);
    } else if (paper) {
      const merged = mergePaperText(stored, { ...plainPaper(paper), id });
      if (merged.textChanged) {
        indexRow = indexRowOf(stored, now);
        await store.db.paperIndex.put(indexRow);
      }
    }
    const had = stored[mark] !== undefined;
    if (on && !had) stored[mark] = now;
    if (!on && had) delete stored[mark];
    if (on === had && !indexRow) return stored;
    touch(stored, now);
    await store.db.papers.put(stored);
    return stored;
  }), () => added);
  if (indexRow) store.noteIndexed([indexRow]);
  store.invalidateReference();
  const [state] = await store.statesFromRecords([id], [record]);
  return state as PaperState;
}
