/**
 * Popup first paint over a full store: popup.html opened as a page at popup size, first-contentful-paint from the
 * Paint Timing API, and the moment the first history row exists (a MutationObserver installed before the page's
 * scripts run; the popup's own `paper-lens:popup-ready` mark, set when the store first answers, is reported beside it).
 * Both against the first paint of popup.html's frame as a static page, opened beside each; and the first row of an
 * open made while the worker writes a 250-paper listing against an open on the settled worker.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchedExtension } from '../e2e/launch';
import { median, round, type Report } from './bench-report';
import { firstLine } from './bench-content';

const OPENS = 5;
export const FIRST_PAINT_TARGET_RATIO = 1.1;
export const FIRST_ROW_TARGET_RATIO = 1.5;
const BUSY_TARGET_RATIO = 2;
/**
 * The floor of both popup figures (issue 19: "first paint at most 1.1x the same static frame with no script;
 * first row at most 1.5x that frame"): popup.html's own frame, what it paints before its script runs, as a static
 * page without the script, written into the extension directory by the bench.
 */
export const STATIC_FRAME = 'bench-popup-frame.html';
/** A row of the popup's history list (src/popup/Row.tsx). */
export const POPUP_ROW_SELECTOR = '[data-paper-lens-row]';
const READY_MARK = 'paper-lens:popup-ready';

export function declarePopupFigures(report: Report): void {
  report.declareRatio('popup_first_paint_100000', 'popup first contentful paint, 100,000 stored / the same frame as a static page', FIRST_PAINT_TARGET_RATIO);
  report.declareRatio('popup_first_row_100000', 'popup first history row, 100,000 stored / first paint of the static frame', FIRST_ROW_TARGET_RATIO);
  report.declareRatio('busy_popup_first_row_during_listing', 'popup first row while the worker writes a 250-paper listing / on an idle worker', BUSY_TARGET_RATIO);
}

/** Records when the first row appears; runs in every page of the context but only acts on popup.html. */
const ROW_PROBE = `(() => {
  if (location.protocol !== 'chrome-extension:' || !(location.pathname.endsWith('/popup.html') || location.pathname.endsWith('/${STATIC_FRAME}'))) return;
  const probe = { firstRowAt: null };
  Object.defineProperty(window, '__paperLensPopupProbe', { value: probe });
  const observer = new MutationObserver(() => {
    if (document.querySelector(${JSON.stringify(POPUP_ROW_SELECTOR)})) {
      probe.firstRowAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

interface PopupOpen {
  firstPaintMs: number | null;
  firstRowMs: number;
  readyMarkMs: number | null;
}

/** Opens popup.html once in a popup-sized tab and reads when it painted and showed its first row. */
async function openPopup(launched: LaunchedExtension, file = 'popup.html', hasRows = true): Promise<PopupOpen> {
  const page = await launched.context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${launched.extensionId}/${file}`);
    let firstRowMs = Number.NaN;
    if (hasRows) {
      const handle = await page.waitForFunction(
        () => (window as unknown as { __paperLensPopupProbe?: { firstRowAt: number | null } }).__paperLensPopupProbe?.firstRowAt ?? null,
        null,
        { timeout: 15_000, polling: 50 },
      );
      firstRowMs = (await handle.jsonValue()) as number;
    }
    // FCP is reported shortly after the paint; give it a frame to arrive.
    await page.waitForTimeout(100);
    const { paint, mark } = await page.evaluate((name) => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      mark: performance.getEntriesByName(name)[0]?.startTime ?? null,
    }), READY_MARK);
    return { firstPaintMs: paint, firstRowMs, readyMarkMs: mark };
  } finally {
    await page.close();
  }
}

const describeOpen = (open: PopupOpen): string =>
  `first paint ${open.firstPaintMs === null ? '?' : round(open.firstPaintMs)} ms, first row ${round(open.firstRowMs)} ms, ${READY_MARK} ${open.readyMarkMs === null ? 'absent' : `${round(open.readyMarkMs)} ms`}`;

export interface PopupBenchOptions {
  /** Waits until the worker's background work is done; says how long it waited. */
  settle: () => Promise<string>;
  /** The unpacked extension the browser runs: the static frame is written into it. */
  extensionDir: string;
  /** Sends a 250-paper page/listed and returns once it answered (its write under way), with a wait for the write. */
  startListing: () => Promise<() => Promise<void>>;
}

