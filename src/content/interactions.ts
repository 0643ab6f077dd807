/**
 * What the reader does with the marks and the listing: star/read toggles (optimistic, rolled back with a
 * note on failure), jumps to another card, the related lists, and opening papers (title, arXiv or PDF
 * links, or a paper's own page).
 */
import type { ListingPage, Paper } from '../core/types';
import type { Controller } from './controller';
import type { StripActions } from './marks/strip';
import { paperPath } from './marks/strip';
import type { PopoverContent } from './marks/popover';
import { paperIdFromHref } from './site';
import { readerRelatedLabel } from './marks/labels';
import { CardAnnotations } from './annotations';
import { KeyedSequence } from '../core/keyed-sequence';

const FLASH_MS = 1600;
const NOTE_MS = 6000;
/** A click on a title that also navigates to the paper's page must not count twice. */
const OPEN_DEDUPE_MS = 5000;

export class Interactions implements StripActions {
  private readonly opened = new Map<string, number>();
  private readonly noteTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly annotations: CardAnnotations;
  /** Toggles of one mark of one paper reach the store in click order, and only the last click's answer settles. */
  private readonly toggles = new KeyedSequence();

  constructor(private readonly app: Controller) {
    this.annotations = new CardAnnotations(app);
  }

  annotate(index: number, anchor: HTMLElement): void {
    this.annotations.open(index, anchor);
  }

  async toggle(index: number, what: 'star' | 'read'): Promise<void> {
    const view = this.app.views[index];
    const paper = this.app.papers[index];
    if (!view || !paper) return;
    const id = view.id;
    const next = what === 'star' ? !view.starred : !view.read;
    const field = what === 'star' ? 'starred' : 'read';
    this.app.closeMarkHint();
    this.app.pending.set(id, { ...this.app.pending.get(id), [field]: next });
    this.app.refresh(id);
    const turn = this.toggles.run(`${field}:${id}`, () => (what === 'star'
      ? this.app.store.request('paper/set-starred', { id, starred: next, paper })
      : this.app.store.request('paper/set-read', { id, read: next, paper })));
    const response = await turn.result;
    if (response) this.app.mergeStates([response.state]);
    if (!turn.isLatest()) return;
    const pending = { ...this.app.pending.get(id) };
    delete pending[field];
    if (pending.starred === undefined && pending.read === undefined) this.app.pending.delete(id);
    else this.app.pending.set(id, pending);
    if (response) {
      this.note(id, null);
    } else {
      const action = what === 'star' ? (next ? 'star' : 'unstar') : next ? 'mark as read' : 'mark as unread';
      this.note(id, `Couldn’t ${action}: not saved.`);
    }
    this.app.refresh(id);
  }

  private note(id: string, text: string | null): void {
    clearTimeout(this.noteTimers.get(id));
    if (text === null) {
      this.app.notes.delete(id);
      return;
    }
    this.app.notes.set(id, text);
    this.noteTimers.set(id, setTimeout(() => {
      this.app.notes.delete(id);
      this.app.refresh(id);
    }, NOTE_MS));
  }

  jumpTo(index: number): void {
    const card = this.app.cards[index];
    if (!card) return;
    const element = card.element;
    // A jump to a card the filters hide shows it (dimmed) rather than scrolling to nothing.
    if (element.getAttribute('data-paper-lens-view') === 'hide') element.setAttribute('data-paper-lens-view', 'dim');
    const smooth = typeof matchMedia === 'function' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    element.setAttribute('data-paper-lens-flash', '');
    setTimeout(() => element.removeAttribute('data-paper-lens-flash'), FLASH_MS);
    const focusTarget = card.titleLink ?? this.app.strips.get(element)?.host;
    if (card.titleLink) card.titleLink.focus({ preventScroll: true });
    else if (focusTarget) this.app.strips.get(element)?.focusControl();
  }

  openList(index: number, kind: 'page' | 'reader', anchor: HTMLElement): void {
    const popover = this.app.popover;
    if (popover.isOpen && popover.isFor(anchor)) {
      popover.close(true);
      return;
    }
    const view = this.app.views[index];
    if (!view) return;
    const strip = this.app.cards[index] ? this.app.strips.get(this.app.cards[index].element) : undefined;
    const content: PopoverContent = kind === 'page'
      ? {
          heading: 'Related on this page',
          detail: `${view.related.length} ${view.related.length === 1 ? 'paper' : 'papers'}`,
          items: view.related.map((link) => ({
            badge: `#${link.index + 1}`,
            badgeKind: 'position',
            title: this.app.papers[link.index]?.title ?? link.id,
            terms: link.sharedTerms.slice(0, 5),
            score: link.score,
            action: () => this.jumpTo(link.index),
          })),
        }
      : {
          heading: readerRelatedLabel(view.readerRelated),
          detail: 'from your history',
          items: view.readerRelated.map((related) => ({
            badge: related.state === 'starred' ? 'Starred' : 'Read',
            badgeKind: 'state',
            title: related.title,
            terms: related.sharedTerms.slice(0, 5),
            score: related.score,
            action: { href: paperPath(related.id) },
          })),
        };
    strip?.setExpanded(kind, true);
    popover.open(anchor, content, () => strip?.setExpanded(kind, false));
  }

  /** A paper page was opened in this tab (loaded directly or routed to). */
  openedDetail(page: ListingPage): void {
    const id = page.key.slice('paper:'.length);
    if (id) this.sendOpened(id, undefined);
  }

  private sendOpened(id: string, paper: Paper | undefined): void {
    const now = Date.now();
    const last = this.opened.get(id);
    if (last !== undefined && now - last < OPEN_DEDUPE_MS) return;
    this.opened.set(id, now);
    void this.app.store.request('paper/opened', paper ? { id, paper } : { id }).then((response) => {
      if (!response) return;
      this.app.mergeStates([response.state]);
      this.app.refresh(id);
    });
  }

  private readonly onClick = (event: MouseEvent): void => {
    if (event.type === 'auxclick' && event.button !== 1) return;
    const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && node.hasAttribute('href'));
    if (!link) return;
    const id = paperIdFromHref(link.getAttribute('href'));
    if (!id) return;
    const index = this.app.cards.findIndex((card) => card.element.contains(link));
    const paper = index >= 0 && this.app.papers[index]?.id === id ? this.app.papers[index] : undefined;
    this.sendOpened(id, paper);
  };

  /** Listens for paper links being opened; returns a stop function. */
  listen(): () => void {
    document.addEventListener('click', this.onClick, true);
    document.addEventListener('auxclick', this.onClick, true);
    return () => {
      document.removeEventListener('click', this.onClick, true);
      document.removeEventListener('auxclick', this.onClick, true);
    };
  }
}
