/**
 * Popup first paint over a full store: popup.html opened as a page at popup size, first-contentful-paint from the
 * Paint Timing API, and the moment the first history row exists (a MutationObserver installed before the page's
 * scripts run; the popup's own `paper-lens:popup-ready` mark, set when the store first answers, is reported beside it).
 */
import type { LaunchedExtension } from '../e2e/launch';
import { median, round, type Report } from './bench-report';
import { firstLine } from './bench-content';

const OPENS = 5;
export const POPUP_TARGET_MS = 150;
/** A row of the popup's history list (src/popup/Row.tsx). */
export const POPUP_ROW_SELECTOR = '[data-paper-lens-row]';
const READY_MARK = 'paper-lens:popup-ready';

export function declarePopupFigures(report: Report): void {
  report.declare('popup_first_paint_100000_ms', 'popup first contentful paint, 100,000 stored', 'ms', { op: '<', value: POPUP_TARGET_MS });
  report.declare('popup_first_row_100000_ms', 'popup first history row shown, 100,000 stored', 'ms', { op: '<', value: POPUP_TARGET_MS });
  report.declare('popup_first_row_after_listing_ms', 'popup first history row, opened right after a 250-paper listing', 'ms', undefined, { jsonOnly: true });
}

/** Records when the first row appears; runs in every page of the context but only acts on popup.html. */
const ROW_PROBE = `(() => {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/popup.html')) return;
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
async function openPopup(launched: LaunchedExtension): Promise<PopupOpen> {
  const page = await launched.context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    const handle = await page.waitForFunction(
      () => (window as unknown as { __paperLensPopupProbe?: { firstRowAt: number | null } }).__paperLensPopupProbe?.firstRowAt ?? null,
      null,
      { timeout: 15_000, polling: 50 },
    );
    const firstRowMs = (await handle.jsonValue()) as number;
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

/**
 * Called right after the store bench's last timed listing. One open comes first, while the worker still writes
 * that listing, its index rows and its reader-related links (a read of the papers waits for the write): reported
 * on its own. The timed opens follow once `settle` says the worker's background work is done, as every timed
 * listing of the store bench waits for the previous one's: the figures are the popup's over 100,000 papers, not
 * the worker's load.
 */
export async function measurePopup(launched: LaunchedExtension, report: Report, log: (line: string) => void, settle: () => Promise<string>): Promise<void> {
  await launched.context.addInitScript(ROW_PROBE);
  const opens: PopupOpen[] = [];
  try {
    const busy = await openPopup(launched);
    log(`popup open right after the listing: ${describeOpen(busy)}`);
    report.set('popup_first_row_after_listing_ms', busy.firstRowMs, { note: `one open of popup.html right after a 250-paper page/listed (its write, index rows and reader-related scoring under way); first paint ${busy.firstPaintMs === null ? '?' : round(busy.firstPaintMs)} ms` });
    log(`popup: ${await settle()}`);
    for (let i = 0; i < OPENS; i++) {
      const open = await openPopup(launched);
      opens.push(open);
      log(`popup open ${i + 1}: ${describeOpen(open)}`);
    }
  } catch (error) {
    const reason = `popup did not show a history row (${POPUP_ROW_SELECTOR}) within 15 s: ${firstLine(error)}`;
    report.miss('popup_first_paint_100000_ms', reason);
    report.miss('popup_first_row_100000_ms', reason);
    if (opens.length === 0) return;
  }
  const paints = opens.map((open) => open.firstPaintMs).filter((value): value is number => value !== null);
  const rows = opens.map((open) => open.firstRowMs);
  const first = opens[0];
  if (paints.length) {
    report.set('popup_first_paint_100000_ms', median(paints), { samples: paints, note: `median of ${paints.length} opens of popup.html in a 400x600 tab (first open ${first?.firstPaintMs === null ? '?' : round(first?.firstPaintMs ?? 0)} ms)` });
  } else {
    report.miss('popup_first_paint_100000_ms', 'no first-contentful-paint entry');
  }
  const marks = opens.map((open) => open.readyMarkMs).filter((value): value is number => value !== null);
  report.set('popup_first_row_100000_ms', median(rows), {
    samples: rows,
    note: `from navigation start to the first ${POPUP_ROW_SELECTOR} element, the worker idle (first open ${round(first?.firstRowMs ?? 0)} ms); `
      + `the popup's own ${READY_MARK} mark: ${marks.length ? `${round(median(marks))} ms` : 'absent'}`,
  });
}
