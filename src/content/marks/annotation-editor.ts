/**
 * The small tags-and-note editor a starred card opens: tag chips with autocomplete from the tags used before, a
 * plain-text note with its length, Save and Cancel. One floating panel for the page, in its own shadow root, placed
 * under the card's button like the related list. Everything the reader typed goes in as text. Limits are checked
 * as the reader types (core/annotations) and said in words; nothing typed is dropped until Save or Cancel: a click
 * outside closes the panel only while nothing was changed, and with changes a click on a page link does not
 * navigate and leaving the page asks first.
 *
 * Keys: Enter or a comma adds the typed tag (or the highlighted suggestion), arrows move through the suggestions,
 * Backspace in an empty tag field removes the last tag, Ctrl/Cmd+Enter saves, Escape closes the suggestions, then
 * the editor.
 */
import { MAX_NOTE_LENGTH, MAX_TAGS, checkNote, checkTag, splitTagInput, suggestTags, tagKey, type TagCount } from '../../core/annotations';
import { ICONS, el, icon, placeBelow, setAttr, setHidden, setText, styleShadowRoot } from './dom';
import { EDITOR_CSS } from './annotation-styles';

export const EDITOR_TAG = 'paper-lens-annotations';

export interface EditorRequest {
  anchor: HTMLElement;
  paperTitle: string;
  tags: readonly string[];
  note: string;
  /** Tags in use, for autocomplete (may fail: the editor works without suggestions). */
  knownTags: () => Promise<TagCount[]>;
  /** Stores the tags and note; resolves with a problem in words, or null when saved. */
  save: (tags: string[], note: string) => Promise<string | null>;
  onClose: () => void;
}

const sheetCache: { sheet?: CSSStyleSheet | null } = {};
const UNSAVED = 'Unsaved changes: Save keeps them, Cancel drops them.';
const count = (n: number): string => n.toLocaleString('en');

export class AnnotationEditor {
  private host: HTMLElement | null = null;
  private request: EditorRequest | null = null;
  private tags: string[] = [];
  private known: TagCount[] = [];
  private suggestions: string[] = [];
  private active = -1;
  private dirty = false;
  private saving = false;
  private parts: {
    panel: HTMLElement; chips: HTMLElement; input: HTMLInputElement; list: HTMLElement; note: HTMLTextAreaElement;
    length: HTMLElement; error: HTMLElement; save: HTMLButtonElement;
  } | null = null;
  private readonly outside = (event: Event): void => {
    if (!this.isOutside(event)) return;
    if (!this.dirty) this.close(false);
    else this.showError(UNSAVED);
  };
  /** With unsaved changes, a click outside (a link of the site, which would navigate away) does nothing but say so. */
  private readonly outsideClick = (event: Event): void => {
    if (!this.dirty || !this.isOutside(event)) return;
    event.preventDefault();
    event.stopPropagation();
    this.showError(UNSAVED);
  };
  /** With unsaved changes, leaving the page asks first (the browser's own "Leave site?"). */
  private readonly leaving = (event: BeforeUnloadEvent): void => {
    if (this.dirty) event.preventDefault();
  };

  constructor(private readonly owner: string) {}

  private isOutside(event: Event): boolean {
    const path = event.composedPath();
    return this.host !== null && !path.includes(this.host) && !(this.request && path.includes(this.request.anchor));
  }

  get isOpen(): boolean {
    return this.host !== null;
  }

  isFor(anchor: HTMLElement): boolean {
    return this.request?.anchor === anchor;
  }

