/**
 * The store at size: fills it through the production message API (backup/merge, in chunks, from an extension
 * page), times how fast it answers a 250-paper listing (page/listed) with 10,000 and then 100,000 papers stored
 * (1,000,000 sightings), the database size per 1000 papers, and the popup's first paint over the full store.
 */
import type { Page, Worker } from 'playwright';
import type { LaunchedExtension } from '../e2e/launch';
import type { PaperRecord, Sighting } from '../src/core/records';
import type { ListingPage, Paper } from '../src/core/types';
import { median, round, type Report } from './bench-report';
import { firstLine } from './bench-content';
import { listingMix, sightingsOf, storedPapers, SIGHTINGS_PER_PAPER } from './bench-records';
import { measurePopup, declarePopupFigures } from './bench-popup';
import { clearImportFloor, floorChunk, timeListedFloor, timeStar } from './bench-floors-store';
import { declareSearchFigures, runSearchBench } from './bench-search';

const SMALL = 10_000;
const LARGE = 100_000;
const PAPERS_PER_CHUNK = 1000;
/** Timed listings per store size (PAPER_LENS_BENCH_STATE_RUNS: more for A/B runs on a noisy machine). */
const STATE_RUNS = Number(process.env.PAPER_LENS_BENCH_STATE_RUNS) || 5;
/** Busy/idle pairs of star toggles and of popup opens. */
const BUSY_RUNS = 5;
/** Targets as ratios to the floor measured in the same run (issue "The store, simpler, and measured against its floor"). */
export const STATE_TARGET_RATIO = 2;
export const IMPORT_TARGET_RATIO = 1.25;
export const BUSY_TARGET_RATIO = 2;

export function declareStoreFigures(report: Report): void {
  report.declareRatio('import_100000_papers', 'import 100,000 papers (backup/merge) / raw puts of the same rows', IMPORT_TARGET_RATIO);
  report.declareRatio('import_1000000_sightings', 'import 1,000,000 sightings (backup/merge) / raw puts of the same rows');
  report.declareRatio('store_state_250_of_10000', 'page/listed states of 250 papers, 10,000 stored / 250 gets by id', STATE_TARGET_RATIO);
  report.declareRatio('store_state_250_of_100000', 'page/listed states of 250 papers, 100,000 stored / 250 gets by id', STATE_TARGET_RATIO);
  report.declareRatio('busy_star_during_listing', 'star toggled while the worker writes a 250-paper listing / on an idle worker', BUSY_TARGET_RATIO);
  report.declare('store_state_250_of_100000_first_ms', 'first page/listed after the import, 100,000 stored', 'ms', undefined, { jsonOnly: true });
  for (const stored of ['10000', '100000']) {
    report.declare(`store_related_250_of_${stored}_ms`, `reader-related links of 250 papers in, from the listing's start, ${Number(stored).toLocaleString('en')} stored`, 'ms', undefined, { jsonOnly: true });
  }
  report.declare('db_kb_per_1000_papers', 'database size per 1000 papers (with 10 sightings each)', 'kb');
  report.declare('db_mb_100000_papers', 'database size with 100,000 papers', 'mb', undefined, { jsonOnly: true });
  declarePopupFigures(report);
  declareSearchFigures(report);
}

type MergeResponse = { ok: true; added: number; updated: number; unchanged: number; sightingsAdded: number } | { ok: false; error: { message: string } };

/**
 * Sends one backup/merge chunk from the extension page; returns the round trip in ms. The chunk crosses CDP as one
 * JSON string (Playwright's argument serialiser is slow for large object graphs) and is parsed before the clock starts.
 */
export async function mergeChunk(page: Page, papers: PaperRecord[], sightings: Sighting[]): Promise<number> {
  const result = await page.evaluate(async (text) => {
    const body = JSON.parse(text) as { papers: unknown[]; sightings: unknown[] };
    const start = performance.now();
    const response = (await chrome.runtime.sendMessage({ type: 'backup/merge', ...body })) as MergeResponse | undefined;
    return { ms: performance.now() - start, response };
  }, JSON.stringify({ papers, sightings }));
  if (!result.response) throw new Error('backup/merge got no answer');
  if (!result.response.ok) throw new Error(`backup/merge failed: ${result.response.error.message}`);
  return result.ms;
}

