/**
 * The marks' styles. Shadow roots keep the site's CSS and ours apart; the light palette lives in the shadow
 * roots (:host) and the dark one in the small page stylesheet, keyed by the theme the content script detects
 * on <html> (custom properties inherit into shadow roots, and outer rules beat :host ones).
 */

export const HOST_TAGS = ['paper-lens-marks', 'paper-lens-summary', 'paper-lens-popover'] as const;
const STRIP_TAG = HOST_TAGS[0];

const LIGHT = `
  --pl-text: #1f2937; --pl-muted: #6b7280; --pl-faint: #9ca3af; --pl-border: #e5e7eb; --pl-border-strong: #d1d5db;
  --pl-surface: #ffffff; --pl-subtle: #f9fafb; --pl-hover: #f3f4f6;
  --pl-star: #d97706; --pl-star-soft: #fef3c7; --pl-read: #15803d; --pl-read-soft: #dcfce7;
  --pl-new: #047857; --pl-new-soft: #d1fae5; --pl-dup: #c2410c; --pl-dup-soft: #ffedd5;
  --pl-rel: #4338ca; --pl-rel-soft: #e0e7ff; --pl-warn: #92400e; --pl-warn-soft: #fffbeb;
  --pl-focus: #6366f1; --pl-shadow: 0 12px 32px rgb(15 23 42 / 14%), 0 2px 6px rgb(15 23 42 / 8%);`;

const DARK = `
  --pl-text: #e5e7eb; --pl-muted: #9ca3af; --pl-faint: #6b7280; --pl-border: #374151; --pl-border-strong: #4b5563;
  --pl-surface: #111827; --pl-subtle: #161e2e; --pl-hover: #1f2937;
  --pl-star: #fbbf24; --pl-star-soft: rgb(251 191 36 / 14%); --pl-read: #4ade80; --pl-read-soft: rgb(74 222 128 / 12%);
  --pl-new: #6ee7b7; --pl-new-soft: rgb(52 211 153 / 14%); --pl-dup: #fdba74; --pl-dup-soft: rgb(251 146 60 / 16%);
  --pl-rel: #a5b4fc; --pl-rel-soft: rgb(129 140 248 / 18%); --pl-warn: #fcd34d; --pl-warn-soft: rgb(251 191 36 / 10%);
  --pl-focus: #818cf8; --pl-shadow: 0 12px 32px rgb(0 0 0 / 45%), 0 2px 6px rgb(0 0 0 / 30%);`;

/** Shared by every shadow root: controls that look like the site's small buttons and tags. */
const BASE = `
:host { ${LIGHT}
  all: initial; display: block; color: var(--pl-text);
  font-family: inherit; font-size: 12px; line-height: 1.4; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; background: none; border: 0; margin: 0; padding: 0; cursor: pointer; text-align: inherit; }
button:disabled { cursor: default; opacity: .5; }
:focus { outline: none; }
:focus-visible { outline: 2px solid var(--pl-focus); outline-offset: 1px; }
.glyph { width: 14px; height: 14px; flex: none; fill: none; stroke: currentColor; stroke-width: 1.5; stroke-linecap: round; stroke-linejoin: round; }
.chip { display: inline-flex; align-items: center; gap: 4px; height: 22px; max-width: 100%; padding: 0 8px; border-radius: 999px;
  border: 1px solid transparent; background: var(--pl-hover); color: var(--pl-muted); white-space: nowrap; }
.chip > .label { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
button.chip:hover { border-color: currentColor; }
.chip.new { background: var(--pl-new-soft); color: var(--pl-new); font-weight: 600; }
.chip.dup { background: var(--pl-dup-soft); color: var(--pl-dup); }
.chip.rel { background: var(--pl-rel-soft); color: var(--pl-rel); }
.chip.done { background: var(--pl-read-soft); color: var(--pl-read); }
.chip .glyph { width: 12px; height: 12px; }
`;

/** On a far card's placeholder host while its strip is not built yet (see lazy-strips.ts). */
export const PENDING_ATTR = 'data-paper-lens-pending';
/** The strip's place: its margin and one line of controls; the placeholder takes the same. */
const STRIP_MARGIN_TOP = '8px';
const STRIP_LINE = '22px';

/**
 * The reader-related chip comes after the states (and the strip's first render): wrapping it to a second line
 * then would grow the card and move the list under it. It asks only for a short place on the line (its basis),
 * takes the room left up to its full text, and shortens with an ellipsis when that is less (its title and what a
 * screen reader reads keep the full text); only a line without even that room wraps it.
 */
const READER_CHIP_CSS = '.strip > .chip.reader { flex: 1 1 0; min-width: 4.5em; max-width: max-content; }';

export const STRIP_CSS = `${BASE}
:host { margin-top: ${STRIP_MARGIN_TOP}; }
.strip { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; min-width: 0; }
${READER_CHIP_CSS}
.toggle { display: inline-flex; align-items: center; justify-content: center; gap: 4px; height: ${STRIP_LINE}; min-width: 26px; padding: 0 6px;
  border-radius: 6px; border: 1px solid var(--pl-border); background: var(--pl-surface); color: var(--pl-muted); }
.toggle:hover { background: var(--pl-hover); color: var(--pl-text); border-color: var(--pl-border-strong); }
.toggle.star[aria-pressed="true"] { color: var(--pl-star); background: var(--pl-star-soft); border-color: transparent; }
.toggle.star[aria-pressed="true"] .glyph { fill: currentColor; }
.toggle.read[aria-pressed="true"] { color: var(--pl-read); background: var(--pl-read-soft); border-color: transparent; }
.toggle.read .glyph { stroke-width: 2; }
.note { color: var(--pl-warn); }
`;