  open(request: EditorRequest): void {
    this.close(false);
    this.request = request;
    this.tags = [...request.tags];
    this.dirty = false;
    this.saving = false;
    const host = document.createElement(EDITOR_TAG);
    host.setAttribute('data-paper-lens-owner', this.owner);
    const root = host.attachShadow({ mode: 'open' });
    styleShadowRoot(root, EDITOR_CSS, sheetCache);
    const input = el('input', {
      id: 'tag-input', class: 'tag-input', type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': 'tag-suggestions', 'aria-describedby': 'tag-hint', autocomplete: 'off', spellcheck: 'false', placeholder: 'Add a tag',
    });
    const chips = el('div', { class: 'chips', role: 'list', 'aria-label': 'Tags' });
    const list = el('ul', { id: 'tag-suggestions', class: 'suggestions', role: 'listbox', 'aria-label': 'Tags used before', hidden: true });
    const note = el('textarea', { id: 'note-input', class: 'note-input', rows: '4', spellcheck: 'true', placeholder: 'Why it matters, what to check, where it fits…' });
    note.value = request.note;
    const length = el('span', { class: 'length', id: 'note-length' });
    note.setAttribute('aria-describedby', 'note-length');
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const save = el('button', { type: 'button', class: 'button primary', 'data-editor-action': 'save', 'aria-keyshortcuts': 'Control+Enter Meta+Enter' }, 'Save');
    const panel = el('div', { class: 'panel', role: 'dialog', 'aria-label': `Tags and note: ${request.paperTitle || 'this paper'}` },
      el('div', { class: 'heading' },
        el('strong', {}, 'Tags and note'),
        el('span', { class: 'paper' }, request.paperTitle),
        el('button', { type: 'button', class: 'close', 'data-editor-action': 'cancel', 'aria-label': 'Close without saving', title: 'Close without saving (Esc)' }, icon(ICONS.close))),
      el('label', { class: 'field-label', for: 'tag-input' }, 'Tags'),
      el('div', { class: 'tag-box' }, chips, input),
      list,
      el('p', { class: 'hint', id: 'tag-hint' }, `Enter or comma adds a tag · up to ${MAX_TAGS}`),
      el('label', { class: 'field-label', for: 'note-input' }, 'Note'),
      note,
      el('div', { class: 'footer' }, length,
        el('span', { class: 'actions' },
          el('button', { type: 'button', class: 'button', 'data-editor-action': 'cancel' }, 'Cancel'), save)),
      error);
    this.parts = { panel, chips, input, list, note, length, error, save };
    root.append(panel);
    root.addEventListener('click', (event) => this.onClick(event));
    // The site's and the listing's own keys must not fire while the reader types here.
    panel.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('input', () => this.onTagInput());
    input.addEventListener('focus', () => this.suggest());
    input.addEventListener('blur', () => this.showSuggestions([]));
    note.addEventListener('input', () => {
      this.dirty = true;
      this.validate();
    });
    list.addEventListener('pointerdown', (event) => {
      // Keeps focus in the tag field so the pick lands there.
      event.preventDefault();
      const option = (event.target as Element).closest('[data-tag]');
      if (option) this.addTags([option.getAttribute('data-tag') ?? '']);
    });
    (document.body ?? document.documentElement).append(host);
    this.host = host;
    this.renderChips();
    this.validate();
    this.place();
    document.addEventListener('pointerdown', this.outside, true);
    window.addEventListener('click', this.outsideClick, true);
    window.addEventListener('beforeunload', this.leaving);
    setAttr(request.anchor, 'aria-expanded', 'true');
    input.focus({ preventScroll: true });
    void request.knownTags().then((known) => {
      if (this.request !== request) return;
      this.known = known;
      if (this.host?.shadowRoot?.activeElement === input) this.suggest();
    }, () => undefined);
  }

  private onClick(event: Event): void {
    event.stopPropagation();
    const target = (event.target as Element).closest('[data-editor-action], [data-remove]');
    if (!target) return;
    const remove = target.getAttribute('data-remove');
    if (remove !== null) {
      this.tags.splice(Number(remove), 1);
      this.dirty = true;
      this.renderChips();
      this.validate();
      this.parts?.input.focus();
      return;
    }
    const action = target.getAttribute('data-editor-action');
    if (action === 'save') void this.save();
    else if (action === 'cancel') this.close(true);
  }

