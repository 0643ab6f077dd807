/**
 * One live Paper Lens per page. After an extension update or reload the old content script may keep running
 * (orphaned, unable to reach the store) while a new one is injected: the newest instance claims the page,
 * removes every mark it did not make, and tells older instances to stop.
 */
import { HOST_TAGS } from './marks/styles';

export const INSTANCE_ATTR = 'data-paper-lens-instance';
export const READY_ATTR = 'data-paper-lens-ready';
/** The generation whose late answers (For you, reader-related links) are in too: nothing changes the marks after it but the reader, the store or the page. */
export const SETTLED_ATTR = 'data-paper-lens-settled';
const TAKEOVER_EVENT = 'paper-lens:takeover';
/** Attributes we put on the site's card elements. */
export const CARD_ATTRS = ['data-paper-lens-id', 'data-paper-lens', 'data-paper-lens-duplicate-of', 'data-paper-lens-related', 'data-paper-lens-view', 'data-paper-lens-flash'] as const;

export function newToken(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function isCurrent(token: string): boolean {
  return document.documentElement.getAttribute(INSTANCE_ATTR) === token;
}

/** Removes marks, bars, popovers and styles owned by any other instance, and our attributes from the cards. */
export function removeForeignMarks(token: string): void {
  const selector = [...HOST_TAGS, 'style[data-paper-lens-owner]'].join(',');
  for (const node of Array.from(document.querySelectorAll(selector))) {
    if (node.getAttribute('data-paper-lens-owner') !== token) node.remove();
  }
  for (const card of Array.from(document.querySelectorAll('[data-paper-lens-id]'))) {
    for (const name of CARD_ATTRS) card.removeAttribute(name);
  }
}

/** Claims the page for this instance; `onSuperseded` runs when a newer instance claims it. */
export function claimPage(token: string, onSuperseded: () => void): () => void {
  // Every instance claims the page before it marks anything: with no earlier claim there is nothing to remove,
  // and a first visit skips two queries over the whole document.
  const claimedBefore = document.documentElement.hasAttribute(INSTANCE_ATTR);
  document.documentElement.setAttribute(INSTANCE_ATTR, token);
  document.documentElement.removeAttribute(READY_ATTR);
  document.documentElement.removeAttribute(SETTLED_ATTR);
  if (claimedBefore) removeForeignMarks(token);
  const listener = (): void => {
    if (!isCurrent(token)) onSuperseded();
  };
  document.addEventListener(TAKEOVER_EVENT, listener);
  document.dispatchEvent(new Event(TAKEOVER_EVENT));
  return () => document.removeEventListener(TAKEOVER_EVENT, listener);
}
