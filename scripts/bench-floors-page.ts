/**
 * The listing page's cost against its floors (issue "No jank on the listing"): every figure is a ratio to the same
 * thing done by a minimal annotator in the same run.
 *
 * Three variants load the same listing pages, each in a fresh profile, one after another, the order rotated every
 * round (a build loaded first measures differently: docs/performance.md, "Caveats"):
 *   - Paper Lens (the bench build),
 *   - a minimal annotator the bench writes itself (`annotatorFiles`): the same content-script matches and run_at;
 *     its content script queries the card links, sets one attribute on each card, puts one small badge on each
 *     card in the viewport, sends one message and waits for its answer; its service worker only answers,
 *   - no extension: the page's own cost.
 * At 50, 250 and 1000 cards, a first visit (papers the store never saw) and a return visit (the same page again).
 *
 * Figures, from a Chromium trace of each load (CPU time, the thread's own, not wall time: on a loaded machine a
 * wall duration grows with other processes' work):
 *   - main-thread CPU: the extension's tasks plus the style/layout/paint tasks its changes cause,
 *   - the page's longest task (whoever ran it) with Paper Lens against with the annotator, and Paper Lens's own
 *     longest task (its script, or rendering it caused) against 50 ms,
 *   - until every card in the viewport shows its marks, against the annotator's round trip,
 *   - the service worker's CPU per listed paper against the same page analysis run warm in this process.
 */
import { chromium, type CDPSession } from 'playwright';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, findChromium, INSTALL_HINT } from '../e2e/browser';
import { FixtureSite } from '../e2e/fixtures/site';
import { generateSyntheticSet } from '../e2e/fixtures/synthetic';
import type { LaunchedExtension } from '../e2e/launch';
import { analysePage } from '../src/core/analyse';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { BENCH_INIT_SCRIPT, BLANK_HTML, BLANK_PATH, measureLoad, type LoadMeasurement } from './bench-load';
import { median, round, type Report } from './bench-report';
import { firstLine } from './bench-content';

export const PAGE_SIZES = [50, 250, 1000] as const;
const VISITS = ['first', 'return'] as const;
type Visit = (typeof VISITS)[number];
type Variant = 'paper-lens' | 'annotator' | 'none';
const VARIANTS: Variant[] = ['paper-lens', 'annotator', 'none'];
/** Rounds of all three variants (PAPER_LENS_BENCH_PAGE_ROUNDS; more give steadier medians). */
const ROUNDS = Number(process.env.PAPER_LENS_BENCH_PAGE_ROUNDS) || 3;

/** Quiet time after the marks before a trace ends: the worker's work after its answer (the write, index rows, related scoring) falls inside. */
const SETTLE_MS = 1500;

export const TARGETS = { mainThread: 3, longestTask: 1.2, addedTaskCpuMs: 50, marks: 1.5, workerPerPaper: 2 } as const;

const base = (n: number, visit: Visit, what: string): string => `page_${n}_cards_${visit}_${what}`;

export function declarePageFigures(report: Report): void {
  for (const n of PAGE_SIZES) {
    for (const visit of VISITS) {
      const label = `page ${n} cards, ${visit} visit`;
      report.declareRatio(base(n, visit, 'main_thread_cpu'), `${label}: main-thread CPU (script + rendering it causes) / minimal annotator`, TARGETS.mainThread);
      report.declareRatio(base(n, visit, 'longest_task_cpu'), `${label}: page's longest task (CPU) / with minimal annotator`, TARGETS.longestTask);
      report.declare(base(n, visit, 'added_task_cpu_ms'), `${label}: longest task Paper Lens caused (script or its rendering), CPU`, 'ms', { op: '<=', value: TARGETS.addedTaskCpuMs });
      report.declareRatio(base(n, visit, 'marks_in_viewport'), `${label}: every card in the viewport marked / annotator's round trip`, TARGETS.marks);
      report.declareRatio(base(n, visit, 'worker_cpu_per_paper'), `${label}: service-worker CPU per listed paper / warm in-process analysis`, TARGETS.workerPerPaper);
      report.declare(base(n, visit, 'longest_task_no_extension_cpu_ms'), `${label}: page's longest task without any extension, CPU`, 'ms', undefined, { jsonOnly: true });
    }
  }
}

