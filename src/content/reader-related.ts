/**
 * The reader-related links ("Close to 2 papers you starred") come after a listing's states (the background
 * answers the states first: see src/background/reader-related.ts). They are merged by paper id into the states
 * the page holds, so they land on the right cards whatever the page re-rendered in between, and a paper the page
 * no longer has a state for is skipped.
 */
import type { PaperState } from '../core/records';
import type { ResponsePayload } from '../core/messages';
import type { StoreLink } from './store-link';

/** Asks for the links of a listing's papers (null when the store did not answer). */
export async function requestReaderRelated(store: StoreLink, ref: string, listed: readonly PaperState[]): Promise<ResponsePayload<'papers/reader-related'>['related'] | null> {
  const response = await store.request('papers/reader-related', { ref, ids: listed.map((state) => state.id) });
  return response ? response.related : null;
}

export function mergeReaderRelated(states: Map<string, PaperState>, related: ResponsePayload<'papers/reader-related'>['related']): boolean {
  let changed = false;
  for (const { id, readerRelated } of related) {
    const state = states.get(id);
    if (!state || sameLinks(state.readerRelated, readerRelated)) continue;
    states.set(id, { ...state, readerRelated });
    changed = true;
  }
  return changed;
}

function sameLinks(a: PaperState['readerRelated'], b: PaperState['readerRelated']): boolean {
  return a.length === b.length && a.every((link, i) => link.id === b[i]?.id && link.score === b[i]?.score);
}
