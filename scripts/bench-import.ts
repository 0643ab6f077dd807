/**
 * The import alone, for comparing builds side by side: `tsx scripts/bench-import.ts [--papers=N] [--sightings=N]`
 * imports N stored papers through backup/merge in chunks of 1000 (as the options page and the store bench do),
 * after first importing `--sightings` papers' worth of sightings the way the store bench does (10,000 papers, their
 * 100,000 sightings, then the rest). Prints the papers' round trips (sum, quartiles per chunk), the store's own
 * merge phases (Store.onTiming), how long the background indexing took after the import, and the database size.
 * It builds and runs the bench build (dist-bench/chrome); PAPER_LENS_BENCH_EXTENSION_DIR points it at another build
 * (the old code, for an A/B run).
 */
import type { Page, Worker } from 'playwright';
import { buildBenchExtension, launchBench } from './bench-launch';
import { round } from './bench-report';
import { sightingsOf, storedPapers } from './bench-records';
import { mergeChunk } from './bench-store';

const CHUNK = 1000;
const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((value) => value.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};
const PAPERS = arg('papers', 100_000);
const SIGHTINGS_AFTER = arg('sightings', 10_000);

interface StoreHook {
  indexer: { settled(): Promise<void> };
  onTiming: ((phase: string, ms: number) => void) | null;
}

/** Installs (or removes and returns) a collector of the store's phase timings: sums and counts per phase. */
async function phases(worker: Worker, on: boolean): Promise<Record<string, { sum: number; n: number }>> {
  return worker.evaluate((enable: boolean) => {
    const scope = globalThis as { paperLensStore?: StoreHook; importPhases?: Record<string, { sum: number; n: number }> };
    const store = scope.paperLensStore;
    if (!store) return {};
    const collected = scope.importPhases ?? {};
    if (enable) {
      const sums: Record<string, { sum: number; n: number }> = {};
      scope.importPhases = sums;
      store.onTiming = (phase, ms) => {
        const entry = (sums[phase.replace(/\(.*\)$/, '')] ??= { sum: 0, n: 0 });
        entry.sum += ms;
        entry.n++;
      };
    } else {
      store.onTiming = null;
    }
    return collected;
  }, on);
}

async function settle(worker: Worker): Promise<number> {
  const started = Date.now();
  await worker.evaluate(() => (globalThis as { paperLensStore?: StoreHook }).paperLensStore?.indexer.settled());
  return Date.now() - started;
}

const usage = (page: Page): Promise<number> => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
const quartiles = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return `min ${at(0)} / q1 ${at(0.25)} / median ${at(0.5)} / q3 ${at(0.75)} / max ${at(0.999)} ms`;
};

async function main(): Promise<void> {
  if (!process.env.PAPER_LENS_BENCH_EXTENSION_DIR) buildBenchExtension();
  const launched = await launchBench();
  try {
    const page = await launched.context.newPage();
    await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'settings/get' }));
    const worker = launched.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${launched.extensionId}/`));
    if (!worker) throw new Error('no service worker');
    const before = await usage(page);
    const chunkMs: number[] = [];
    const importPapers = async (from: number, to: number): Promise<void> => {
      for (let start = from; start < to; start += CHUNK) chunkMs.push(await mergeChunk(page, storedPapers(start, Math.min(to, start + CHUNK)), []));
    };
    const first = Math.min(SIGHTINGS_AFTER, PAPERS);
    await phases(worker, true);
    await importPapers(0, first);
    let sightingsMs = 0;
    if (first > 0) {
      for (let start = 0; start < first; start += CHUNK) sightingsMs += await mergeChunk(page, [], storedPapers(start, Math.min(first, start + CHUNK)).flatMap(sightingsOf));
      await settle(worker);
    }
    await importPapers(first, PAPERS);
    const merged = await phases(worker, false);
    const indexMs = await settle(worker);
    const after = await usage(page);
    const total = chunkMs.reduce((sum, ms) => sum + ms, 0);
    const out = {
      dir: process.env.PAPER_LENS_BENCH_EXTENSION_DIR ?? 'dist/chrome',
      papers: PAPERS,
      papers_s: round(total / 1000),
      chunk: quartiles(chunkMs),
      sightings_s: round(sightingsMs / 1000),
      index_after_s: round(indexMs / 1000),
      kb_per_1000_papers: round((after - before) / 1024 / (PAPERS / 1000)),
      phases_ms: Object.fromEntries(Object.entries(merged).map(([phase, { sum, n }]) => [phase, `${round(sum)} (${n}x)`])),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await launched.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
