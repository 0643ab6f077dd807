/**
 * Content-script cost on listing pages of 50, 250, 1000 and 2000 cards: each size is loaded several times with
 * fresh synthetic papers (a first visit every time), and twice without the extension (same HTML on a path the
 * content script does not match) as the baseline for the CDP figures.
 */
import type { LaunchedExtension } from '../e2e/launch';
import { renderListingPage } from '../e2e/fixtures/listing-page';
import { generateSyntheticSet } from '../e2e/fixtures/synthetic';
import { measureLoad, type LoadMeasurement } from './bench-load';
import { median, round, type Report } from './bench-report';

export interface ContentSize {
  cards: number;
  runs: number;
  /** Main-thread target in ms (none for the largest size). */
  targetMs?: number;
}

export const CONTENT_SIZES: ContentSize[] = [
  { cards: 50, runs: 7, targetMs: 15 },
  { cards: 250, runs: 5, targetMs: 40 },
  { cards: 1000, runs: 3, targetMs: 150 },
  { cards: 2000, runs: 2 },
];
const BASELINE_RUNS = 2;
export const LONG_TASK_MS = 50;

const key = (cards: number, what: string): string => `content_${cards}_cards_${what}`;

export function declareContentFigures(report: Report): void {
  for (const size of CONTENT_SIZES) {
    const n = size.cards;
    report.declare(key(n, 'main_thread_ms'), `content ${n} cards: main-thread time (read, detect, mark)`, 'ms', size.targetMs ? { op: '<=', value: size.targetMs } : undefined);
    report.declare(key(n, 'longest_task_ms'), `content ${n} cards: longest task`, 'ms', { op: '<=', value: LONG_TASK_MS });
    report.declare(key(n, 'marks_shown_ms'), `content ${n} cards: navigation to marks shown`, 'ms');
    report.declare(key(n, 'main_thread_cpu_ms'), `content ${n} cards: CPU time of the same tasks`, 'ms', undefined, { jsonOnly: true });
    report.declare(key(n, 'render_after_marks_ms'), `content ${n} cards: rendering after the marks`, 'ms', undefined, { jsonOnly: true });
    report.declare(key(n, 'self_measured_ms'), `content ${n} cards: paper-lens:* measures`, 'ms', undefined, { jsonOnly: true });
    report.declare(key(n, 'cdp_script_ms'), `content ${n} cards: CDP ScriptDuration`, 'ms', undefined, { jsonOnly: true });
    report.declare(key(n, 'cdp_task_over_baseline_ms'), `content ${n} cards: CDP TaskDuration over the page alone`, 'ms', undefined, { jsonOnly: true });
    report.declare(key(n, 'longtask_observer_max_ms'), `content ${n} cards: longest 'longtask' entry`, 'ms', undefined, { jsonOnly: true });
  }
}

/** A first-of-the-month date per (size, run), so every run lists papers the store has never seen. */
function runDate(sizeIndex: number, run: number): string {
  const month = sizeIndex * 12 + run;
  return `${2001 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

function listingPage(launched: LaunchedExtension, cards: number, seed: number, startDate: string): { url: string; html: string } {
  const { papers } = generateSyntheticSet({ seed, count: cards, plant: true, startDate });
  const path = `/papers/date/${startDate}`;
  launched.site.setPage(path, { papers, layout: 'payload' });
  const url = `https://huggingface.co${path}`;
  return { url, html: renderListingPage({ papers, layout: 'payload', url }) };
}

/** PAPER_LENS_BENCH_CARDS=50,250 measures only those sizes (quick iterations); the others are then not measured. */
function onlySizes(): Set<number> | null {
  const listed = process.env.PAPER_LENS_BENCH_CARDS;
  return listed ? new Set(listed.split(',').map(Number)) : null;
}

const fmt = (value: number): string => String(round(value));

export async function runContentBench(launched: LaunchedExtension, report: Report, log: (line: string) => void, deadline: number): Promise<void> {
  const { context, extensionId } = launched;
  const common = { extensionId, readyTimeoutMs: 20_000, settleMs: 300, trace: true };

  // Warm-up: wakes the service worker and the store; not counted.
  const warm = listingPage(launched, 20, 99, '2000-12-01');
  try {
    await measureLoad(context, { ...common, url: warm.url, expectReady: true });
  } catch (error) {
    const reason = `content script did not mark a 20-card page (no <html data-paper-lens-ready> within 20 s): ${firstLine(error)}`;
    report.missAll('content_', reason);
    log(`content: ${reason}`);
    return;
  }

  const only = onlySizes();
  for (const [sizeIndex, size] of CONTENT_SIZES.entries()) {
    const n = size.cards;
    if (only && !only.has(n)) continue;
    const runs: LoadMeasurement[] = [];
    const baselines: LoadMeasurement[] = [];
    let failure = '';
    for (let run = 0; run < size.runs; run++) {
      if (Date.now() > deadline && runs.length >= 1) break;
      const page = listingPage(launched, n, 1000 + n + run, runDate(sizeIndex, run));
      try {
        runs.push(await measureLoad(context, { ...common, url: page.url, expectReady: true }));
        if (run < BASELINE_RUNS) {
          // The same bytes on a path outside the content script's match pattern: the page's own cost.
          const baselinePath = `/bench-baseline/${n}/${run}`;
          launched.site.setHtml(baselinePath, page.html);
          baselines.push(await measureLoad(context, { ...common, url: `https://huggingface.co${baselinePath}`, expectReady: false, settleMs: 600 }));
        }
      } catch (error) {
        failure = firstLine(error);
        break;
      }
      log(`content ${n} cards run ${run + 1}: trace ${fmt(runs.at(-1)?.trace?.extensionTaskMs ?? Number.NaN)} ms (CPU ${fmt(runs.at(-1)?.trace?.extensionTaskCpuMs ?? Number.NaN)} ms), self ${fmt(runs.at(-1)?.selfMeasuredMs ?? Number.NaN)} ms`);
    }
    if (runs.length === 0) {
      report.missAll(`content_${n}_cards_`, `no run completed: ${failure || 'out of time'}`);
      continue;
    }
    recordSize(report, size, runs, baselines);
  }
}