interface ImportProgress {
  papers: number;
  papersMs: number;
  /** The same chunks put raw into the floor database, chunk by chunk beside the merges. */
  papersFloorMs: number;
  sightings: number;
  sightingsMs: number;
  sightingsFloorMs: number;
  /** Per chunk, merge / floor. */
  paperChunkRatios: number[];
  sightingChunkRatios: number[];
}

/** A chunk through the merge and through the floor, the order alternating chunk by chunk. */
async function mergeAndFloor(page: Page, index: number, papers: PaperRecord[], sightings: Sighting[]): Promise<{ ms: number; floorMs: number }> {
  if (index % 2 === 0) {
    const ms = await mergeChunk(page, papers, sightings);
    return { ms, floorMs: await floorChunk(page, papers, sightings) };
  }
  const floorMs = await floorChunk(page, papers, sightings);
  return { ms: await mergeChunk(page, papers, sightings), floorMs };
}

/** Imports stored papers [from, to) in chunks of PAPERS_PER_CHUNK, as the options page does; false if stopped by `deadline`. */
async function importPapers(page: Page, from: number, to: number, progress: ImportProgress, deadline: number, log: (line: string) => void): Promise<boolean> {
  for (let start = from; start < to; start += PAPERS_PER_CHUNK) {
    if (Date.now() > deadline) return false;
    const papers = storedPapers(start, Math.min(to, start + PAPERS_PER_CHUNK));
    const { ms, floorMs } = await mergeAndFloor(page, start / PAPERS_PER_CHUNK, papers, []);
    progress.papersMs += ms;
    progress.papersFloorMs += floorMs;
    progress.paperChunkRatios.push(ms / floorMs);
    progress.papers += papers.length;
    if (progress.papers % 10_000 === 0) log(`import: ${progress.papers} papers in ${round(progress.papersMs / 1000)} s (floor ${round(progress.papersFloorMs / 1000)} s)`);
  }
  return true;
}

/** Imports the sightings of stored papers [from, to), those of PAPERS_PER_CHUNK papers per message; false if stopped by `deadline`. */
async function importSightings(page: Page, from: number, to: number, progress: ImportProgress, deadline: number, log: (line: string) => void): Promise<boolean> {
  for (let start = from; start < to; start += PAPERS_PER_CHUNK) {
    if (Date.now() > deadline) return false;
    const sightings = storedPapers(start, Math.min(to, start + PAPERS_PER_CHUNK)).flatMap(sightingsOf);
    const { ms, floorMs } = await mergeAndFloor(page, start / PAPERS_PER_CHUNK, [], sightings);
    progress.sightingsMs += ms;
    progress.sightingsFloorMs += floorMs;
    progress.sightingChunkRatios.push(ms / floorMs);
    progress.sightings += sightings.length;
    if (progress.sightings % 100_000 === 0) log(`import: ${progress.sightings} sightings in ${round(progress.sightingsMs / 1000)} s (floor ${round(progress.sightingsFloorMs / 1000)} s)`);
  }
  return true;
}

interface StateTiming {
  ms: number;
  /** Until the reader-related links were in too (the same as `ms` when the answer carries them). */
  relatedMs: number;
  readerRelated: number;
  states: number;
  seenBefore: number;
  historyDuplicates: number;
}

function listingPageOf(run: number): ListingPage {
  const day = `2031-01-${String((run % 28) + 1).padStart(2, '0')}`;
  return { kind: 'day', key: `day:${day}:${run}`, url: `https://huggingface.co/papers/date/${day}`, period: day };
}

