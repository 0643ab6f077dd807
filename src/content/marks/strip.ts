/**
 * The strip of marks under a card's title, in the card's own open shadow root. Built from one cloned
 * skeleton (cheap on 1000-card pages) and updated in place; a strip only changes when its view changes.
 */
import type { CardView } from './model';
import { ICONS, el, icon, setAttr, setHidden, setText, styleShadowRoot } from './dom';
import { STRIP_CSS } from './styles';
import { ownHost } from './own-hosts';
import { readerRelatedLabel, readerRelatedShortLabel, relatedLabel } from './labels';
import { scheduleFit, watchWidth } from './strip-fit';
import { ANNOTATION_BUTTON_CSS, annotationButton, renderAnnotationButton } from './annotation-button';

export const STRIP_TAG = 'paper-lens-marks';

export interface StripActions {
  toggle(index: number, what: 'star' | 'read'): void;
  jumpTo(index: number): void;
  openList(index: number, kind: 'page' | 'reader', anchor: HTMLElement): void;
  annotate(index: number, anchor: HTMLElement): void;
}

const sheetCache: { sheet?: CSSStyleSheet | null } = {};
let skeleton: DocumentFragment | null = null;

/** A chip: its full text (`.label`); a shorter form for a full line is its `data-short` (styles.ts shows it). */
function chip(className: string, action?: string): HTMLElement {
  const attributes = action ? { type: 'button', class: `chip ${className}`, 'data-paper-lens-action': action } : { class: `chip ${className}` };
  const node = el(action ? 'button' : 'span', attributes, el('span', { class: 'label' }));
  setHidden(node, true);
  return node;
}

function buildSkeleton(): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const star = el('button', { type: 'button', class: 'toggle star', 'data-paper-lens-action': 'star', 'aria-pressed': 'false', 'aria-label': 'Star', title: STAR_TIP }, icon(ICONS.star));
  const read = el('button', { type: 'button', class: 'toggle read', 'data-paper-lens-action': 'read', 'aria-pressed': 'false', 'aria-label': 'Read', title: READ_TIP }, icon(ICONS.check), el('span', { class: 'label', hidden: true }));
  const related = chip('rel', 'related');
  related.setAttribute('aria-haspopup', 'dialog');
  related.setAttribute('aria-expanded', 'false');
  related.append(icon(ICONS.chevron));
  const reader = chip('rel reader', 'reader-related');
  reader.setAttribute('aria-haspopup', 'dialog');
  reader.setAttribute('aria-expanded', 'false');
  const history = el('a', { class: 'chip dup history', 'data-paper-lens-action': 'known', hidden: true }, el('span', { class: 'label' }));
  const note = el('span', { class: 'note', role: 'status', hidden: true });
  fragment.append(el('div', { class: 'strip', role: 'group', 'aria-label': 'Paper Lens' },
    star, read, chip('new'), chip('seen'), chip('dup', 'duplicate'), history, related, reader, chip('foryou'), note), el('div', { class: 'gauge', 'aria-hidden': 'true' }));
  return fragment;
}

/** The star and read buttons' tooltips: what each does (the summary bar says it once on a first visit too). */
export const STAR_TIP = 'Star: keep this paper in your Starred list (in the toolbar popup, ready to export)';
export const READ_TIP = 'Mark as read: the card dims here and on later visits';

/** The path of a paper page on the site; old-style ids keep their slash. */
export function paperPath(id: string): string {
  return `/papers/${id.split('/').map(encodeURIComponent).join('/')}`;
}

export class CardStrip {
  readonly host: HTMLElement;
  index = -1;
  private readonly star: HTMLElement;
  private readonly read: HTMLElement;
  private readonly readText: HTMLElement;
  private readonly newChip: HTMLElement;
  private readonly seen: HTMLElement;
  private readonly duplicate: HTMLElement;
  private readonly history: HTMLAnchorElement;
  private readonly related: HTMLElement;
  private readonly reader: HTMLElement;
  private readonly forYou: HTMLElement;
  private readonly note: HTMLElement;
  /** Tags and note, beside the star (annotation-button.ts). */
  private readonly annotate: HTMLElement;
  private readonly strip: HTMLElement;
  private lastKey = '';

  /** `host`: the card's placeholder, which already holds the strip's place (lazy-strips.ts). */
  constructor(owner: string, private readonly actions: StripActions, host: HTMLElement | null = null) {
    this.host = host ?? ownHost(document.createElement(STRIP_TAG));
    this.host.setAttribute('data-paper-lens-owner', owner);
    const root = this.host.attachShadow({ mode: 'open' });
    styleShadowRoot(root, STRIP_CSS + ANNOTATION_BUTTON_CSS, sheetCache);
    skeleton ??= buildSkeleton();
    root.append(skeleton.cloneNode(true));
    const gauge = root.lastElementChild as HTMLElement;
    const strip = gauge.previousElementSibling as HTMLElement;
    this.strip = strip;
    const parts = strip.children;
    this.star = parts[0] as HTMLElement;
    this.read = parts[1] as HTMLElement;
    this.readText = this.read.lastElementChild as HTMLElement;
    this.newChip = parts[2] as HTMLElement;
    this.seen = parts[3] as HTMLElement;
    this.duplicate = parts[4] as HTMLElement;
    this.history = parts[5] as HTMLAnchorElement;
    this.related = parts[6] as HTMLElement;
    this.reader = parts[7] as HTMLElement;
    this.forYou = parts[8] as HTMLElement;
    this.note = parts[9] as HTMLElement;
    this.annotate = annotationButton();
    this.star.after(this.annotate);
    root.addEventListener('click', (event) => this.onClick(event));
    watchWidth(this, gauge);
  }