/** The minimal annotator: manifest, content script and service worker, with Paper Lens's matches and run_at. */
export function annotatorFiles(paperLensManifest: { content_scripts: Array<{ matches: string[]; run_at?: string }> }): Record<string, string> {
  const script = paperLensManifest.content_scripts[0];
  if (!script) throw new Error('the Paper Lens manifest has no content script');
  const manifest = {
    manifest_version: 3,
    name: 'Minimal annotator (bench floor)',
    version: '1.0.0',
    background: { service_worker: 'worker.js' },
    content_scripts: [{ matches: script.matches, js: ['content.js'], run_at: script.run_at ?? 'document_idle' }],
  };
  const content = `(() => {
  const cards = [];
  for (const link of document.querySelectorAll('article h3 a[href^="/papers/"]')) {
    const card = link.closest('article');
    if (!card) continue;
    card.setAttribute('data-bench-annotated', link.getAttribute('href'));
    cards.push(card);
  }
  const height = window.innerHeight;
  for (const card of cards) {
    const box = card.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= height) continue;
    const badge = document.createElement('span');
    badge.setAttribute('data-bench-badge', '');
    badge.textContent = 'seen';
    card.append(badge);
  }
  chrome.runtime.sendMessage({ cards: cards.length }).then(() => document.documentElement.setAttribute('data-paper-lens-ready', '1'));
})();
`;
  const worker = `chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { sendResponse({ ok: true, cards: message.cards }); });\n`;
  return { 'manifest.json': JSON.stringify(manifest, null, 2), 'content.js': content, 'worker.js': worker };
}

