/**
 * Finds, in a Chromium trace of one page load, the main-thread tasks that ran the extension's content script,
 * without trusting the content script's own marks alone. A task counts as the extension's when, inside it, any of:
 *   - a trace event names a chrome-extension:// script (EvaluateScript and v8.compile of content.js, and
 *     FunctionCall for its callbacks: timers, listeners, observers, idle callbacks),
 *   - the renderer receives an extension message (mojo interface extensions.mojom.*): the store's answers and
 *     broadcasts, whose promise continuations run as microtasks that name no script,
 *   - the content script calls performance.mark/measure with a `paper-lens:*` name,
 *   - a V8 CPU-profile sample has a chrome-extension:// frame on its stack (only when the trace includes
 *     disabled-by-default-v8.cpu_profiler: it would see everything, but it slows the page by a third, so the
 *     bench leaves it out).
 * Pure: works on the event array Tracing.dataCollected delivers.
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of an 'X' event, µs: without the time the thread was preempted. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string; global?: string };
  args?: Record<string, unknown>;
}

/** Categories the analysis needs: RunTask, ParseHTML, EvaluateScript, FunctionCall; user timing; mojo messages. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'toplevel',
  'mojom',
];

export interface ExtensionTask {
  startUs: number;
  durationMs: number;
  /** CPU time of the task (the trace's thread duration); its wall duration where the trace has none. */
  cpuMs: number;
  /** Estimated time inside this task with an extension frame on the stack (profiler samples; 0 without them). */
  scriptMs: number;
}

export interface LoadTraceSummary {
  /** Sum of the durations of main-thread tasks that ran extension code. */
  extensionTaskMs: number;
  /**
   * The same tasks' CPU time. On a shared machine other processes preempt the renderer, which stretches wall
   * durations but not thread time: this tells the page's own cost from the machine's load.
   */
  extensionTaskCpuMs: number;
  longestExtensionTaskMs: number;
  extensionTasks: ExtensionTask[];
  /** Time with an extension frame on the stack, from profiler samples (all tasks; 0 without them). */
  extensionScriptMs: number;
  /**
   * Rendering tasks (style, layout, paint) that follow extension tasks once the page finished parsing: the page
   * under test has no scripts, so after its parse only the extension changes the DOM. The first frame after the
   * parse may also hold the page's own pending layout, so this can overcount a little.
   */
  renderTasks: Array<{ startUs: number; durationMs: number; cpuMs: number }>;
  renderMs: number;
  /** The same rendering tasks' CPU time. */
  renderCpuMs: number;
  /** CPU time of the longest of the extension's tasks and the rendering tasks its changes caused. */
  longestExtensionCpuMs: number;
  /** CPU time of the page's longest main-thread task from its parse on, whoever ran it. */
  longestTaskCpuMs: number;
  /** Main-thread tasks over 50 ms, whoever ran them (the page's own parse and layout included). */
  longTasksMs: number[];
}

interface Interval {
  start: number;
  end: number;
}

interface Task extends Interval {
  cpuUs: number;
}

type CallFrame = { url?: string; functionName?: string };
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame?: CallFrame;
}

function dataUrl(event: TraceEvent): string | undefined {
  const data = event.args?.data as { url?: unknown } | undefined;
  return typeof data?.url === 'string' ? data.url : undefined;
}

function isExtensionMessage(event: TraceEvent): boolean {
  const info = event.args?.chrome_mojo_event_info as { mojo_interface_tag?: unknown } | undefined;
  return typeof info?.mojo_interface_tag === 'string' && info.mojo_interface_tag.startsWith('extensions.mojom.');
}

/** The renderer main thread that parsed `pageUrl`, and when that parse began and ended (trace µs). */
export function findMainThread(events: readonly TraceEvent[], pageUrl: string): { pid: number; tid: number; parseStart: number; parseEnd: number } | null {
  let found: { pid: number; tid: number; parseStart: number; parseEnd: number } | null = null;
  for (const event of events) {
    if (event.name !== 'ParseHTML') continue;
    const begin = event.args?.beginData as { url?: unknown } | undefined;
    if (begin?.url !== pageUrl) continue;
    const end = event.ts + (event.dur ?? 0);
    if (!found) found = { pid: event.pid, tid: event.tid, parseStart: event.ts, parseEnd: end };
    else if (event.pid === found.pid && event.tid === found.tid) {
      found.parseStart = Math.min(found.parseStart, event.ts);
      found.parseEnd = Math.max(found.parseEnd, end);
    }
  }
  return found;
}

