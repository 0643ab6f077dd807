/**
 * The list behind a "4 related" or "Close to 2 papers you starred" chip: one floating panel for the page,
 * outside the cards (cards often clip their overflow). Keyboard: focus moves into the list, arrows move
 * between items, Escape closes and returns focus to the chip.
 */
import { el, placeBelow, styleShadowRoot } from './dom';
import { POPOVER_CSS } from './styles';
import { strengthWords } from '../../core/related-model';

export const POPOVER_TAG = 'paper-lens-popover';

export interface PopoverItem {
  /** "#7" for a card on this page, "Starred"/"Read" for a paper from history. */
  badge: string;
  badgeKind: 'position' | 'state';
  title: string;
  /** The words the two papers share that made the link (the evidence its strength came from). */
  terms: string[];
  /** A line under the title saying why the paper is listed ("Close to … from your history"). */
  context?: string;
  /** Link strength 0..1 (see core/related-model), shown in words. */
  score?: number;
  /** A jump on this page, or a link to the paper's page. */
  action: (() => void) | { href: string };
}

export interface PopoverContent {
  heading: string;
  detail: string;
  items: PopoverItem[];
}

const sheetCache: { sheet?: CSSStyleSheet | null } = {};

export class Popover {
  private host: HTMLElement | null = null;
  private anchor: HTMLElement | null = null;
  private onClose: (() => void) | null = null;
  private readonly outside = (event: Event): void => {
    const path = event.composedPath();
    if (this.host && (path.includes(this.host) || (this.anchor && path.includes(this.anchor)))) return;
    this.close(false);
  };

  constructor(private readonly owner: string) {}

  get isOpen(): boolean {
    return this.host !== null;
  }

  isFor(anchor: HTMLElement): boolean {
    return this.anchor === anchor;
  }

  open(anchor: HTMLElement, content: PopoverContent, onClose: () => void): void {
    this.close(false);
    const host = document.createElement(POPOVER_TAG);
    host.setAttribute('data-paper-lens-owner', this.owner);
    const root = host.attachShadow({ mode: 'open' });
    styleShadowRoot(root, POPOVER_CSS, sheetCache);
    const list = el('ul', { role: 'list' });
    for (const item of content.items) list.append(el('li', {}, this.item(item)));
    const panel = el('div', { class: 'panel', role: 'dialog', 'aria-label': content.heading },
      el('div', { class: 'heading' }, el('strong', {}, content.heading), el('span', {}, content.detail)), list);
    panel.addEventListener('keydown', (event) => this.onKey(event, panel));
    // Keep our clicks away from the site's handlers.
    root.addEventListener('click', (event) => event.stopPropagation());
    root.append(panel);
    (document.body ?? document.documentElement).append(host);
    this.host = host;
    this.anchor = anchor;
    this.onClose = onClose;
    this.place();
    document.addEventListener('pointerdown', this.outside, true);
    (panel.querySelector('.item') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  private item(item: PopoverItem): HTMLElement {
    const badge = el('span', { class: item.badgeKind === 'state' ? 'pos state' : 'pos' }, item.badge);
    const body = el('span', { class: 'body' }, el('span', { class: 'title' }, item.title || 'Untitled paper'));
    if (item.context) body.append(el('span', { class: 'context' }, item.context));
    if (item.terms.length) {
      body.append(el('span', { class: 'terms', 'aria-label': `Both papers use: ${item.terms.join(', ')}` },
        el('span', { class: 'terms-label', 'aria-hidden': 'true' }, 'Both use'), ...item.terms.map((term) => el('span', { class: 'term' }, term))));
    }
    const parts: Array<HTMLElement> = [badge, body];
    if (item.score !== undefined) {
      parts.push(el('span', { class: 'strength', title: 'How strongly the shared words tie the two papers together' }, strengthWords(item.score)));
    }
    if (typeof item.action === 'function') {
      const run = item.action;
      const button = el('button', { type: 'button', class: 'item' }, ...parts);
      button.addEventListener('click', () => {
        this.close(false);
        run();
      });
      return button;
    }
    return el('a', { class: 'item', href: item.action.href }, ...parts);
  }

  private onKey(event: KeyboardEvent, panel: HTMLElement): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = Array.from(panel.querySelectorAll<HTMLElement>('.item'));
    const active = (panel.getRootNode() as ShadowRoot).activeElement;
    const at = items.findIndex((item) => item === active);
    const next = at < 0 ? items[0] : items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    event.preventDefault();
    next?.focus();
  }

  /** Below the chip, kept inside the viewport horizontally; above it when there is no room below. */
  place(): void {
    if (!this.host || !this.anchor) return;
    placeBelow(this.host, this.anchor, this.host.shadowRoot?.querySelector('.panel') as HTMLElement | null, 440);
  }

  close(returnFocus: boolean): void {
    if (!this.host) return;
    document.removeEventListener('pointerdown', this.outside, true);
    this.host.remove();
    const anchor = this.anchor;
    const onClose = this.onClose;
    this.host = null;
    this.anchor = null;
    this.onClose = null;
    onClose?.();
    if (returnFocus) anchor?.focus({ preventScroll: true });
  }
}
