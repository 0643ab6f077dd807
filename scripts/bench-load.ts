/**
 * Loads one routed listing page in a fresh tab and measures what the content script costs the page's main
 * thread, three independent ways at once:
 *   - a Chromium trace (tasks that ran extension code, found by bench-trace.ts),
 *   - CDP Performance.getMetrics deltas (ScriptDuration, TaskDuration) over the load,
 *   - a `longtask` PerformanceObserver installed before navigation (BENCH_INIT_SCRIPT),
 * plus what the content script reports itself (`paper-lens:*` User Timing measures).
 */
import type { BrowserContext, CDPSession } from 'playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseLoadTrace, findMainThread, threadCpuMs, TRACE_CATEGORIES, type LoadTraceSummary, type TraceEvent } from './bench-trace';

/** Main-world probe installed with context.addInitScript before any navigation. */
export const BENCH_INIT_SCRIPT = `(() => {
  const probe = { longTasks: [], readyAt: null };
  Object.defineProperty(window, '__paperLensBench', { value: probe });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) { /* no longtask support: the list stays empty */ }
  // When the extension says it is ready, every card in the viewport should show its marks (Paper Lens: a strip
  // host with its shadow root; the bench's minimal annotator: its badge). If one does not yet, the probe checks
  // again each frame until it does: viewportMarkedAt is when the reader sees every visible card marked.
  probe.viewportMarkedAt = null;
  const viewportMarked = () => Array.from(document.querySelectorAll('article')).every((card) => {
    const box = card.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= window.innerHeight) return true;
    const host = card.querySelector('paper-lens-marks, [data-bench-badge]');
    return host !== null && (host.shadowRoot !== null || host.hasAttribute('data-bench-badge'));
  });
  const checkViewport = () => {
    if (viewportMarked()) probe.viewportMarkedAt = performance.now();
    else requestAnimationFrame(checkViewport);
  };
  // Parser-set attributes are not mutations, so watching attributes under the document stays cheap.
  new MutationObserver(() => {
    if (probe.readyAt === null && document.documentElement && document.documentElement.hasAttribute('data-paper-lens-ready')) {
      probe.readyAt = performance.now();
      checkViewport();
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-paper-lens-ready'], subtree: true });
})();`;

/** A tiny same-site page to open the tab on, so the measured navigation stays in one renderer. */
export const BLANK_PATH = '/bench/blank';
export const BLANK_HTML = '<!doctype html><html><head><title>bench</title></head><body></body></html>';

export interface LoadMeasurement {
  trace: LoadTraceSummary | null;
  cdpScriptMs: number;
  cdpTaskMs: number;
  /** `paper-lens:*` measures: union of their intervals, and each one. */
  selfMeasuredMs: number;
  measures: Array<{ name: string; start: number; duration: number }>;
  /** From navigation start until <html data-paper-lens-ready>; null for pages without the extension. */
  readyMs: number | null;
  /** From navigation start until every card in the viewport showed its marks (checked from ready on). */
  viewportMarkedMs: number | null;
  /** CPU time of the extension's service worker during the load (from the trace; null without a worker in it). */
  workerCpuMs: number | null;
  longTasks: Array<{ start: number; duration: number }>;
}

async function metric(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((entry) => [entry.name, entry.value]));
}

async function collectTrace(cdp: CDPSession, body: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (payload: { value: object[] }): void => {
    events.push(...(payload.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES, excludedCategories: ['*'] }, transferMode: 'ReportEvents' });
  try {
    await body();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/** Merged length of possibly overlapping intervals. */
/** With PAPER_LENS_BENCH_TRACES=<dir>, each load's trace is written there for a closer look (chrome://tracing). */
function keepTrace(events: readonly TraceEvent[], url: string): void {
  const dir = process.env.PAPER_LENS_BENCH_TRACES;
  if (!dir || events.length === 0) return;
  mkdirSync(dir, { recursive: true });
  const name = `${new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-')}-${Date.now()}.json`;
  writeFileSync(join(dir, name), JSON.stringify({ traceEvents: events }));
}

export function unionLength(intervals: ReadonlyArray<{ start: number; duration: number }>): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let end = -Infinity;
  for (const { start, duration } of sorted) {
    const stop = start + duration;
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}

export interface LoadOptions {
  url: string;
  extensionId: string;
  /** Wait for <html data-paper-lens-ready> (false for baseline pages the content script does not run on). */
  expectReady: boolean;
  readyTimeoutMs: number;
  /** Quiet time after ready (or after load) before the measurement ends. */
  settleMs: number;
  trace: boolean;
  /**
   * A browser-level CDP session to trace with: its trace holds every process, the extension's service worker
   * included (a page's session traces only the page's own processes).
   */
  traceSession?: CDPSession;
}

export async function measureLoad(context: BrowserContext, options: LoadOptions): Promise<LoadMeasurement> {
  const page = await context.newPage();
  try {
    await page.goto(`https://huggingface.co${BLANK_PATH}`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let before: Record<string, number> = {};
    let after: Record<string, number> = {};
    const load = async (): Promise<void> => {
      before = await metric(cdp);
      await page.goto(options.url, { waitUntil: 'load' });
      if (options.expectReady) {
        await page.waitForFunction(() => (window as unknown as { __paperLensBench?: { viewportMarkedAt: number | null } }).__paperLensBench?.viewportMarkedAt != null, null, { polling: 100, timeout: options.readyTimeoutMs });
      }
      await page.waitForTimeout(options.settleMs);
      after = await metric(cdp);
    };
    const events = options.trace ? await collectTrace(options.traceSession ?? cdp, load) : (await load(), []);
    keepTrace(events, options.url);
    const probe = await page.evaluate(() => {
      const bench = (window as unknown as { __paperLensBench?: { longTasks: Array<{ start: number; duration: number }>; readyAt: number | null; viewportMarkedAt: number | null } }).__paperLensBench;
      const measures = performance.getEntriesByType('measure')
        .filter((entry) => entry.name.startsWith('paper-lens:'))
        .map((entry) => ({ name: entry.name, start: entry.startTime, duration: entry.duration }));
      return { longTasks: bench?.longTasks ?? [], readyAt: bench?.readyAt ?? null, viewportMarkedAt: bench?.viewportMarkedAt ?? null, measures };
    });
    await cdp.detach();
    const delta = (name: string): number => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
    const trace = options.trace ? analyseLoadTrace(events, options.url, `chrome-extension://${options.extensionId}/`) : null;
    const mainPid = options.trace ? findMainThread(events, options.url)?.pid ?? -1 : -1;
    return {
      trace,
      viewportMarkedMs: probe.viewportMarkedAt,
      workerCpuMs: options.trace ? threadCpuMs(events, 'ServiceWorker thread', mainPid) : null,
      cdpScriptMs: delta('ScriptDuration'),
      cdpTaskMs: delta('TaskDuration'),
      selfMeasuredMs: unionLength(probe.measures),
      measures: probe.measures,
      readyMs: probe.readyAt,
      longTasks: probe.longTasks,
    };
  } finally {
    await page.close();
  }
}
