/**
 * Strips of far cards are built when the card comes near the viewport (NEAR_MARGIN_PX above or below it), so a
 * card's content changes while it is out of sight and the reader never sees a card's marks arrive. A card near
 * the viewport when the list is read holds an empty placeholder host that takes the strip's one-line height
 * (PAGE_CSS) until its strip is built; a far one is only watched, with nothing put in it: every item of the
 * site's grid whose content changes after its first paint makes the browser lay the grid out again, so a page
 * of 1000 cards pays for the few near the viewport at load and for the rest a few at a time as they come near.
 */
import type { ListedCard } from './site';
import { placeStrip, stripIsPlaced } from './marks/placement';
import { ownHost } from './marks/own-hosts';
import { STRIP_TAG } from './marks/strip';
import { PENDING_ATTR } from './marks/styles';

/** How near the viewport (px, above and below) a card gets its strip: at once when rendered, else when it comes this near. */
export const NEAR_MARGIN_PX = 1500;

/**
 * The cards within NEAR_MARGIN_PX of the viewport now, read before anything is written (so no extra layout).
 * Cards follow the page down in document order: the first card below that band ends the search.
 */
export function cardsNearViewport(elements: readonly HTMLElement[]): Set<HTMLElement> {
  const near = new Set<HTMLElement>();
  const above = -NEAR_MARGIN_PX;
  const below = window.innerHeight + NEAR_MARGIN_PX;
  for (const element of elements) {
    const rect = element.getBoundingClientRect();
    if (rect.top > below) break;
    if (rect.bottom >= above) near.add(element);
  }
  return near;
}

export class LazyStrips {
  private readonly observer: IntersectionObserver;
  /** Every card waiting for its strip: its placeholder, or null for a far card watched without one. */
  private readonly placeholders = new Map<HTMLElement, HTMLElement | null>();
  /** Cards reported near that `near` could not serve yet (their list was being re-read): observed again later. */
  private readonly missed = new Set<HTMLElement>();

  /** `near` builds the strips it can and returns the cards it could not (not yet rendered). */
  constructor(private readonly owner: string, near: (elements: HTMLElement[]) => HTMLElement[]) {
    this.observer = new IntersectionObserver((entries) => {
      const close = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target as HTMLElement);
      if (close.length > 0) for (const element of near(close)) this.missed.add(element);
    }, { rootMargin: `${NEAR_MARGIN_PX}px 0px` });
  }

  /** Watches for a card coming near, without touching it (no placeholder: see above). */
  watch(card: ListedCard): void {
    if (this.placeholders.has(card.element)) return;
    this.placeholders.set(card.element, null);
    this.observer.observe(card.element);
  }

  /** Whether the card waits for its strip: a placeholder in its place, or watched without one. */
  isWaiting(card: ListedCard): boolean {
    const host = this.placeholders.get(card.element);
    return host === null || (host !== undefined && stripIsPlaced(card, host));
  }

  /** Keeps the strip's place under the card's title and watches for the card coming near. */
  hold(card: ListedCard): void {
    let host = this.placeholders.get(card.element);
    if (!host) {
      host = ownHost(document.createElement(STRIP_TAG));
      host.setAttribute('data-paper-lens-owner', this.owner);
      host.setAttribute(PENDING_ATTR, '');
      this.placeholders.set(card.element, host);
    }
    placeStrip(card, host);
    this.observer.observe(card.element);
  }

  /**
   * Keeps a card waiting during a render that follows its read: a placeholder the read placed is left as it is
   * (the read already dropped strays and placed it, and the card is observed), and so is a watched card, so a
   * render of a 1000-card page does not query and re-place every far card a second time.
   */
  keep(card: ListedCard): void {
    const host = this.placeholders.get(card.element);
    if (host === null || (host && stripIsPlaced(card, host))) return;
    if (host) this.hold(card);
    else this.watch(card);
  }

  /** Stops watching the card; its placeholder (if any) becomes the host of the strip now being built. */
  take(element: HTMLElement): HTMLElement | null {
    this.observer.unobserve(element);
    const host = this.placeholders.get(element) ?? null;
    this.placeholders.delete(element);
    host?.removeAttribute(PENDING_ATTR);
    return host;
  }

  /** The element stopped being a card. */
  release(element: HTMLElement): void {
    this.observer.unobserve(element);
    this.missed.delete(element);
    this.placeholders.get(element)?.remove();
    this.placeholders.delete(element);
  }

  /**
   * Observing again makes the observer report where each card is now: one that came near while its list was
   * being re-read and rendered (and so was skipped) gets its strip without waiting for another scroll. Only those
   * cards: observing all of them again would make the browser compute every card's intersection once more.
   */
  renewMissed(): void {
    for (const element of this.missed) {
      if (!this.placeholders.has(element)) continue;
      this.observer.unobserve(element);
      this.observer.observe(element);
    }
    this.missed.clear();
  }

  /** Placeholders on elements that are no longer cards (a re-read found other cards) are taken out. */
  releaseAllBut(cards: ReadonlyMap<HTMLElement, unknown>): void {
    for (const element of [...this.placeholders.keys()]) if (!cards.has(element)) this.release(element);
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