async function timeListed(page: Page, stored: number, run: number): Promise<StateTiming> {
  const mix = listingMix(stored, run);
  const listing = listingPageOf(run);
  const result = await page.evaluate(async (text: string) => {
    const body = JSON.parse(text) as { page: unknown; papers: unknown[] };
    const start = performance.now();
    const response = (await chrome.runtime.sendMessage({ type: 'page/listed', ...body })) as
      | { ok: true; states: Array<{ id: string; seenBefore: boolean; historyDuplicate?: unknown }>; receipt?: string; relatedRef?: string }
      | { ok: false; error: { message: string } }
      | undefined;
    const ms = performance.now() - start;
    if (!response) return { error: 'page/listed got no answer' };
    if (!response.ok) return { error: `page/listed failed: ${response.error.message}` };
    // The reader-related links come after the states (a build that still scores them in the answer has no ref):
    // asked for as the content script does, timed from the listing's start until they are in.
    let relatedMs = ms;
    let readerRelated = response.states.filter((state) => (state as { readerRelated?: unknown[] }).readerRelated?.length).length;
    if (response.relatedRef !== undefined) {
      const ids = response.states.map((state) => state.id);
      const related = (await chrome.runtime.sendMessage({ type: 'papers/reader-related', ref: response.relatedRef, ids })) as
        | { ok: true; related: Array<{ id: string; readerRelated: unknown[] }> }
        | { ok: false; error: { message: string } }
        | undefined;
      relatedMs = performance.now() - start;
      if (!related?.ok) return { error: `papers/reader-related failed: ${JSON.stringify(related)}` };
      readerRelated = related.related.filter((entry) => entry.readerRelated.length > 0).length;
    }
    // The answer comes before the write commits; as the content script (store-link.ts) does, ask (untimed)
    // whether it did, so the next run starts on a stored listing and a lost write fails the bench.
    if (response.receipt !== undefined) {
      const settled = (await chrome.runtime.sendMessage({ type: 'listing/settled', receipt: response.receipt })) as { ok: boolean; recorded?: boolean } | undefined;
      if (!settled?.ok || !settled.recorded) return { error: `page/listed was not stored: ${JSON.stringify(settled)}` };
    }
    return {
      ms,
      relatedMs,
      readerRelated,
      states: response.states.length,
      seenBefore: response.states.filter((state) => state.seenBefore).length,
      historyDuplicates: response.states.filter((state) => state.historyDuplicate).length,
    };
  }, JSON.stringify({ page: listing, papers: mix.papers as Paper[] }));
  if ('error' in result) throw new Error(result.error);
  return result as StateTiming;
}

/** The store object the background exposes for the bench (src/background/index.ts), seen from the worker. */
interface StoreHook {
  indexer: { settled(): Promise<void> };
  /** Absent in builds before it existed (A/B runs against older code). */
  duplicateRecheck?: { settled(): Promise<void> };
  onTiming: ((phase: string, ms: number) => void) | null;
}

