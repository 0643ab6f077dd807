/**
 * Reading the listing by keyboard (keymap.ts says which key does what). The card the keys are on carries
 * `data-paper-lens-focus` (the ring in the page style) and the real focus sits on its title link, so a screen
 * reader reads the title and Enter opens it as a click would; every action goes through the same code as the
 * pointer's. The focus follows the card element, so client-side navigation and infinite loading keep it where it
 * is, or start again from the top when its card is gone.
 */
import type { ListedCard } from '../site';
import type { CardView } from '../marks/model';
import { setAttr } from '../marks/dom';
import { paperPath } from '../marks/strip';
import { readingAction, stepIndex, type ReadingAction } from './keymap';
import { KeysPanel, KEYS_TAG } from './help';

export const FOCUS_ATTR = 'data-paper-lens-focus';

/** What the keys act on: the controller's cards and views, and the same actions the strip's buttons call. */
export interface ReadingSurface {
  cards(): readonly ListedCard[];
  views(): readonly CardView[];
  enabled(): boolean;
  toggle(index: number, what: 'star' | 'read'): void;
  jumpTo(index: number): void;
  /** Opens the card's related list (building its strip if it was not yet); false when it has none. */
  openRelated(index: number): boolean;
}

const TYPING_SELECTOR = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="searchbox"]';
const CONTROL_SELECTOR = 'a[href], button, summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"]';
const DIALOG_SELECTOR = 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

export class ReadingKeys {
  private focused: HTMLElement | null = null;
  private readonly panel: KeysPanel;

  constructor(owner: string, private readonly surface: ReadingSurface) {
    this.panel = new KeysPanel(owner);
  }

  listen(): () => void {
    const onKey = (event: KeyboardEvent): void => this.onKey(event);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      this.blur();
      this.panel.remove();
    };
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.surface.enabled() || event.defaultPrevented) return;
    const path = event.composedPath().filter((node): node is Element => node instanceof Element);
    const ours = path.some((node) => node.tagName.toLowerCase() === KEYS_TAG);
    const action = readingAction(event, {
      typing: path.some((node) => node.matches(TYPING_SELECTOR)),
      inSiteDialog: !ours && path.some((node) => node.matches(DIALOG_SELECTOR) && !node.hasAttribute('data-paper-lens-owner') && !node.closest('[data-paper-lens-owner]')),
      onControl: path.some((node) => node.matches(CONTROL_SELECTOR)),
      helpOpen: this.panel.helpOpen,
    });
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    this.run(action);
  }

  private run(action: ReadingAction): void {
    if (action === 'help') return this.panel.showHelp();
    if (action === 'close-help') return this.panel.closeHelp();
    if (action === 'next' || action === 'previous') return this.move(action === 'next' ? 1 : -1);
    const index = this.currentIndex();
    if (index < 0) return this.move(1);
    const view = this.surface.views()[index];
    if (!view) return;
    switch (action) {
      case 'star':
        this.surface.toggle(index, 'star');
        this.panel.announce(view.starred ? 'Star removed' : 'Starred');
        break;
      case 'read':
        this.surface.toggle(index, 'read');
        this.panel.announce(view.read ? 'Marked as unread' : 'Marked as read');
        break;
      case 'open':
        this.open(index);
        break;
      case 'related':
        if (!this.surface.openRelated(index)) this.panel.announce('No related papers for this one');
        break;
      case 'original':
        this.original(view);
        break;
    }
  }

  private currentIndex(): number {
    if (!this.focused) return -1;
    const index = this.surface.cards().findIndex((card) => card.element === this.focused);
    if (index < 0) this.blur();
    return index;
  }

  private move(step: 1 | -1): void {
    const cards = this.surface.cards();
    const from = this.currentIndex();
    const start = from >= 0 ? from : step === 1 ? this.firstInView() - 1 : this.firstInView() + 1;
    const index = stepIndex(start, step, cards.length, (i) => this.visible(i));
    if (index === from || !cards[index]) return;
    this.focus(index);
  }

  /** Where j starts when no card has the keys yet: the first card whose top is on screen. */
  private firstInView(): number {
    const index = this.surface.cards().findIndex((card) => card.element.getBoundingClientRect().bottom > 0);
    return index < 0 ? 0 : index;
  }

  private visible(index: number): boolean {
    const element = this.surface.cards()[index]?.element;
    return element !== undefined && element.getAttribute('data-paper-lens-view') !== 'hide';
  }

  private focus(index: number): void {
    const card = this.surface.cards()[index] as ListedCard;
    this.blur();
    this.focused = card.element;
    setAttr(card.element, FOCUS_ATTR, '');
    const smooth = typeof matchMedia === 'function' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    card.element.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
    card.titleLink?.focus({ preventScroll: true });
    const view = this.surface.views()[index];
    const states = view ? [view.starred ? 'starred' : '', view.read ? 'read' : '', view.duplicate ? 'duplicate' : ''].filter(Boolean) : [];
    this.panel.announce(`Paper ${index + 1} of ${this.surface.cards().length}${states.length ? `, ${states.join(', ')}` : ''}`);
  }

  private blur(): void {
    if (this.focused) setAttr(this.focused, FOCUS_ATTR, null);
    this.focused = null;
  }

  private open(index: number): void {
    const card = this.surface.cards()[index] as ListedCard;
    // A click on the title goes through the site's own router and is counted as an opening, as a pointer's is.
    if (card.titleLink) card.titleLink.click();
    else location.assign(paperPath(card.paper.id));
  }

  private original(view: CardView): void {
    if (view.duplicate) {
      this.surface.jumpTo(view.duplicate.ofIndex);
      this.focus(view.duplicate.ofIndex);
    } else if (view.historyDuplicate) {
      location.assign(paperPath(view.historyDuplicate.knownId));
    } else {
      this.panel.announce('Not a duplicate');
    }
  }
}
