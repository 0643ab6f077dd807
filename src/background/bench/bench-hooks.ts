/**
 * What the benchmark reaches inside the worker, in bench builds only (index.ts installs it under `__BENCH__`):
 * the store's phase timings (`store.lap` reports to `onTiming`), the indexer's and duplicate recheck's `settled()`,
 * and the floors `npm run bench` compares the store with: the least work any design must do for the same request,
 * in the same worker and run (scripts/bench-floors-store.ts).
 */
import type { Paper } from '../../core/types';
import type { PaperRecord, Sighting } from '../../core/records';
import { PaperLensDb } from '../db/db';
import { storedFrom } from '../db/derive';
import { stateOf } from '../papers/paper-state';
import type { Store } from '../store';

/** Message types of the floors; no request of the product starts with this. */
export const BENCH_MESSAGE_PREFIX = 'paper-lens-bench:';
/** A database of its own with the store's schema: the import floor's puts meet the same indexes. */
const FLOOR_DB_NAME = 'paper-lens-bench-floor';

export interface BenchHook {
  indexer: Store['indexer'];
  duplicateRecheck: Store['duplicateRecheck'];
  onTiming: ((phase: string, ms: number) => void) | null;
}

type FloorRequest =
  | { type: 'paper-lens-bench:listed-floor'; page: { key: string }; papers: Paper[] }
  | { type: 'paper-lens-bench:import-floor'; papers: PaperRecord[]; sightings: Sighting[] }
  | { type: 'paper-lens-bench:import-floor-clear' };

/** The import floor's database, opened on its first use. */
interface FloorState {
  db: PaperLensDb | null;
}

async function answerFloor(store: Store, floor: FloorState, request: FloorRequest): Promise<unknown> {
  switch (request.type) {
    case 'paper-lens-bench:listed-floor': {
      // The least a listing's answer needs: each listed paper's row read by id, and its state.
      const ids = request.papers.map((paper) => paper.id);
      const records = await store.db.papers.bulkGet(ids);
      return { ok: true, states: records.map((record, i) => stateOf(record, ids[i] as string, { pageKey: request.page.key })) };
    }
    case 'paper-lens-bench:import-floor': {
      floor.db ??= new PaperLensDb({ name: FLOOR_DB_NAME });
      const db = floor.db;
      await db.transaction('rw', [db.papers, db.sightings], async () => {
        if (request.papers.length > 0) await db.papers.bulkPut(request.papers.map((record) => storedFrom(record)));
        if (request.sightings.length > 0) await db.sightings.bulkPut(request.sightings);
      });
      return { ok: true };
    }
    case 'paper-lens-bench:import-floor-clear': {
      floor.db?.close();
      floor.db = null;
      await new PaperLensDb({ name: FLOOR_DB_NAME }).delete();
      return { ok: true };
    }
  }
}

function isFloorRequest(message: unknown): message is FloorRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith(BENCH_MESSAGE_PREFIX);
}

export function installBenchHooks(store: Store): void {
  const hook: BenchHook = { indexer: store.indexer, duplicateRecheck: store.duplicateRecheck, onTiming: null };
  store.lap = (phase, since) => {
    const now = performance.now();
    hook.onTiming?.(phase, now - since);
    return now;
  };
  (globalThis as { paperLensStore?: BenchHook }).paperLensStore = hook;
  const floor: FloorState = { db: null };
  // chrome.* rather than the polyfill: the bench runs in Chromium, and this module then imports nothing a
  // production bundle would keep.
  chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (answer: unknown) => void) => {
    if (!isFloorRequest(message)) return false;
    answerFloor(store, floor, message).then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: { message: String(error) } }));
    return true;
  });
}
