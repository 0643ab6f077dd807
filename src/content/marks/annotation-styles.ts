/** The tags-and-note editor's styles: the marks' shared base and palette (styles.ts), a panel like the related list. */
import { BASE } from './styles';

export const EDITOR_CSS = `${BASE}
:host { position: absolute; z-index: 2147483000; top: 0; left: 0; }
.panel { display: flex; flex-direction: column; gap: 6px; width: min(380px, calc(100vw - 24px)); padding: 10px 12px 12px;
  border: 1px solid var(--pl-border); border-radius: 12px; background: var(--pl-surface); box-shadow: var(--pl-shadow); font-size: 13px; }
.heading { display: flex; align-items: baseline; gap: 8px; min-width: 0; }
.heading strong { flex: none; font-size: 13px; }
.heading .paper { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--pl-muted); font-size: 12px; }
.close { display: inline-flex; flex: none; align-self: center; padding: 2px; border-radius: 6px; color: var(--pl-muted); }
.close:hover { background: var(--pl-hover); color: var(--pl-text); }
.field-label { margin-top: 4px; color: var(--pl-muted); font-size: 12px; font-weight: 600; }
.tag-box { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; min-height: 32px; padding: 4px; border: 1px solid var(--pl-border-strong);
  border-radius: 8px; background: var(--pl-surface); }
.tag-box:focus-within, .note-input:focus { border-color: var(--pl-focus); box-shadow: 0 0 0 2px color-mix(in srgb, var(--pl-focus) 25%, transparent); }
.chips { display: contents; }
.tag { display: inline-flex; align-items: center; gap: 2px; max-width: 100%; height: 22px; padding: 0 2px 0 8px; border-radius: 999px;
  background: var(--pl-star-soft); color: var(--pl-star); font-weight: 600; }
.tag-text { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.remove { display: inline-flex; padding: 2px; border-radius: 999px; }
.remove:hover { background: var(--pl-hover); }
.remove .glyph { width: 12px; height: 12px; }
input, textarea { font: inherit; color: var(--pl-text); background: transparent; border: 0; margin: 0; outline: none; }
.tag-input:focus-visible, .note-input:focus-visible { outline: none; }
.tag-input { flex: 1 1 8em; min-width: 8em; height: 22px; padding: 0 4px; }
input::placeholder, textarea::placeholder { color: var(--pl-faint); }
.suggestions { list-style: none; margin: -2px 0 0; padding: 4px; max-height: 168px; overflow: auto; border: 1px solid var(--pl-border); border-radius: 8px;
  background: var(--pl-surface); }
.option { display: flex; justify-content: space-between; gap: 8px; padding: 4px 8px; border-radius: 6px; cursor: pointer; }
.option:hover, .option.active { background: var(--pl-rel-soft); color: var(--pl-rel); }
.uses { color: var(--pl-faint); font-size: 11px; }
.hint { margin: 0; color: var(--pl-faint); font-size: 11px; }
.note-input { display: block; width: 100%; min-height: 84px; max-height: 40vh; padding: 6px 8px; resize: vertical; border: 1px solid var(--pl-border-strong);
  border-radius: 8px; line-height: 1.45; }
.footer { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 2px; }
.length { color: var(--pl-faint); font-size: 11px; font-variant-numeric: tabular-nums; }
.length.over { color: var(--pl-dup); font-weight: 600; }
.actions { display: inline-flex; gap: 6px; }
.button { height: 28px; padding: 0 12px; border-radius: 8px; border: 1px solid var(--pl-border-strong); background: var(--pl-surface); color: var(--pl-text); font-weight: 600; }
.button:hover { background: var(--pl-hover); }
.button.primary { border-color: transparent; background: var(--pl-rel); color: var(--pl-surface); }
.button.primary:hover { filter: brightness(1.08); }
.error { margin: 0; padding: 6px 8px; border-radius: 8px; background: var(--pl-warn-soft); color: var(--pl-warn); font-size: 12px; }
`;
