/**
 * Notices when the listing may have changed: client-side navigation (history API, back/forward), infinite
 * loading, tab switches and re-renders that replace or rewrite the cards. It only says "look again soon";
 * the scan decides whether anything changed. Our own DOM writes are discarded (see `discard`).
 */

import { paperIdFromHref } from './site';

const QUIET_MS = 30;
const LINK_SELECTOR = 'a[href*="/papers/"], a[href*="arxiv.org/"]';

function holdsPaperLink(node: Node): boolean {
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const element = node as Element;
  return element.matches(LINK_SELECTOR) || element.querySelector(LINK_SELECTOR) !== null;
}
const MAX_WAIT_MS = 120;

export class PageWatcher {
  private readonly observer: MutationObserver;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstAt = 0;
  private lastUrl = location.href;
  private readonly urlTimer: ReturnType<typeof setInterval>;
  private readonly onPop = (): void => this.poke();

  constructor(private readonly onChange: () => void, private readonly isOurs: (node: Node) => boolean) {
    this.observer = new MutationObserver((records) => {
      if (records.some((record) => this.relevant(record))) this.poke();
    });
    this.observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['href', 'data-props'] });
    window.addEventListener('popstate', this.onPop);
    // Some routers change the URL without touching the list (or before it): a cheap check catches those.
    this.urlTimer = setInterval(() => {
      if (location.href !== this.lastUrl) this.poke();
    }, 250);
  }

  /** Only changes that add, remove or re-point paper links (or remove our strips) can change the marks. */
  private relevant(record: MutationRecord): boolean {
    if (record.type === 'attributes') {
      if (record.attributeName === 'data-props') return true;
      const now = (record.target as Element).getAttribute?.('href') ?? null;
      return paperIdFromHref(now) !== null || paperIdFromHref(record.oldValue) !== null;
    }
    for (const node of Array.from(record.addedNodes)) if (!this.isOurs(node) && holdsPaperLink(node)) return true;
    // The site removing one of our strips matters too: that card lost its marks.
    for (const node of Array.from(record.removedNodes)) if (this.isOurs(node) || holdsPaperLink(node)) return true;
    return false;
  }

  /** Schedules a scan: after a short quiet spell, but never later than MAX_WAIT_MS after the first change. */
  poke(): void {
    this.lastUrl = location.href;
    const now = performance.now();
    if (this.timer === null) this.firstAt = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.firstAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, wait);
  }

  /** Drops the records our own writes produced (call right after a synchronous batch of writes). */
  discard(): void {
    this.observer.takeRecords();
  }

  stop(): void {
    this.observer.disconnect();
    window.removeEventListener('popstate', this.onPop);
    clearInterval(this.urlTimer);
    if (this.timer !== null) clearTimeout(this.timer);
  }
}
