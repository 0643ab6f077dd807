/**
 * The store's floors, sent from the same extension page to the same worker as the requests they are the floor
 * of (the bench build's hooks answer them: src/background/bench/bench-hooks.ts):
 *   - a listing's states: the same 250 papers sent, 250 gets by id from the same `papers` table, their states
 *     answered,
 *   - an import: the same rows put raw into a database of the store's own schema (same tables, same indexes),
 *   - a busy worker: a star toggled while the worker still writes a 250-paper listing, against the same toggle on
 *     an idle worker.
 */
import type { Page } from 'playwright';
import type { PaperRecord, Sighting } from '../src/core/records';
import type { ListingPage, Paper } from '../src/core/types';

type Answer = { ok: true } | { ok: false; error: { message: string } } | undefined;

/** Puts one chunk raw into the floor database; returns the round trip in ms (timed as mergeChunk times its merge). */
export async function floorChunk(page: Page, papers: PaperRecord[], sightings: Sighting[]): Promise<number> {
  const result = await page.evaluate(async (text) => {
    const body = JSON.parse(text) as { papers: unknown[]; sightings: unknown[] };
    const start = performance.now();
    const response = (await chrome.runtime.sendMessage({ type: 'paper-lens-bench:import-floor', ...body })) as Answer;
    return { ms: performance.now() - start, response };
  }, JSON.stringify({ papers, sightings }));
  if (!result.response) throw new Error('the import floor got no answer: is this the bench build (node build.mjs --bench)?');
  if (!result.response.ok) throw new Error(`the import floor failed: ${result.response.error.message}`);
  return result.ms;
}

export async function clearImportFloor(page: Page): Promise<void> {
  const response = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'paper-lens-bench:import-floor-clear' }))) as Answer;
  if (!response?.ok) throw new Error(`the import floor's database could not be cleared: ${JSON.stringify(response)}`);
}

/** One listing floor: the page's papers sent, their rows read by id, their states answered; ms and the states' count. */
export async function timeListedFloor(page: Page, listing: ListingPage, papers: Paper[]): Promise<{ ms: number; states: number; stored: number }> {
  const result = await page.evaluate(async (text: string) => {
    const body = JSON.parse(text) as { page: unknown; papers: unknown[] };
    const start = performance.now();
    const response = (await chrome.runtime.sendMessage({ type: 'paper-lens-bench:listed-floor', ...body })) as
      | { ok: true; states: Array<{ seenCount: number; firstListedAt?: number }> }
      | { ok: false; error: { message: string } }
      | undefined;
    const ms = performance.now() - start;
    if (!response) return { error: 'the listing floor got no answer: is this the bench build (node build.mjs --bench)?' };
    if (!response.ok) return { error: `the listing floor failed: ${response.error.message}` };
    return { ms, states: response.states.length, stored: response.states.filter((state) => state.firstListedAt !== undefined).length };
  }, JSON.stringify({ page: listing, papers }));
  if ('error' in result) throw new Error(result.error);
  return result as { ms: number; states: number; stored: number };
}

/**
 * Toggles a star and times its answer; with `listing`, right after a page/listed of it was answered, while the
 * worker still writes it (page/listed answers before its write commits). Returns the star's round trip and
 * whether the listing was stored (asked untimed afterwards, as the content script does).
 */
export async function timeStar(page: Page, id: string, starred: boolean, listing?: { page: ListingPage; papers: Paper[] }): Promise<number> {
  const result = await page.evaluate(async ({ text, id, starred }: { text: string | null; id: string; starred: boolean }) => {
    let receipt: string | undefined;
    if (text !== null) {
      const body = JSON.parse(text) as { page: unknown; papers: unknown[] };
      const listed = (await chrome.runtime.sendMessage({ type: 'page/listed', ...body })) as { ok: boolean; receipt?: string } | undefined;
      if (!listed?.ok) return { error: `page/listed failed: ${JSON.stringify(listed)?.slice(0, 200)}` };
      receipt = listed.receipt;
    }
    const start = performance.now();
    const response = (await chrome.runtime.sendMessage({ type: 'paper/set-starred', id, starred })) as { ok: boolean } | undefined;
    const ms = performance.now() - start;
    if (!response?.ok) return { error: `paper/set-starred failed: ${JSON.stringify(response)?.slice(0, 200)}` };
    if (receipt !== undefined) await chrome.runtime.sendMessage({ type: 'listing/settled', receipt });
    return { ms };
  }, { text: listing ? JSON.stringify(listing) : null, id, starred });
  if ('error' in result) throw new Error(result.error);
  return result.ms as number;
}