  private onKey(event: KeyboardEvent): void {
    event.stopPropagation();
    const parts = this.parts;
    if (!parts) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      if (this.suggestions.length > 0) this.showSuggestions([]);
      else this.close(true);
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.save();
      return;
    }
    if (event.target !== parts.input) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (this.suggestions.length === 0) return;
      event.preventDefault();
      const last = this.suggestions.length - 1;
      // Past either end the highlight leaves the list (-1): Enter then adds what was typed.
      if (event.key === 'ArrowDown') this.active = this.active >= last ? -1 : this.active + 1;
      else this.active = this.active < 0 ? last : this.active - 1;
      this.renderSuggestions();
    } else if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      const picked = this.active >= 0 ? this.suggestions[this.active] : undefined;
      if (!picked && parts.input.value.trim() === '') return;
      event.preventDefault();
      this.addTags(picked ? [picked] : splitTagInput(parts.input.value));
    } else if (event.key === 'Backspace' && parts.input.value === '' && this.tags.length > 0) {
      event.preventDefault();
      this.tags.pop();
      this.dirty = true;
      this.renderChips();
      this.validate();
      this.suggest();
    }
  }

  /** A pasted or typed separator adds the tags before it; the rest stays in the field. */
  private onTagInput(): void {
    const input = this.parts?.input;
    if (!input) return;
    const last = Math.max(input.value.lastIndexOf(','), input.value.lastIndexOf(';'));
    if (last >= 0) {
      const rest = input.value.slice(last + 1);
      if (this.addTags(splitTagInput(input.value.slice(0, last)), false)) input.value = rest.trimStart();
    }
    this.validate();
    this.suggest();
  }

  /** Adds tags after checking each; on a problem says it and keeps the field's text. Returns whether all were added. */
  private addTags(raw: readonly string[], clearInput = true): boolean {
    const parts = this.parts;
    if (!parts) return false;
    const next = [...this.tags];
    for (const text of raw) {
      const checked = checkTag(text);
      if (!checked.ok) return this.showError(checked.problem);
      if (next.some((tag) => tagKey(tag) === tagKey(checked.value))) continue;
      if (next.length >= MAX_TAGS) return this.showError(`A paper can carry at most ${MAX_TAGS} tags.`);
      next.push(checked.value);
    }
    if (next.length !== this.tags.length) this.dirty = true;
    this.tags = next;
    if (clearInput) parts.input.value = '';
    this.renderChips();
    this.validate();
    this.suggest();
    return true;
  }

  private showError(problem: string | null): false {
    const error = this.parts?.error;
    if (error) {
      setText(error, problem ?? '');
      setHidden(error, problem === null);
    }
    return false;
  }

  /** The note's length against its limit, and whether Save can be pressed. */
  private validate(): void {
    const parts = this.parts;
    if (!parts) return;
    const note = checkNote(parts.note.value);
    const length = [...parts.note.value].length;
    setText(parts.length, `${count(length)} / ${count(MAX_NOTE_LENGTH)}`);
    parts.length.classList.toggle('over', !note.ok);
    const typed = parts.input.value.trim();
    const tagProblem = typed ? (() => { const checked = checkTag(typed); return checked.ok ? null : checked.problem; })() : null;
    this.showError(note.ok ? tagProblem : note.problem);
    parts.save.disabled = this.saving || !note.ok;
  }

  private suggest(): void {
    const parts = this.parts;
    if (!parts || this.tags.length >= MAX_TAGS) {
      this.showSuggestions([]);
      return;
    }
    this.showSuggestions(suggestTags(this.known, parts.input.value, this.tags));
  }

  private showSuggestions(tags: string[]): void {
    this.suggestions = tags;
    this.active = -1;
    this.renderSuggestions();
  }

  private renderSuggestions(): void {
    const parts = this.parts;
    if (!parts) return;
    const counts = new Map(this.known.map((entry) => [entry.tag, entry.count]));
    parts.list.replaceChildren(...this.suggestions.map((tag, i) => el('li', {
      id: `tag-option-${i}`, role: 'option', 'data-tag': tag, 'aria-selected': String(i === this.active), class: i === this.active ? 'option active' : 'option',
    }, el('span', {}, tag), el('span', { class: 'uses' }, String(counts.get(tag) ?? '')))));
    setHidden(parts.list, this.suggestions.length === 0);
    setAttr(parts.input, 'aria-expanded', String(this.suggestions.length > 0));
    setAttr(parts.input, 'aria-activedescendant', this.active >= 0 ? `tag-option-${this.active}` : null);
  }

  private renderChips(): void {
    const parts = this.parts;
    if (!parts) return;
    parts.chips.replaceChildren(...this.tags.map((tag, i) => el('span', { class: 'tag', role: 'listitem' },
      el('span', { class: 'tag-text' }, tag),
      el('button', { type: 'button', class: 'remove', 'data-remove': String(i), 'aria-label': `Remove tag ${tag}`, title: 'Remove' }, icon(ICONS.close)))));
    parts.input.placeholder = this.tags.length >= MAX_TAGS ? `${MAX_TAGS} tags: the most a paper can carry` : this.tags.length ? 'Add another tag' : 'Add a tag';
    this.place();
  }

  private async save(): Promise<void> {
    const parts = this.parts;
    const request = this.request;
    if (!parts || !request || this.saving) return;
    // A tag still in the field counts: Save means what the reader sees.
    if (parts.input.value.trim() !== '' && !this.addTags(splitTagInput(parts.input.value))) return;
    const note = checkNote(parts.note.value);
    if (!note.ok) {
      this.showError(note.problem);
      return;
    }
    this.saving = true;
    parts.save.disabled = true;
    setText(parts.save, 'Saving…');
    const problem = await request.save([...this.tags], note.value);
    if (this.request !== request) return;
    this.saving = false;
    setText(parts.save, 'Save');
    if (problem === null) {
      this.close(true);
      return;
    }
    parts.save.disabled = false;
    this.showError(`Not saved: ${problem}`);
  }

  /** Below the button, inside the viewport; above it when there is no room below. */
  place(): void {
    if (!this.host || !this.request || !this.parts) return;
    placeBelow(this.host, this.request.anchor, this.parts.panel, 380);
  }

  close(returnFocus: boolean): void {
    if (!this.host) return;
    document.removeEventListener('pointerdown', this.outside, true);
    window.removeEventListener('click', this.outsideClick, true);
    window.removeEventListener('beforeunload', this.leaving);
    this.host.remove();
    const request = this.request;
    this.host = null;
    this.request = null;
    this.parts = null;
    this.known = [];
    this.suggestions = [];
    if (!request) return;
    setAttr(request.anchor, 'aria-expanded', 'false');
    request.onClose();
    if (returnFocus) request.anchor.focus({ preventScroll: true });
  }
}