/**
 * Called after the store bench's timed listings, 100,000 papers stored. Each round, on a settled worker, opens the
 * popup and its static frame (popup.html's rendered DOM once its rows were in, scripts removed, as an extension
 * page of its own) in alternating order, then opens the popup once more right after a 250-paper listing was
 * answered, while the worker still writes it.
 */
export async function measurePopup(launched: LaunchedExtension, report: Report, log: (line: string) => void, options: PopupBenchOptions): Promise<void> {
  await launched.context.addInitScript(ROW_PROBE);
  const opens: PopupOpen[] = [];
  const frames: PopupOpen[] = [];
  const busy: PopupOpen[] = [];
  try {
    log(`popup: ${await options.settle()}`);
    const shipped = readFileSync(join(options.extensionDir, 'popup.html'), 'utf8');
    writeFileSync(join(options.extensionDir, STATIC_FRAME), shipped.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ''));
    // One open of each first warms their files: not counted.
    await openPopup(launched);
    await openPopup(launched, STATIC_FRAME, false);
    for (let i = 0; i < OPENS; i++) {
      await options.settle();
      if (i % 2 === 0) {
        opens.push(await openPopup(launched));
        frames.push(await openPopup(launched, STATIC_FRAME, false));
      } else {
        frames.push(await openPopup(launched, STATIC_FRAME, false));
        opens.push(await openPopup(launched));
      }
      const settled = await options.startListing();
      busy.push(await openPopup(launched));
      await settled();
      log(`popup open ${i + 1}: ${describeOpen(opens.at(-1)!)}; static frame: first paint ${frames.at(-1)!.firstPaintMs === null ? '?' : round(frames.at(-1)!.firstPaintMs!)} ms; during a listing: ${describeOpen(busy.at(-1)!)}`);
    }
  } catch (error) {
    const reason = `popup did not show a history row (${POPUP_ROW_SELECTOR}) within 15 s: ${firstLine(error)}`;
    for (const base of ['popup_first_paint_100000', 'popup_first_row_100000', 'busy_popup_first_row_during_listing']) report.missRatio(base, reason);
    if (opens.length === 0) return;
  } finally {
    rmSync(join(options.extensionDir, STATIC_FRAME), { force: true });
  }
  const n = Math.min(opens.length, frames.length);
  const paintPairs = opens.slice(0, n).flatMap((open, i) => (open.firstPaintMs !== null && frames[i]?.firstPaintMs != null ? [[open.firstPaintMs, frames[i]!.firstPaintMs!]] : []));
  report.setRatio('popup_first_paint_100000', paintPairs.map((pair) => pair[0]!), paintPairs.map((pair) => pair[1]!), {
    paired: true,
    note: `first-contentful-paint of popup.html in a 400x600 tab, ${n} opens on a settled worker`,
    floorNote: `popup.html's own frame without its script, as a static extension page, opened beside each`,
  });
  const marks = opens.map((open) => open.readyMarkMs).filter((value): value is number => value !== null);
  const rowPairs = opens.slice(0, n).flatMap((open, i) => (frames[i]?.firstPaintMs != null ? [[open.firstRowMs, frames[i]!.firstPaintMs!]] : []));
  report.setRatio('popup_first_row_100000', rowPairs.map((pair) => pair[0]!), rowPairs.map((pair) => pair[1]!), {
    paired: true,
    note: `from navigation start to the first ${POPUP_ROW_SELECTOR} element; the popup's own ${READY_MARK} mark: ${marks.length ? `${round(median(marks))} ms` : 'absent'}`,
    floorNote: "first-contentful-paint of the static frame (popup.html without its script), opened beside each",
  });
  const m = Math.min(busy.length, opens.length);
  report.setRatio('busy_popup_first_row_during_listing', busy.slice(0, m).map((open) => open.firstRowMs), opens.slice(0, m).map((open) => open.firstRowMs), {
    paired: true,
    note: 'popup.html opened the moment a 250-paper page/listed answered (its write, index rows and reader-related scoring under way)',
    floorNote: 'the same open on a settled worker, in the same round',
  });
}
