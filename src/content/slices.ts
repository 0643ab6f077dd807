/**
 * Cooperative scheduling: long work runs in slices of a few milliseconds and yields to the page between them,
 * so reading, detecting and marking a big listing never blocks input (no task over ~10 ms). Each slice is a
 * User Timing measure with the phase's name, so the busy time (not the waiting) is what gets measured.
 */

export const SLICE_MS = 8;

interface SchedulerWithYield {
  yield(): Promise<void>;
}

let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

/** Resolves in a new task: scheduler.yield() where the browser has it, a MessageChannel message otherwise (setTimeout(0) is clamped to 4 ms after a few nestings). */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

/** Records one slice of a phase (`paper-lens:read`, `paper-lens:detect`, `paper-lens:mark`). */
export function measure(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // User Timing is a diagnostic: a page that overrides or lacks it must not break the marks.
  }
}

export class Cancelled extends Error {
  constructor() {
    super('superseded by a newer scan');
  }
}

/** Runs a generator to completion in slices; throws Cancelled as soon as `cancelled()` says so between slices. */
export async function runInSlices<T>(steps: Generator<void, T, void>, name: string, cancelled: () => boolean): Promise<T> {
  for (;;) {
    const start = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) {
        measure(name, start);
        return next.value;
      }
      if (performance.now() - start >= SLICE_MS) break;
    }
    measure(name, start);
    await yieldToPage();
    if (cancelled()) throw new Cancelled();
  }
}

/** Calls `work` for every item, in slices. */
export async function forEachInSlices<T>(items: readonly T[], work: (item: T, index: number) => void, name: string, cancelled: () => boolean): Promise<void> {
  let index = 0;
  while (index < items.length) {
    const start = performance.now();
    do {
      work(items[index] as T, index);
      index++;
    } while (index < items.length && performance.now() - start < SLICE_MS);
    measure(name, start);
    if (index < items.length) {
      await yieldToPage();
      if (cancelled()) throw new Cancelled();
    }
  }
}
