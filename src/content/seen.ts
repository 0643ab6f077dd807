/**
 * Which cards the reader actually had on screen: a card counts once `fraction` of it (or of the viewport, for
 * cards taller than it) stayed visible for `dwellMs` while the tab was visible. Seen ids are reported in batches.
 */

export interface SeenOptions {
  fraction: number;
  dwellMs: number;
  /** Called with each batch of newly seen ids. */
  report: (ids: string[]) => void;
  /** The id a card shows now (cards can be reused for another paper). */
  idOf: (card: Element) => string | null;
  batchMs?: number;
}

export class SeenTracker {
  private observer: IntersectionObserver | null = null;
  private readonly timers = new Map<Element, ReturnType<typeof setTimeout>>();
  private readonly reported = new Set<string>();
  private pending = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly observed = new Set<Element>();

  constructor(private options: SeenOptions) {
    this.observer = this.makeObserver();
  }

  private makeObserver(): IntersectionObserver | null {
    if (typeof IntersectionObserver !== 'function') return null;
    const fraction = Math.min(1, Math.max(0.01, this.options.fraction));
    return new IntersectionObserver((entries) => this.onEntries(entries), { threshold: [0, fraction * 0.5, fraction, 1] });
  }

  private visibleEnough(entry: IntersectionObserverEntry): boolean {
    if (!entry.isIntersecting) return false;
    const fraction = this.options.fraction;
    if (entry.intersectionRatio >= fraction - 0.001) return true;
    // A card taller than the screen can never be half visible: half the screen filled by it is enough.
    const viewport = entry.rootBounds?.height ?? window.innerHeight;
    return entry.intersectionRect.height >= viewport * fraction;
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const card = entry.target;
      if (this.visibleEnough(entry)) {
        if (!this.timers.has(card)) this.timers.set(card, setTimeout(() => this.dwelt(card), this.options.dwellMs));
      } else {
        const timer = this.timers.get(card);
        if (timer !== undefined) clearTimeout(timer);
        this.timers.delete(card);
      }
    }
  }

  private dwelt(card: Element): void {
    this.timers.delete(card);
    if (document.visibilityState === 'hidden' || !card.isConnected) return;
    const id = this.options.idOf(card);
    if (!id || this.reported.has(id)) return;
    this.reported.add(id);
    this.pending.add(id);
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.batchMs ?? 400);
  }

  flush(): void {
    this.flushTimer = null;
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending = new Set();
    this.options.report(ids);
  }

  /** Observes exactly these cards (new ones added, gone ones dropped). */
  track(cards: readonly Element[]): void {
    if (!this.observer) return;
    const wanted = new Set(cards);
    for (const card of this.observed) {
      if (wanted.has(card)) continue;
      this.observer.unobserve(card);
      this.observed.delete(card);
      const timer = this.timers.get(card);
      if (timer !== undefined) clearTimeout(timer);
      this.timers.delete(card);
    }
    for (const card of cards) {
      if (this.observed.has(card)) continue;
      this.observer.observe(card);
      this.observed.add(card);
    }
  }

  /** Observes one more card. */
  add(card: Element): void {
    if (!this.observer || this.observed.has(card)) return;
    this.observer.observe(card);
    this.observed.add(card);
  }

  /** A card now shows another paper: measure it afresh. */
  reset(card: Element): void {
    if (!this.observer || !this.observed.has(card)) return;
    const timer = this.timers.get(card);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(card);
    this.observer.unobserve(card);
    this.observer.observe(card);
  }

  /** A new page visit: every card can be seen again. */
  newVisit(): void {
    this.reported.clear();
  }

  /** New thresholds from the settings. */
  configure(fraction: number, dwellMs: number): void {
    if (fraction === this.options.fraction && dwellMs === this.options.dwellMs) return;
    this.options = { ...this.options, fraction, dwellMs };
    const cards = [...this.observed];
    this.stopObserving();
    this.observer = this.makeObserver();
    this.track(cards);
  }

  private stopObserving(): void {
    this.observer?.disconnect();
    this.observed.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  stop(): void {
    this.stopObserving();
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.observer = null;
  }
}
