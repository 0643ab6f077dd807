/**
 * Chips are read in full where their line has room, and in a shorter form where it has not (CardStrip.fit). That
 * takes layout, so it is batched: strips whose content changed are fitted together once the current task's writes
 * are done (one layout for the batch, before the frame is painted), and a strip again when its width changes (the
 * site's one, two or three columns, a resized window). The width is watched on a zero-height element beside the
 * strip, whose size the fit itself never changes.
 */

export interface Fittable {
  readonly host: HTMLElement;
  fit(lineHeight: number): void;
}

/** One line of the strip's 22 px controls, with room for rounding. */
const ONE_LINE_PX = 26;

const pending = new Set<Fittable>();
const byGauge = new WeakMap<Element, Fittable>();
let queued = false;
let observer: ResizeObserver | null = null;

function run(): void {
  queued = false;
  const batch = [...pending];
  pending.clear();
  for (const strip of batch) if (strip.host.isConnected) strip.fit(ONE_LINE_PX);
}

export function scheduleFit(strip: Fittable): void {
  pending.add(strip);
  if (queued) return;
  queued = true;
  queueMicrotask(run);
}

/** Fits `strip` again whenever `gauge` (as wide as the strip, no height) changes width. */
export function watchWidth(strip: Fittable, gauge: Element): void {
  if (typeof ResizeObserver !== 'function') return;
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const target = byGauge.get(entry.target);
      if (target) scheduleFit(target);
    }
  });
  byGauge.set(gauge, strip);
  observer.observe(gauge);
}
