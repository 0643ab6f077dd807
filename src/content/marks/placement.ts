/**
 * Where our elements go in the site's DOM, and writing a card's attributes. Card attributes are the stable,
 * documented surface (data-paper-lens-id, data-paper-lens, ...-duplicate-of, ...-related, ...-view).
 */
import type { ListedCard } from '../site';
import type { CardView } from './model';
import { setAttr } from './dom';
import { CARD_ATTRS } from '../instance';
import { STRIP_TAG } from './strip';
import { isOwnHost } from './own-hosts';

const NEVER_ANCHOR = new Set(['BODY', 'HTML', 'MAIN']);

/** Under the title (after its heading), or at the end of the card when it has no title. */
export function placeStrip(card: ListedCard, host: HTMLElement): void {
  const element = card.element;
  const heading = card.titleHeading;
  const anchor = heading && element.contains(heading) ? heading : card.titleLink && element.contains(card.titleLink) ? card.titleLink : null;
  if (anchor && anchor !== element) {
    if (anchor.nextSibling !== host) anchor.after(host);
  } else if (host.parentNode !== element) {
    element.append(host);
  }
}

/**
 * Removes the strip hosts this instance did not make (the site cloned a marked card, or kept a copy of one): one
 * query over the page, not one per card. Our own hosts are put back into their cards by placeStrip.
 */
export function removeStrayStrips(): void {
  for (const host of Array.from(document.querySelectorAll(STRIP_TAG))) if (!isOwnHost(host)) host.remove();
}

export function stripIsPlaced(card: ListedCard, host: HTMLElement): boolean {
  return host.isConnected && card.element.contains(host);
}

/** Directly before the list that holds every card (never inside a grid, where it would take a cell). */
export function placeSummary(cards: readonly ListedCard[], host: HTMLElement): void {
  const first = cards[0]?.element;
  const last = cards[cards.length - 1]?.element;
  if (!first || !last) return;
  let container: HTMLElement | null = first.parentElement;
  while (container && !container.contains(last)) container = container.parentElement;
  let anchor: HTMLElement = container ?? first;
  if (!container || NEVER_ANCHOR.has(container.tagName)) {
    anchor = first;
    while (anchor.parentElement && anchor.parentElement !== container) anchor = anchor.parentElement;
  }
  if (host.nextElementSibling !== anchor || host.parentNode !== anchor.parentNode) anchor.before(host);
}

export function writeCardAttributes(element: HTMLElement, view: CardView): void {
  setAttr(element, 'data-paper-lens-id', view.id);
  setAttr(element, 'data-paper-lens', view.marks.join(' '));
  setAttr(element, 'data-paper-lens-duplicate-of', view.duplicateOf);
  setAttr(element, 'data-paper-lens-related', view.relatedIds.length ? view.relatedIds.join(' ') : null);
  setAttr(element, 'data-paper-lens-view', view.view || null);
}

export function clearCardAttributes(element: Element): void {
  for (const name of CARD_ATTRS) element.removeAttribute(name);
}