function storeWorker(launched: LaunchedExtension): Worker | undefined {
  return launched.context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${launched.extensionId}/`));
}

/**
 * Waits (at most `limitMs`) until the store's background indexing has caught up, and the history-duplicate checks
 * that wait for it are done; returns the wait, or why it could not.
 */
async function waitForIndexer(launched: LaunchedExtension, limitMs: number): Promise<string> {
  const worker = storeWorker(launched);
  if (!worker) return 'no service worker to ask';
  const started = Date.now();
  const outcome = await worker.evaluate(async (limit: number) => {
    const store = (globalThis as { paperLensStore?: StoreHook }).paperLensStore;
    if (!store) return 'the worker exposes no paperLensStore hook';
    const caughtUp = store.indexer.settled().then(() => store.duplicateRecheck?.settled()).then(() => true);
    const done = await Promise.race([caughtUp, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), limit))]);
    return done ? '' : `still indexing after ${limit} ms`;
  }, limitMs).catch((error: unknown) => firstLine(error));
  return outcome || `waited ${round((Date.now() - started) / 1000)} s for background indexing`;
}

/** Collects the store's own phase timings (Store.onTiming) while `body` runs; medians per phase. */
async function withPhaseTimings(launched: LaunchedExtension, body: () => Promise<void>): Promise<Record<string, number>> {
  const worker = storeWorker(launched);
  const install = async (on: boolean): Promise<Record<string, number[]> | null> => {
    if (!worker) return null;
    return worker.evaluate((enable: boolean) => {
      const scope = globalThis as { paperLensStore?: StoreHook; paperLensBenchPhases?: Record<string, number[]> };
      const store = scope.paperLensStore;
      if (!store) return null;
      const collected = scope.paperLensBenchPhases ?? null;
      if (enable) {
        const phases: Record<string, number[]> = {};
        scope.paperLensBenchPhases = phases;
        // Phase names may carry counts, e.g. "listed:candidates(12)": group them without.
        store.onTiming = (phase, ms) => (phases[phase.replace(/\(.*\)$/, '')] ??= []).push(ms);
      } else {
        store.onTiming = null;
      }
      return collected;
    }, on).catch(() => null);
  };
  await install(true);
  await body();
  const phases = await install(false);
  const out: Record<string, number> = {};
  for (const [phase, values] of Object.entries(phases ?? {})) out[phase] = round(median(values));
  return out;
}

async function timeStates(launched: LaunchedExtension, page: Page, report: Report, name: string, stored: number, runOffset: number, context: string, log: (line: string) => void): Promise<StateTiming> {
  const first = await timeListed(page, stored, runOffset);
  const timings: StateTiming[] = [];
  const floors: number[] = [];
  let floorStored = 0;
  const phases = await withPhaseTimings(launched, async () => {
    for (let run = 1; run <= STATE_RUNS; run++) {
      // A real next day's page comes long after the last one's background work (its index rows) is done.
      await waitForIndexer(launched, 30_000);
      // The floor first, on another listing of the same make-up (its papers read by nobody before, as the timed
      // listing's are): it writes nothing, so the timed listing meets the store as the floor did.
      const floorMix = listingMix(stored, runOffset + run + 500);
      const floor = await timeListedFloor(page, listingPageOf(runOffset + run + 500), floorMix.papers as Paper[]);
      floors.push(floor.ms);
      floorStored = floor.stored;
      timings.push(await timeListed(page, stored, runOffset + run));
    }
  });
  const ms = timings.map((timing) => timing.ms);
  const relatedMs = timings.map((timing) => timing.relatedMs);
  const last = timings.at(-1)!;
  log(`${name}: ${ms.map(round).join(', ')} ms (first ${round(first.ms)} ms); reader-related in after ${relatedMs.map(round).join(', ')} ms`);
  report.set(name.replace('store_state_', 'store_related_'), median(relatedMs), {
    samples: relatedMs,
    note: `median, from the start of page/listed until its papers/reader-related answer (${last.readerRelated} papers with links)`,
  });
  const phaseText = Object.entries(phases).map(([phase, value]) => `${phase} ${value}`).join(', ');
  report.extra[`${name.replace(/_ms$/, '')}_phases_ms`] = phases;
  report.setRatio(name.replace(/_ms$/, ''), ms, floors, {
    paired: true,
    note: `median of ${ms.length} page/listed round trips from an extension page (first call: ${round(first.ms)} ms); ${context}; `
      + `250 papers = 100 stored, 100 new, 50 near-copies under new ids: ${last.seenBefore} seen before, ${last.historyDuplicates} history duplicates`
      + (phaseText ? `; store phases (median ms): ${phaseText}` : ''),
    floorNote: `the same worker sent 250 papers of the same make-up (${floorStored} stored), reading each by id from the papers table and answering their states, just before each timed listing`,
  });
  return first;
}

/** Stars a stored paper while the worker writes a 250-paper listing, and on an idle worker, in turn. */
async function measureBusyStar(launched: LaunchedExtension, page: Page, report: Report, stored: number, log: (line: string) => void): Promise<void> {
  const busy: number[] = [];
  const idle: number[] = [];
  try {
    const phases = await withPhaseTimings(launched, async () => {
      for (let run = 0; run < BUSY_RUNS; run++) {
        const id = storedPapers(run * 7, run * 7 + 1)[0]!.id;
        const mix = listingMix(stored, 300 + run);
        const listing = { page: listingPageOf(300 + run), papers: mix.papers as Paper[] };
        // Idle and busy in turn, which first alternating; each starts on a worker done with the last one's work.
        let starred = false;
        for (const which of run % 2 === 0 ? ['idle', 'busy'] : ['busy', 'idle']) {
          await waitForIndexer(launched, 30_000);
          starred = !starred;
          if (which === 'busy') busy.push(await timeStar(page, id, starred, listing));
          else idle.push(await timeStar(page, id, starred));
        }
        log(`busy star ${run + 1}: ${round(busy.at(-1)!)} ms while writing a listing, ${round(idle.at(-1)!)} ms idle`);
      }
    });
    const phaseText = Object.entries(phases).map(([phase, value]) => `${phase} ${value}`).join(', ');
    report.extra.busy_star_during_listing_phases_ms = phases;
    report.setRatio('busy_star_during_listing', busy, idle, {
      paired: true,
      note: `paper/set-starred round trip from an extension page sent the moment page/listed of 250 papers answered (its write, index rows and reader-related scoring under way), ${stored.toLocaleString('en')} stored`
        + (phaseText ? `; the listings' store phases (median ms): ${phaseText}` : ''),
      floorNote: 'the same toggle with the worker idle (its background work after the last listing done)',
    });
  } catch (error) {
    report.missRatio('busy_star_during_listing', firstLine(error));
  }
}

