/**
 * The tags-and-note button beside a starred card's star: it shows the paper's tags (the first two, then "+n") and
 * whether it has a note, and opens the editor (annotation-editor.ts). Hidden on cards that are not starred.
 */
import type { CardView } from './model';
import { el, icon, setAttr, setHidden, setText } from './dom';

export const TAG_ICON = ['M2.5 2.5h5.2l6 6-5.2 5.2-6-6z', 'M5.3 5.3h.1'];
const NOTE_ICON = ['M3.5 2.5h6l3 3v8h-9z', 'M5.5 8h5', 'M5.5 10.5h3.5'];
const SHOWN_TAGS = 2;
const NOTE_PREVIEW = 120;

export const ANNOTATION_BUTTON_CSS = `
.toggle.annotate { max-width: 22em; color: var(--pl-muted); }
.toggle.annotate > .label { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.toggle.annotate.has { color: var(--pl-star); border-color: transparent; background: var(--pl-star-soft); }
.toggle.annotate .glyph.note-glyph { width: 13px; height: 13px; }
`;

export function annotationButton(): HTMLElement {
  const button = el('button', { type: 'button', class: 'toggle annotate', 'data-paper-lens-action': 'annotate', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', hidden: true },
    icon(TAG_ICON), el('span', { class: 'label', hidden: true }), icon(NOTE_ICON, 'glyph note-glyph'));
  setHidden(button.lastElementChild as SVGElement, true);
  return button;
}

/** The button's text, title and what a screen reader says, from the card's view. */
export function annotationSummary(tags: readonly string[], note: string): { label: string; title: string; aria: string } {
  const label = tags.length === 0 ? '' : `${tags.slice(0, SHOWN_TAGS).join(', ')}${tags.length > SHOWN_TAGS ? ` +${tags.length - SHOWN_TAGS}` : ''}`;
  const notePreview = note.length > NOTE_PREVIEW ? `${note.slice(0, NOTE_PREVIEW).trimEnd()}…` : note;
  const parts = [tags.length ? `Tags: ${tags.join(', ')}` : '', note ? `Note: ${notePreview}` : ''].filter(Boolean);
  const title = parts.length ? `${parts.join('\n')}\nClick to edit` : 'Add tags or a note';
  const aria = `Tags and note${tags.length ? `: ${tags.join(', ')}` : ''}${note ? tags.length ? '; has a note' : ': has a note' : ''}`;
  return { label, title, aria };
}

export function renderAnnotationButton(button: HTMLElement, view: Pick<CardView, 'starred' | 'tags' | 'note'>): void {
  setHidden(button, !view.starred);
  if (!view.starred) return;
  const { label, title, aria } = annotationSummary(view.tags, view.note);
  const text = button.children[1] as HTMLElement;
  setText(text, label);
  setHidden(text, label === '');
  setHidden(button.lastElementChild as SVGElement, view.note === '');
  button.classList.toggle('has', view.tags.length > 0 || view.note !== '');
  setAttr(button, 'title', title);
  setAttr(button, 'aria-label', aria);
}