function recordSize(report: Report, size: ContentSize, runs: LoadMeasurement[], baselines: LoadMeasurement[]): void {
  const n = size.cards;
  const traced = runs.filter((run) => run.trace !== null).map((run) => run.trace!);
  const selfMs = runs.map((run) => run.selfMeasuredMs);
  const hasMeasures = runs.some((run) => run.measures.length > 0);
  const scriptMs = runs.map((run) => run.cdpScriptMs);
  const baselineScript = baselines.length ? median(baselines.map((run) => run.cdpScriptMs)) : 0;
  const baselineTask = baselines.length ? median(baselines.map((run) => run.cdpTaskMs)) : Number.NaN;
  const taskOver = runs.map((run) => run.cdpTaskMs - baselineTask);
  const renderMs = traced.map((trace) => trace.renderMs);
  const observerMax = runs.map((run) => Math.max(0, ...run.longTasks.map((task) => task.duration)));
  const baselineObserverMax = Math.max(0, ...baselines.flatMap((run) => run.longTasks.map((task) => task.duration)));

  if (hasMeasures) {
    const names = [...new Set(runs.flatMap((run) => run.measures.map((measure) => measure.name)))];
    report.set(key(n, 'self_measured_ms'), median(selfMs), { samples: selfMs, note: `union of ${names.join(', ')}` });
  } else {
    report.miss(key(n, 'self_measured_ms'), 'the content script records no paper-lens:* performance measures');
  }
  report.set(key(n, 'cdp_script_ms'), median(scriptMs) - baselineScript, { samples: scriptMs, note: `ScriptDuration delta minus the page alone (${fmt(baselineScript)} ms: the bench's own polling)` });
  if (baselines.length) report.set(key(n, 'cdp_task_over_baseline_ms'), median(taskOver), { samples: taskOver, note: `TaskDuration ${fmt(median(runs.map((run) => run.cdpTaskMs)))} ms with the extension, ${fmt(baselineTask)} ms for the page alone` });
  report.set(key(n, 'longtask_observer_max_ms'), median(observerMax), { samples: observerMax, note: `page alone: ${fmt(baselineObserverMax)} ms (the page's own parse and layout)` });

  const ready = runs.map((run) => run.readyMs).filter((value): value is number => value !== null);
  if (ready.length) report.set(key(n, 'marks_shown_ms'), median(ready), { samples: ready, note: 'wall time from navigation start to <html data-paper-lens-ready>, includes the store round trip' });

  if (traced.length === 0) {
    report.miss(key(n, 'main_thread_ms'), 'trace did not show the page being parsed');
    report.miss(key(n, 'longest_task_ms'), 'trace did not show the page being parsed');
    return;
  }
  report.set(key(n, 'render_after_marks_ms'), median(renderMs), { samples: renderMs, note: 'style, layout and paint tasks that follow content.js tasks after the page finished parsing' });
  const mainMs = traced.map((trace) => trace.extensionTaskMs);
  const cpuMs = traced.map((trace) => trace.extensionTaskCpuMs);
  report.set(key(n, 'main_thread_cpu_ms'), median(cpuMs), { samples: cpuMs, note: 'thread time of the tasks counted in main-thread time: what the machine\'s load did not stretch' });
  const scriptSampled = traced.map((trace) => trace.extensionScriptMs);
  const longest = traced.map((trace) => Math.max(trace.longestExtensionTaskMs, ...trace.renderTasks.map((task) => task.durationMs)));
  const worstRender = Math.max(0, ...traced.flatMap((trace) => trace.renderTasks.map((task) => task.durationMs)));
  const worstScript = Math.max(0, ...traced.map((trace) => trace.longestExtensionTaskMs));
  const tasksPerRun = median(traced.map((trace) => trace.extensionTasks.length));
  report.set(key(n, 'main_thread_ms'), median(mainMs), {
    samples: mainMs,
    note: `median of ${mainMs.length} (CPU time ${fmt(median(cpuMs))} ms); trace: ${fmt(tasksPerRun)} tasks ran content.js (${fmt(median(scriptSampled))} ms with it on the stack) | `
      + `self-reported paper-lens:* ${hasMeasures ? `${fmt(median(selfMs))} ms` : 'none'} | CDP ScriptDuration ${fmt(median(scriptMs) - baselineScript)} ms, `
      + `TaskDuration over the page alone ${baselines.length ? fmt(median(taskOver)) : '?'} ms | rendering after the marks ${renderMs.length ? fmt(median(renderMs)) : '?'} ms`,
  });
  report.set(key(n, 'longest_task_ms'), median(longest), {
    samples: longest,
    note: `median of per-run longest; worst: content.js task ${fmt(worstScript)} ms, rendering after marks ${fmt(worstRender)} ms; `
      + `'longtask' observer (any task) ${fmt(median(observerMax))} ms, page alone ${fmt(baselineObserverMax)} ms`,
  });
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