async function usageBytes(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

const extrapolated = (done: number, ms: number, want: number): string => `${round((ms / 1000) * (want / Math.max(1, done)))} s extrapolated`;

export interface StoreDeadlines {
  /** Papers stop being imported after this (epoch ms). */
  papers: number;
  /** Sightings stop being imported after this; the 100,000-paper figures are then taken with fewer sightings. */
  sightings: number;
  /** Stop after the 10,000-paper figures (`--store-small`: quick iterations; the fill to 100,000 is most of the time). */
  smallOnly?: boolean;
}

/** Sends page/listed and returns once it answered (its write still under way), with a function that waits for the write. */
async function sendListingUnsettled(page: Page, listing: ListingPage, papers: Paper[]): Promise<() => Promise<void>> {
  const receipt = await page.evaluate(async (text: string) => {
    const response = (await chrome.runtime.sendMessage({ type: 'page/listed', ...(JSON.parse(text) as object) })) as { ok: boolean; receipt?: string } | undefined;
    if (!response?.ok) throw new Error(`page/listed failed: ${JSON.stringify(response)?.slice(0, 200)}`);
    return response.receipt ?? null;
  }, JSON.stringify({ page: listing, papers }));
  return async () => {
    if (receipt !== null) await page.evaluate((value) => chrome.runtime.sendMessage({ type: 'listing/settled', receipt: value }), receipt);
  };
}

export async function runStoreBench(launched: LaunchedExtension, report: Report, log: (line: string) => void, deadlines: StoreDeadlines, extensionDir: string): Promise<void> {
  const page = await launched.context.newPage();
  // The manifest as a page: an extension-origin document with chrome.runtime and none of the app's own code.
  await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
  try {
    const probe = await page.evaluate(async () => {
      try {
        const response = (await chrome.runtime.sendMessage({ type: 'settings/get' })) as { ok?: boolean; error?: { message: string } } | undefined;
        return response?.ok ? '' : `settings/get answered ${JSON.stringify(response)?.slice(0, 120)}`;
      } catch (error) {
        return String(error);
      }
    });
    if (probe) throw new Error(`the store does not answer: ${probe}`);
    const usage0 = await usageBytes(page);
    await clearImportFloor(page);
    const progress: ImportProgress = { papers: 0, papersMs: 0, papersFloorMs: 0, sightings: 0, sightingsMs: 0, sightingsFloorMs: 0, paperChunkRatios: [], sightingChunkRatios: [] };

    log(`store: importing ${SMALL} papers, then their ${SMALL * SIGHTINGS_PER_PAPER} sightings`);
    if (!(await importPapers(page, 0, SMALL, progress, deadlines.papers, log)) || !(await importSightings(page, 0, SMALL, progress, deadlines.sightings, log))) {
      throw new Error(`out of time after ${progress.papers} papers and ${progress.sightings} sightings`);
    }
    const settledSmall = await waitForIndexer(launched, 30_000);
    await timeStates(launched, page, report, 'store_state_250_of_10000_ms', SMALL, 0, `${SMALL} papers and ${progress.sightings} sightings stored, ${settledSmall}`, log);
    await runSearchBench(page, report, SMALL, log);
    if (deadlines.smallOnly) {
      // The busy worker at 10,000 stored: a quicker look at the same figure (its note says how many were stored).
      await measureBusyStar(launched, page, report, SMALL, log);
      for (const prefix of ['import_', 'store_state_250_of_100000', 'db_', 'popup_', 'busy_popup', 'search_100000']) report.missAll(prefix, 'skipped (--store-small)');
      return;
    }

    log(`store: importing papers up to ${LARGE}`);
    const papersDone = await importPapers(page, SMALL, LARGE, progress, deadlines.papers, log);
    if (papersDone) {
      report.setRatio('import_100000_papers', [progress.papersMs], [progress.papersFloorMs], {
        note: `sum of ${LARGE / PAPERS_PER_CHUNK} backup/merge round trips of ${PAPERS_PER_CHUNK} papers (as the options page sends them), sightings separately (the first ${SMALL} papers' before the rest); per chunk, merge / floor: median ${round(median(progress.paperChunkRatios))}`,
        floorNote: `the same chunks, each beside its merge (order alternating), put raw (bulkPut of the stored rows) into the papers table of a second database with the store's schema, in the same worker`,
      });
    } else {
      report.missRatio('import_100000_papers', `out of the bench's time budget after ${progress.papers} papers in ${round(progress.papersMs / 1000)} s (${extrapolated(progress.papers, progress.papersMs, LARGE)}), `
        + `against ${round(progress.papersFloorMs / 1000)} s of raw puts of the same: ${round(progress.papersMs / progress.papersFloorMs)}x so far`);
      throw new Error(`the import ran out of the bench's time budget after ${progress.papers} papers`);
    }
    log(`store: importing sightings up to ${LARGE * SIGHTINGS_PER_PAPER}`);
    const sightingsDone = await importSightings(page, SMALL, LARGE, progress, deadlines.sightings, log);
    const sightingChunks = `${progress.sightings / (PAPERS_PER_CHUNK * SIGHTINGS_PER_PAPER)} backup/merge round trips of ${PAPERS_PER_CHUNK * SIGHTINGS_PER_PAPER} sightings`;
    if (sightingsDone) {
      report.setRatio('import_1000000_sightings', [progress.sightingsMs], [progress.sightingsFloorMs], {
        note: `${sightingChunks}; per chunk, merge / floor: median ${round(median(progress.sightingChunkRatios))}`,
        floorNote: 'the same chunks put raw into the sightings table of the second database, each beside its merge',
      });
    } else {
      report.missRatio('import_1000000_sightings', `out of the bench's time budget after ${progress.sightings} sightings in ${round(progress.sightingsMs / 1000)} s (${extrapolated(progress.sightings, progress.sightingsMs, LARGE * SIGHTINGS_PER_PAPER)}), `
        + `against ${round(progress.sightingsFloorMs / 1000)} s of raw puts of the same: ${round(progress.sightingsMs / progress.sightingsFloorMs)}x so far`);
    }

    // The floor's database shares the extension's storage: gone before the store's size is read.
    await clearImportFloor(page);
    const settledLarge = await waitForIndexer(launched, 30_000);
    const usage2 = await usageBytes(page);
    const perThousand = (bytes: number, papers: number): number => bytes / 1024 / (papers / 1000);
    report.set('db_kb_per_1000_papers', perThousand(usage2 - usage0, LARGE), {
      note: `navigator.storage.estimate() of the extension origin, before and after ${LARGE} papers + ${progress.sightings} sightings`,
    });
    report.set('db_mb_100000_papers', (usage2 - usage0) / 1024 / 1024);
    const sightingsNote = sightingsDone ? `${progress.sightings} sightings` : `only ${progress.sightings} of ${LARGE * SIGHTINGS_PER_PAPER} sightings (import out of time)`;
    const first = await timeStates(launched, page, report, 'store_state_250_of_100000_ms', LARGE, 100, `${LARGE} papers and ${sightingsNote} stored, ${settledLarge}`, log);
    report.set('store_state_250_of_100000_first_ms', first.ms);
    await runSearchBench(page, report, LARGE, log);

    await measureBusyStar(launched, page, report, LARGE, log);

    let busyRun = 400;
    await measurePopup(launched, report, log, {
      settle: () => waitForIndexer(launched, 15_000),
      extensionDir,
      startListing: async () => {
        const run = busyRun++;
        return sendListingUnsettled(page, listingPageOf(run), listingMix(LARGE, run).papers as Paper[]);
      },
    });
  } catch (error) {
    const reason = firstLine(error);
    for (const prefix of ['import_', 'store_', 'db_', 'popup_', 'busy_', 'search_']) report.missAll(prefix, reason);
    log(`store: ${reason}`);
  } finally {
    await page.close();
  }
}