export const SUMMARY_CSS = `${BASE}
:host { margin: 4px 0 16px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 12px; border: 1px solid var(--pl-border);
  border-radius: 12px; background: var(--pl-subtle); font-size: 13px; }
.brand { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; color: var(--pl-text); }
.brand .glyph { color: var(--pl-rel); }
.counts { color: var(--pl-muted); }
.counts b { color: var(--pl-text); font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin-left: auto; }
.group { display: inline-flex; align-items: center; gap: 6px; color: var(--pl-muted); }
.segmented { display: inline-flex; border: 1px solid var(--pl-border); border-radius: 8px; overflow: hidden; background: var(--pl-surface); }
.segmented button { padding: 2px 9px; color: var(--pl-muted); }
.segmented button + button { border-left: 1px solid var(--pl-border); }
.segmented button:hover { background: var(--pl-hover); color: var(--pl-text); }
.segmented button[aria-pressed="true"] { background: var(--pl-rel-soft); color: var(--pl-rel); font-weight: 600; }
.only-new { display: inline-flex; align-items: center; gap: 6px; padding: 2px 9px; border: 1px solid var(--pl-border); border-radius: 8px;
  background: var(--pl-surface); color: var(--pl-muted); }
.only-new:hover { background: var(--pl-hover); color: var(--pl-text); }
.only-new[aria-pressed="true"] { background: var(--pl-new-soft); color: var(--pl-new); border-color: transparent; font-weight: 600; }
.brand .warn { display: inline-flex; border-radius: 4px; }
.brand .warn .glyph { color: var(--pl-warn); }
.note { position: fixed; z-index: 2147483000; left: 16px; bottom: 16px; display: flex; align-items: flex-start; gap: 8px;
  width: max-content; max-width: min(460px, calc(100vw - 32px)); padding: 10px 10px 10px 12px; border: 1px solid var(--pl-border);
  border-left: 3px solid var(--pl-warn); border-radius: 10px; background: var(--pl-surface); color: var(--pl-text); box-shadow: var(--pl-shadow);
  font-size: 13px; line-height: 1.45; }
.note > .glyph { margin-top: 2px; color: var(--pl-warn); }
.note .dismiss { display: inline-flex; flex: none; padding: 2px; border-radius: 6px; color: var(--pl-muted); }
.note .dismiss:hover { background: var(--pl-hover); color: var(--pl-text); }
`;

export const POPOVER_CSS = `${BASE}
:host { position: absolute; z-index: 2147483000; top: 0; left: 0; }
.panel { width: min(440px, calc(100vw - 24px)); max-height: min(420px, 70vh); overflow: auto; padding: 6px; border: 1px solid var(--pl-border);
  border-radius: 12px; background: var(--pl-surface); box-shadow: var(--pl-shadow); font-size: 13px; }
.heading { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; padding: 6px 8px 8px; color: var(--pl-muted); font-size: 12px; }
.heading strong { color: var(--pl-text); font-size: 13px; }
ul { list-style: none; margin: 0; padding: 0; }
.item { display: flex; gap: 10px; width: 100%; padding: 8px; border-radius: 8px; color: var(--pl-text); text-decoration: none; }
.item:hover, .item:focus-visible { background: var(--pl-hover); }
.pos { flex: none; min-width: 30px; height: 20px; padding: 0 6px; border-radius: 6px; background: var(--pl-rel-soft); color: var(--pl-rel);
  font-size: 11px; font-weight: 600; line-height: 20px; text-align: center; }
.pos.state { background: var(--pl-star-soft); color: var(--pl-star); }
.body { display: flex; flex-direction: column; gap: 3px; min-width: 0; }
.title { font-weight: 600; line-height: 1.3; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
.terms { display: flex; flex-wrap: wrap; gap: 4px; }
.term { padding: 0 6px; border-radius: 999px; background: var(--pl-hover); color: var(--pl-muted); font-size: 11px; line-height: 18px; }
.terms-label { color: var(--pl-faint); font-size: 11px; line-height: 18px; }
.strength { flex: none; margin-left: auto; color: var(--pl-muted); font-size: 11px; line-height: 20px; white-space: nowrap; }
`;

const HOSTS = HOST_TAGS.join(', ');

/** The page stylesheet: dark palette for our hosts, reader filters on cards, the highlight after a jump. */
export const PAGE_CSS = `
html[data-paper-lens-theme="dark"] :is(${HOSTS}) { ${DARK} }
[data-paper-lens-view="dim"] { opacity: .45; transition: opacity .15s ease; }
[data-paper-lens-view="dim"]:hover, [data-paper-lens-view="dim"]:focus-within { opacity: 1; }
[data-paper-lens-view="hide"] { display: none !important; }
${STRIP_TAG}[${PENDING_ATTR}] { display: block; margin-top: ${STRIP_MARGIN_TOP}; height: ${STRIP_LINE}; }
[data-paper-lens-flash] { outline: 3px solid #f59e0b !important; outline-offset: 3px; transition: outline-color .6s ease; }
@media (prefers-reduced-motion: reduce) { [data-paper-lens-view="dim"] { transition: none; } }
`;
