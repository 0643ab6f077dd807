import { describe, expect, it } from 'vitest';
import { analyseLoadTrace, threadCpuMs, type TraceEvent } from './bench-trace';

const URL = 'https://huggingface.co/papers/date/2024-03-11';
const ORIGIN = 'chrome-extension://abc/';
const main = { pid: 1, tid: 1 };
const task = (ts: number, dur: number, at = main, tdur?: number): TraceEvent => ({ name: 'RunTask', ph: 'X', ts, dur, ...at, ...(tdur === undefined ? {} : { tdur }) });

function pageLoad(): TraceEvent[] {
  return [
    // A task of the previous page that received an extension message: before this page's parse, not counted.
    task(500, 400),
    { name: 'Receive mojo message', ph: 'X', ts: 510, dur: 5, ...main, args: { chrome_mojo_event_info: { mojo_interface_tag: 'extensions.mojom.MessagePort' } } },
    // The page's own parse.
    task(1000, 1000),
    { name: 'ParseHTML', ph: 'X', ts: 1000, dur: 900, ...main, args: { beginData: { url: URL } } },
    // The content script runs (document_idle); the renderer was preempted for 200 µs of it.
    task(3000, 500, main, 300),
    { name: 'EvaluateScript', ph: 'X', ts: 3001, dur: 490, ...main, args: { data: { url: `${ORIGIN}content.js` } } },
    // The store answers: a message task whose continuation names no script.
    task(4000, 100),
    { name: 'Receive mojo message', ph: 'X', ts: 4001, dur: 5, ...main, args: { chrome_mojo_event_info: { mojo_interface_tag: 'extensions.mojom.MessagePort' } } },
    // The frame that renders the marks.
    task(5000, 200),
    { name: 'Layout', ph: 'X', ts: 5010, dur: 150, ...main },
    // Something unrelated (no hint inside), then a render with nothing dirty.
    task(6000, 100),
    task(6500, 80),
    { name: 'Layout', ph: 'X', ts: 6510, dur: 50, ...main },
    // A slice of work found only by the content script's own performance.measure call.
    task(7000, 60),
    { name: 'paper-lens:detect', cat: 'blink.user_timing', ph: 'b', ts: 100, ...main, id2: { local: '0x1' }, args: { callTime: 7010 } },
    { name: 'paper-lens:detect', cat: 'blink.user_timing', ph: 'e', ts: 7010, ...main, id2: { local: '0x1' } },
    // Another renderer running extension code: ignored.
    task(3000, 900, { pid: 2, tid: 2 }),
    { name: 'EvaluateScript', ph: 'X', ts: 3001, dur: 890, pid: 2, tid: 2, args: { data: { url: `${ORIGIN}content.js` } } },
  ];
}

describe('analyseLoadTrace', () => {
  it('counts the main-thread tasks that ran extension code on the page, and the render that follows them', () => {
    const summary = analyseLoadTrace(pageLoad(), URL, ORIGIN);
    expect(summary).not.toBeNull();
    expect(summary!.extensionTasks.map((t) => t.startUs)).toEqual([3000, 4000, 7000]);
    expect(summary!.extensionTaskMs).toBeCloseTo(0.66, 6);
    // Thread time where the trace has it (the script's task), wall time where it does not.
    expect(summary!.extensionTaskCpuMs).toBeCloseTo(0.46, 6);
    expect(summary!.longestExtensionTaskMs).toBeCloseTo(0.5, 6);
    expect(summary!.renderTasks.map((t) => t.startUs)).toEqual([5000]);
    expect(summary!.renderMs).toBeCloseTo(0.2, 6);
    // The script's task and the render its change caused, by CPU; the page's own parse is its longest task.
    expect(summary!.renderCpuMs).toBeCloseTo(0.2, 6);
    expect(summary!.longestExtensionCpuMs).toBeCloseTo(0.3, 6);
    expect(summary!.longestTaskCpuMs).toBeCloseTo(1, 6);
  });

  it('reports tasks over 50 ms whoever ran them', () => {
    const events = [...pageLoad(), task(9000, 60_000)];
    expect(analyseLoadTrace(events, URL, ORIGIN)!.longTasksMs).toEqual([60]);
  });

  it('returns null when the trace never parsed the page', () => {
    expect(analyseLoadTrace(pageLoad(), 'https://huggingface.co/other', ORIGIN)).toBeNull();
  });

  it('attributes tasks by CPU-profile samples when the trace has them', () => {
    const events: TraceEvent[] = [
      task(1000, 100),
      { name: 'ParseHTML', ph: 'X', ts: 1000, dur: 50, ...main, args: { beginData: { url: URL } } },
      task(2000, 300),
      { name: 'Profile', ph: 'P', ts: 0, pid: 1, tid: 1, id: '0x1', args: { data: { startTime: 1900 } } },
      {
        name: 'ProfileChunk', ph: 'P', ts: 1, pid: 1, tid: 9, id: '0x1',
        args: { data: { cpuProfile: { nodes: [{ id: 1 }, { id: 2, parent: 1, callFrame: { url: `${ORIGIN}content.js` } }, { id: 3, parent: 2, callFrame: { url: '' } }], samples: [1, 3, 3] }, timeDeltas: [0, 150, 100] } },
      },
    ];
    const summary = analyseLoadTrace(events, URL, ORIGIN)!;
    expect(summary.extensionTasks.map((t) => t.startUs)).toEqual([2000]);
    expect(summary.extensionScriptMs).toBeGreaterThan(0);
  });
});

describe('threadCpuMs', () => {
  const worker = { pid: 7, tid: 70 };
  const named = (at: { pid: number; tid: number }, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', ts: 0, ...at, args: { name } });

  it("sums the CPU of a named thread's top-level tasks in other processes than the page's", () => {
    const events: TraceEvent[] = [
      named(worker, 'ServiceWorker thread'),
      task(100, 50, worker, 40),
      // A task nested in the one before is part of it, not more work.
      task(110, 10, worker, 10),
      task(400, 30, worker),
      // The page's own process has a worker thread of the same name: not the extension's.
      named({ pid: 1, tid: 5 }, 'ServiceWorker thread'),
      task(100, 500, { pid: 1, tid: 5 }, 500),
    ];
    expect(threadCpuMs(events, 'ServiceWorker thread', 1)).toBeCloseTo(0.07, 6);
    expect(threadCpuMs(events, 'ServiceWorker thread', 1, 300)).toBeCloseTo(0.03, 6);
  });

  it('is null when no thread has the name', () => {
    expect(threadCpuMs(pageLoad(), 'ServiceWorker thread', 1)).toBeNull();
  });
});