function writeAnnotator(paperLensDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-lens-bench-annotator-'));
  const files = annotatorFiles(JSON.parse(readFileSync(join(paperLensDir, 'manifest.json'), 'utf8')));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A fresh profile with one extension (or none), routed to a fixture site like e2e/launch.ts. */
async function launchVariant(extensionDir: string | null): Promise<LaunchedExtension & { traceSession: CDPSession }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const userDataDir = mkdtempSync(join(tmpdir(), 'paper-lens-bench-floor-profile-'));
  const site = new FixtureSite();
  const args = [...(extensionDir ? chromiumArgs(extensionDir) : chromiumArgs('/nonexistent').filter((arg) => !arg.includes('extension'))), '--remote-debugging-port=0'];
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args, viewport: { width: 1280, height: 900 } });
  await context.route(/^https?:\/\//, async (route) => {
    if (new URL(route.request().url()).hostname === 'huggingface.co') await site.handle(route);
    else await route.abort('blockedbyclient');
  });
  const serviceWorker = extensionDir ? context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 })) : null;
  site.setHtml(BLANK_PATH, BLANK_HTML);
  await context.addInitScript(BENCH_INIT_SCRIPT);
  // A second client on the same browser, for a browser-level trace (the page's own session would miss the
  // extension's process): Chromium writes the port it chose into the profile.
  const port = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const observer = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const traceSession = await observer.newBrowserCDPSession();
  return {
    traceSession,
    context,
    site,
    extensionId: serviceWorker ? new URL(serviceWorker.url()).host : 'none',
    serviceWorker: serviceWorker as LaunchedExtension['serviceWorker'],
    userDataDir,
    async close() {
      await traceSession.detach().catch(() => undefined);
      await observer.close().catch(() => undefined);
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const dayOf = (round: number, sizeIndex: number): string => `2042-${String(round + 1).padStart(2, '0')}-${String(sizeIndex + 10).padStart(2, '0')}`;

function pagePapers(n: number, round: number, sizeIndex: number) {
  return generateSyntheticSet({ seed: 9000 + round * 10 + sizeIndex, count: n, plant: true, startDate: dayOf(round, sizeIndex) }).papers;
}

/** CPU ms per paper of the page analysis the worker runs for a listing (analysePage), warm, in this process. */
export function warmAnalysisCpuPerPaper(n: number): { perPaperMs: number; samples: number[] } {
  const papers = pagePapers(n, 0, PAGE_SIZES.indexOf(n as (typeof PAGE_SIZES)[number]));
  const options = { relatedThreshold: DEFAULT_SETTINGS.relatedThreshold, maxRelated: DEFAULT_SETTINGS.relatedCount };
  for (let i = 0; i < 3; i++) analysePage(papers, options);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = process.cpuUsage();
    analysePage(papers, options);
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  return { perPaperMs: median(samples) / n, samples };
}

interface Sample {
  round: number;
  load: LoadMeasurement;
}
type Samples = Map<string, Sample[]>;
const sampleKey = (variant: Variant, n: number, visit: Visit): string => `${variant}|${n}|${visit}`;

async function runVariant(variant: Variant, dir: string | null, round: number, sizes: readonly number[], samples: Samples, log: (line: string) => void): Promise<void> {
  const launched = await launchVariant(dir);
  try {
    const expectReady = variant !== 'none';
    const common = { extensionId: launched.extensionId, readyTimeoutMs: 60_000, settleMs: SETTLE_MS, trace: true, expectReady, traceSession: launched.traceSession };
    // Warm-up (wakes the worker and opens the store): not counted.
    const warm = generateSyntheticSet({ seed: 77, count: 20, startDate: '2041-01-01' }).papers;
    launched.site.setPage('/papers/date/2041-01-01', { papers: warm, layout: 'payload' });
    await measureLoad(launched.context, { ...common, url: 'https://huggingface.co/papers/date/2041-01-01', trace: false });
    for (const n of sizes) {
      const sizeIndex = PAGE_SIZES.indexOf(n as (typeof PAGE_SIZES)[number]);
      const path = `/papers/date/${dayOf(round, sizeIndex)}`;
      launched.site.setPage(path, { papers: pagePapers(n, round, sizeIndex), layout: 'payload' });
      for (const visit of VISITS) {
        const load = await measureLoad(launched.context, { ...common, url: `https://huggingface.co${path}` });
        const list = samples.get(sampleKey(variant, n, visit)) ?? [];
        list.push({ round, load });
        samples.set(sampleKey(variant, n, visit), list);
        const trace = load.trace;
        log(`page round ${round + 1} ${variant} ${n} cards ${visit}: extension CPU ${trace ? round2(trace.extensionTaskCpuMs + trace.renderCpuMs) : '?'} ms, `
          + `longest task CPU ${trace ? round2(trace.longestTaskCpuMs) : '?'} ms, marks ${load.viewportMarkedMs === null ? '-' : round2(load.viewportMarkedMs)} ms, worker CPU ${load.workerCpuMs === null ? '-' : round2(load.workerCpuMs)} ms`);
      }
    }
  } finally {
    await launched.close();
  }
}

const round2 = (value: number): number => round(value);

/** Pairs Paper Lens's and the annotator's samples of the same round; returns the two lists in round order. */
function paired(samples: Samples, n: number, visit: Visit, pick: (load: LoadMeasurement) => number | null): { values: number[]; floors: number[] } {
  const ours = samples.get(sampleKey('paper-lens', n, visit)) ?? [];
  const theirs = samples.get(sampleKey('annotator', n, visit)) ?? [];
  const values: number[] = [];
  const floors: number[] = [];
  for (const sample of ours) {
    const match = theirs.find((other) => other.round === sample.round);
    const value = pick(sample.load);
    const floor = match ? pick(match.load) : null;
    if (value === null || floor === null) continue;
    values.push(value);
    floors.push(floor);
  }
  return { values, floors };
}

const extensionCpu = (load: LoadMeasurement): number | null => (load.trace ? load.trace.extensionTaskCpuMs + load.trace.renderCpuMs : null);

function record(report: Report, samples: Samples, sizes: readonly number[], rounds: number): void {
  for (const n of sizes) {
    const floorAnalysis = warmAnalysisCpuPerPaper(n);
    for (const visit of VISITS) {
      const main = paired(samples, n, visit, extensionCpu);
      report.setRatio(base(n, visit, 'main_thread_cpu'), main.values, main.floors, {
        paired: true,
        note: 'CPU of the main-thread tasks that ran the extension plus the style/layout/paint tasks after them (trace)',
      });
      const longest = paired(samples, n, visit, (load) => load.trace?.longestTaskCpuMs ?? null);
      const none = (samples.get(sampleKey('none', n, visit)) ?? []).map((sample) => sample.load.trace?.longestTaskCpuMs).filter((value): value is number => value !== undefined);
      report.setRatio(base(n, visit, 'longest_task_cpu'), longest.values, longest.floors, {
        paired: true,
        note: `the page's longest main-thread task from its parse on, whoever ran it; without any extension ${none.length ? round(median(none)) : '?'} ms`,
      });
      if (none.length) report.set(base(n, visit, 'longest_task_no_extension_cpu_ms'), median(none), { samples: none });
      else report.miss(base(n, visit, 'longest_task_no_extension_cpu_ms'), 'no load without an extension completed');
      const added = (samples.get(sampleKey('paper-lens', n, visit)) ?? []).map((sample) => sample.load.trace?.longestExtensionCpuMs).filter((value): value is number => value !== undefined);
      if (added.length) {
        report.set(base(n, visit, 'added_task_cpu_ms'), Math.max(...added), { samples: added, note: `worst of ${added.length} loads (median ${round(median(added))} ms): the longest task that ran Paper Lens's content script or rendered its changes` });
      } else {
        report.miss(base(n, visit, 'added_task_cpu_ms'), 'no traced Paper Lens load');
      }
      const marks = paired(samples, n, visit, (load) => load.viewportMarkedMs);
      report.setRatio(base(n, visit, 'marks_in_viewport'), marks.values, marks.floors, {
        paired: true,
        note: 'wall time from navigation start until every card in the viewport shows its marks (the annotator: its badges and its answer in)',
      });
      const worker = (samples.get(sampleKey('paper-lens', n, visit)) ?? []).map((sample) => sample.load.workerCpuMs).filter((value): value is number => value !== null);
      if (worker.length) {
        report.setRatio(base(n, visit, 'worker_cpu_per_paper'), worker.map((ms) => ms / n), floorAnalysis.samples.map((ms) => ms / n), {
          note: `service-worker thread CPU during the load (trace), per listed paper: ${round(median(worker))} ms for ${n}`,
          floorNote: `analysePage of the same ${n} papers, warm, in the bench's Node process: ${round(median(floorAnalysis.samples))} ms`,
        });
      } else {
        report.missRatio(base(n, visit, 'worker_cpu_per_paper'), 'the trace showed no service-worker thread');
      }
    }
  }
  report.extra.page_rounds = rounds;
}

/** PAPER_LENS_BENCH_CARDS=50,250 limits the sizes (quick iterations); the others are then not measured. */
function sizesToRun(): number[] {
  const listed = process.env.PAPER_LENS_BENCH_CARDS;
  return listed ? PAGE_SIZES.filter((n) => listed.split(',').map(Number).includes(n)) : [...PAGE_SIZES];
}

export async function runPageFloorBench(paperLensDir: string, report: Report, log: (line: string) => void, deadline: number): Promise<void> {
  const annotatorDir = writeAnnotator(paperLensDir);
  const samples: Samples = new Map();
  const sizes = sizesToRun();
  let rounds = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0 && Date.now() > deadline) {
        log(`page: stopping after ${round} rounds (time budget)`);
        break;
      }
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as Variant);
      for (const variant of order) {
        const dir = variant === 'paper-lens' ? paperLensDir : variant === 'annotator' ? annotatorDir : null;
        try {
          await runVariant(variant, dir, round, sizes, samples, log);
        } catch (error) {
          log(`page round ${round + 1} ${variant}: ${firstLine(error)}`);
        }
      }
      rounds++;
    }
    record(report, samples, sizes, rounds);
    for (const n of PAGE_SIZES) if (!sizes.includes(n)) report.missAll(`page_${n}_cards_`, 'skipped (PAPER_LENS_BENCH_CARDS)');
  } finally {
    rmSync(annotatorDir, { recursive: true, force: true });
  }
}