  private onClick(event: Event): void {
    const target = (event.target as Element | null)?.closest('[data-paper-lens-action]');
    // Our controls live inside the site's card, which may be a link or have its own click handler.
    event.stopPropagation();
    if (!target) return;
    const action = target.getAttribute('data-paper-lens-action');
    if (action === 'known') return;
    event.preventDefault();
    if (action === 'star' || action === 'read') this.actions.toggle(this.index, action);
    else if (action === 'duplicate') this.actions.jumpTo(Number(this.duplicate.getAttribute('data-of-index')));
    else if (action === 'related') this.actions.openList(this.index, 'page', target as HTMLElement);
    else if (action === 'reader-related') this.actions.openList(this.index, 'reader', target as HTMLElement);
    else if (action === 'annotate') this.actions.annotate(this.index, target as HTMLElement);
  }

  update(view: CardView, note: string | null): void {
    this.index = view.index;
    renderAnnotationButton(this.annotate, view);
    const key = JSON.stringify([view.starred, view.read, view.saving, view.readText, view.newChip, view.seenText, view.duplicate, view.historyDuplicate, view.related.length, view.readerRelated.length, view.readerRelated[0]?.state, view.forYou, note]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    setAttr(this.star, 'aria-pressed', String(view.starred));
    setAttr(this.star, 'aria-busy', view.saving.starred ? 'true' : null);
    setAttr(this.read, 'aria-busy', view.saving.read ? 'true' : null);
    setAttr(this.star, 'title', view.starred ? 'Starred: click to remove the star' : STAR_TIP);
    setAttr(this.read, 'aria-pressed', String(view.read));
    setAttr(this.read, 'title', view.read ? `${view.readText ?? 'Read'}: click to mark as unread` : READ_TIP);
    setText(this.readText, view.readText ?? '');
    setHidden(this.readText, !view.readText);
    this.chip(this.newChip, view.newChip ? 'New' : null, null, 'New: not listed or seen on an earlier visit');
    this.chip(this.seen, view.seenText, view.seenShort, view.seenText);
    this.chip(this.duplicate, view.duplicate?.text ?? null, view.duplicate?.short ?? null, view.duplicate ? `${view.duplicate.text}. ${view.duplicate.reason} Click to jump to it.` : null);
    if (view.duplicate) setAttr(this.duplicate, 'data-of-index', String(view.duplicate.ofIndex));
    this.chip(this.history, view.historyDuplicate?.text ?? null, view.historyDuplicate?.short ?? null, view.historyDuplicate?.text ?? null);
    setAttr(this.history, 'href', view.historyDuplicate ? paperPath(view.historyDuplicate.knownId) : null);
    this.chip(this.related, view.related.length ? relatedLabel(view.related.length) : null, null, 'Related papers on this page');
    const reader = view.readerRelated.length ? readerRelatedLabel(view.readerRelated) : null;
    this.chip(this.reader, reader, view.readerRelated.length ? readerRelatedShortLabel(view.readerRelated) : null, reader ? `${reader}: papers from your history on the same topic` : null);
    this.chip(this.forYou, view.forYou === null ? null : 'For you', '✦', view.forYou === null ? null : `For you: ${view.forYou}`);
    setText(this.note, note ?? '');
    setHidden(this.note, !note);
    // Only a strip with a chip that can shorten (or one shortened now) needs the layout a fit reads.
    if (this.shortenable().some((node) => (!node.hidden && node.hasAttribute('data-short')) || node.classList.contains('compact'))) scheduleFit(this);
  }

  /** The chips that may shorten, the first to shorten first. */
  private shortenable(): HTMLElement[] {
    return [this.forYou, this.reader, this.history, this.seen, this.duplicate];
  }

  /** `short`: the chip's text where its line has no room (full text stays in `title` and for screen readers). */
  private chip(node: HTMLElement, text: string | null, short: string | null, title: string | null): void {
    setHidden(node, text === null);
    if (text === null) return;
    setText(node.firstElementChild as Element, text);
    setAttr(node, 'data-short', short && short !== text ? short : null);
    setAttr(node, 'title', title);
  }

  /**
   * Full texts first; while the strip needs more than one line, the next chip that can takes its shorter form
   * (the latest to arrive first: For you, reader-related, history duplicate, seen, duplicate). Reads layout: called in the batched pass of strip-fit.ts, never in a render.
   */
  fit(lineHeight: number): void {
    const chips = this.shortenable();
    for (const node of chips) node.classList.remove('compact');
    for (const node of chips) {
      if (this.strip.offsetHeight <= lineHeight) return;
      if (!node.hidden && node.hasAttribute('data-short')) node.classList.add('compact');
    }
  }

  setExpanded(kind: 'page' | 'reader', expanded: boolean): void {
    setAttr(kind === 'page' ? this.related : this.reader, 'aria-expanded', String(expanded));
  }

  /** The chip that opens the card's related list: this page's first, else the reader's history; null when neither shows. */
  relatedChip(): { kind: 'page' | 'reader'; chip: HTMLElement } | null {
    if (!this.related.hidden) return { kind: 'page', chip: this.related };
    if (!this.reader.hidden) return { kind: 'reader', chip: this.reader };
    return null;
  }

  focusControl(): void {
    this.star.focus({ preventScroll: true });
  }
}