/** Samples (timestamp in trace µs, gap to the next sample) whose stack has a frame from `origin`. */
export function extensionSamples(events: readonly TraceEvent[], pid: number, origin: string): Array<{ ts: number; gapUs: number }> {
  const out: Array<{ ts: number; gapUs: number }> = [];
  const profiles = new Map<string, { start: number; nodes: Map<number, ProfileNode>; chunks: TraceEvent[] }>();
  for (const event of events) {
    if (event.pid !== pid || event.id === undefined) continue;
    if (event.name === 'Profile') {
      const start = (event.args?.data as { startTime?: number } | undefined)?.startTime ?? event.ts;
      profiles.set(event.id, { start, nodes: new Map(), chunks: [] });
    } else if (event.name === 'ProfileChunk') {
      profiles.get(event.id)?.chunks.push(event);
    }
  }
  for (const profile of profiles.values()) {
    const samples: number[] = [];
    const deltas: number[] = [];
    for (const chunk of profile.chunks.sort((a, b) => a.ts - b.ts)) {
      const data = chunk.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
      for (const node of data?.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
      samples.push(...(data?.cpuProfile?.samples ?? []));
      deltas.push(...(data?.timeDeltas ?? []));
    }
    const fromExtension = new Map<number, boolean>();
    const isExtension = (id: number): boolean => {
      const known = fromExtension.get(id);
      if (known !== undefined) return known;
      const node = profile.nodes.get(id);
      const result = node === undefined ? false : (node.callFrame?.url ?? '').startsWith(origin) || (node.parent !== undefined && isExtension(node.parent));
      fromExtension.set(id, result);
      return result;
    };
    let ts = profile.start;
    const times = deltas.map((delta) => (ts += delta));
    for (let i = 0; i < samples.length; i++) {
      const time = times[i];
      if (time === undefined || !isExtension(samples[i] as number)) continue;
      const next = times[i + 1];
      // The last sample has no successor: count one typical interval.
      out.push({ ts: time, gapUs: next !== undefined ? Math.max(0, next - time) : 200 });
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint']);

/** Top-level RunTask slices of one thread (nested run loops dropped). */
function topLevelTasks(events: readonly TraceEvent[], pid: number, tid: number): Task[] {
  const tasks = events
    .filter((event) => event.pid === pid && event.tid === tid && event.name === 'RunTask' && event.ph === 'X' && event.dur !== undefined)
    .map((event) => ({ start: event.ts, end: event.ts + (event.dur as number), cpuUs: event.tdur ?? (event.dur as number) }))
    .sort((a, b) => a.start - b.start);
  const out: Task[] = [];
  for (const task of tasks) {
    const last = out[out.length - 1];
    if (last && task.start < last.end) continue;
    out.push(task);
  }
  return out;
}

/**
 * Moments the extension itself called performance.mark/measure (`prefix*`). Only call times count, not a
 * measure's start: a measure may span an await, and the tasks in between are not the extension's.
 */
function userTimingCalls(events: readonly TraceEvent[], pid: number, prefix: string): Interval[] {
  const out: Interval[] = [];
  for (const event of events) {
    if (event.pid !== pid || !event.name.startsWith(prefix) || !(event.cat ?? '').includes('user_timing')) continue;
    const callTime = (event.args as { callTime?: unknown; data?: { callTime?: unknown } } | undefined);
    const at = typeof callTime?.callTime === 'number' ? callTime.callTime : typeof callTime?.data?.callTime === 'number' ? callTime.data.callTime : event.ph === 'b' ? undefined : event.ts;
    if (at !== undefined) out.push({ start: at, end: at });
  }
  return out;
}

export function analyseLoadTrace(events: readonly TraceEvent[], pageUrl: string, extensionOrigin: string, measurePrefix = 'paper-lens:'): LoadTraceSummary | null {
  const main = findMainThread(events, pageUrl);
  if (!main) return null;
  // Nothing of this page can run before its parse starts (earlier tasks belong to the previous page).
  const tasks = topLevelTasks(events, main.pid, main.tid).filter((task) => task.end >= main.parseStart);
  const hints: Interval[] = [];
  for (const event of events) {
    if (event.pid !== main.pid || event.tid !== main.tid) continue;
    if ((dataUrl(event) ?? '').startsWith(extensionOrigin) || isExtensionMessage(event)) hints.push({ start: event.ts, end: event.ts + (event.dur ?? 0) });
  }
  hints.push(...userTimingCalls(events, main.pid, measurePrefix));
  const samples = extensionSamples(events, main.pid, extensionOrigin);
  for (const sample of samples) hints.push({ start: sample.ts, end: sample.ts });
  hints.sort((a, b) => a.start - b.start);

  const extensionTasks: ExtensionTask[] = [];
  let hintIndex = 0;
  let sampleIndex = 0;
  for (const task of tasks) {
    while (hintIndex < hints.length && (hints[hintIndex] as Interval).end < task.start) hintIndex++;
    const hint = hints[hintIndex];
    const overlaps = hint !== undefined && hint.start <= task.end && hint.end >= task.start;
    let scriptUs = 0;
    while (sampleIndex < samples.length && (samples[sampleIndex] as { ts: number }).ts < task.start) sampleIndex++;
    for (let i = sampleIndex; i < samples.length && (samples[i] as { ts: number }).ts <= task.end; i++) scriptUs += (samples[i] as { gapUs: number }).gapUs;
    if (overlaps) extensionTasks.push({ startUs: task.start, durationMs: (task.end - task.start) / 1000, cpuMs: task.cpuUs / 1000, scriptMs: Math.min(scriptUs, task.end - task.start) / 1000 });
  }
  const { parseEnd } = main;
  const renderStarts = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && RENDER_EVENTS.has(event.name) && event.ts >= parseEnd && (event.dur ?? 0) > 0)
    .map((event) => event.ts)
    .sort((a, b) => a - b);
  const renderTasks: Array<{ startUs: number; durationMs: number; cpuMs: number }> = [];
  const extensionStarts = new Set(extensionTasks.map((task) => task.startUs));
  let dirty = false;
  let renderIndex = 0;
  for (const task of tasks) {
    if (task.start < parseEnd) continue;
    if (extensionStarts.has(task.start)) {
      dirty = true;
      continue;
    }
    while (renderIndex < renderStarts.length && (renderStarts[renderIndex] as number) < task.start) renderIndex++;
    const rendersHere = renderIndex < renderStarts.length && (renderStarts[renderIndex] as number) <= task.end;
    if (dirty && rendersHere) {
      renderTasks.push({ startUs: task.start, durationMs: (task.end - task.start) / 1000, cpuMs: task.cpuUs / 1000 });
      dirty = false;
    }
  }
  return {
    renderTasks,
    renderMs: renderTasks.reduce((sum, task) => sum + task.durationMs, 0),
    renderCpuMs: renderTasks.reduce((sum, task) => sum + task.cpuMs, 0),
    longestExtensionCpuMs: Math.max(0, ...extensionTasks.map((task) => task.cpuMs), ...renderTasks.map((task) => task.cpuMs)),
    longestTaskCpuMs: tasks.reduce((max, task) => Math.max(max, task.cpuUs / 1000), 0),
    extensionTaskMs: extensionTasks.reduce((sum, task) => sum + task.durationMs, 0),
    extensionTaskCpuMs: extensionTasks.reduce((sum, task) => sum + task.cpuMs, 0),
    longestExtensionTaskMs: extensionTasks.reduce((max, task) => Math.max(max, task.durationMs), 0),
    extensionTasks,
    extensionScriptMs: samples.reduce((sum, sample) => sum + sample.gapUs, 0) / 1000,
    longTasksMs: tasks.map((task) => (task.end - task.start) / 1000).filter((ms) => ms > 50),
  };
}

/**
 * CPU time of the top-level tasks of every thread named `threadName` (a 'thread_name' metadata event) in
 * processes other than the page's, between `fromUs` and `toUs`: an extension's service worker is a thread
 * named 'ServiceWorker thread' in the extension's own renderer process.
 */
export function threadCpuMs(events: readonly TraceEvent[], threadName: string, exceptPid: number, fromUs = -Infinity, toUs = Infinity): number | null {
  const threads = new Set<string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && (event.args as { name?: unknown } | undefined)?.name === threadName && event.pid !== exceptPid) threads.add(`${event.pid}:${event.tid}`);
  }
  if (threads.size === 0) return null;
  let cpuUs = 0;
  for (const thread of threads) {
    const [pid, tid] = thread.split(':').map(Number) as [number, number];
    for (const task of topLevelTasks(events, pid, tid)) if (task.start >= fromUs && task.start <= toUs) cpuUs += task.cpuUs;
  }
  return cpuUs / 1000;
}
