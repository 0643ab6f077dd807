/**
 * Paper Lens on one tab: reads the listing, analyses it in slices, marks the cards, keeps the marks in step
 * with the site's client-side rendering and with the store, and reports what the reader sees and opens.
 */
import type { ListingPage, PageAnalysis, Paper } from '../core/types';
import type { PaperState } from '../core/records';
import { withNewerReaderState } from '../core/reader-state-merge';
import type { Broadcast } from '../core/messages';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../core/settings';
import { analyseListing, EMPTY_ANALYSIS } from './page-analysis';
import { readListingInSteps, type Listing, type ListedCard } from './site';
import { Cancelled, measure, runInSlices, forEachInSlices, yieldToPage } from './slices';
import { buildViews, defaultFilters, type CardView, type Filters, type PendingToggle } from './marks/model';
import { CardStrip } from './marks/strip';
import { Popover } from './marks/popover';
import { HOST_TAGS } from './marks/styles';
import { setAttr } from './marks/dom';
import { clearCardAttributes, placeStrip, removeStrayStrips, stripIsPlaced, writeCardAttributes } from './marks/placement';
import { PageMarks } from './page-marks';
import { StoreLink, type BroadcastSubscriber, type Sender } from './store-link';
import { SeenTracker } from './seen';
import { PageWatcher } from './watcher';
import { READY_ATTR, SETTLED_ATTR, claimPage, isCurrent } from './instance';
import { watchTheme } from './theme';
import { Interactions } from './interactions';
import { cardsNearViewport, LazyStrips } from './lazy-strips';
import { ListingRequests } from './listing-requests';
import { ReadingKeys } from './keys/reading-keys';
import { ForYouList } from './for-you';

/** The parts of a paper's state that make its seen label. */
type SeenHistory = Pick<PaperState, 'seenBefore' | 'seenCount' | 'lastSeenAt' | 'firstListedAt' | 'earlierListings'>;

function seenHistoryOf(state: PaperState): SeenHistory {
  return { seenBefore: state.seenBefore, seenCount: state.seenCount, lastSeenAt: state.lastSeenAt, firstListedAt: state.firstListedAt, earlierListings: state.earlierListings };
}

/** How long the first marks wait for the store's answer before showing page-only marks. */
const STATES_WAIT_MS = 1500;
/** How long the first placing of the summary bar waits for the settings (which the marks wait for anyway). */
const SETTINGS_FOR_BAR_MS = 300;
/** Up to this many cards a refresh is one quick pass; bigger pages are refreshed in slices. */
const SYNC_REFRESH_CARDS = 400;
const OURS = new Set<string>(HOST_TAGS.map((tag) => tag.toUpperCase()));

export class Controller {
  settings: Settings = DEFAULT_SETTINGS;
  filters: Filters = defaultFilters(DEFAULT_SETTINGS);
  readonly store: StoreLink;
  readonly states = new Map<string, PaperState>();
  readonly pending = new Map<string, PendingToggle>();
  readonly notes = new Map<string, string>();
  page: ListingPage | null = null;
  cards: ListedCard[] = [];
  papers: Paper[] = [];
  views: CardView[] = [];
  readonly strips = new WeakMap<HTMLElement, CardStrip>();
  readonly popover: Popover;
  private analysis: PageAnalysis = EMPTY_ANALYSIS;
  private analysedKey = '';
  /**
   * A render of the current cards ran to its end. A scan that was cancelled after taking in a list (its render
   * never ran, or stopped halfway) leaves the near cards with empty placeholders: the next scan of the same list
   * must render them, not take the list as marked.
   */
  private renderedCards = false;
  private readonly marked = new Set<HTMLElement>();
  private cardIndex = new Map<HTMLElement, number>();
  private visitUrl = '';
  /**
   * What each paper's seen history was when this visit first heard of it: the label says what came before this
   * visit, so the visit's own sighting (or another tab's on the same day) never lengthens it under the reader.
   */
  private readonly seenAtVisitStart = new Map<string, SeenHistory>();
  /** The store was cleared while this page was open: nothing more is written for this visit (see onBroadcast). */
  private quiet = false;
  private settingsKnown = false;
  private generation = 0;
  private scanToken = 0;
  private refreshToken = 0;
  private stopped = false;
  private readonly stops: Array<() => void> = [];
  private readonly settingsReady: Promise<void>;
  private readonly seen: SeenTracker;
  private readonly watcher: PageWatcher;
  private readonly interactions: Interactions;
  private readonly lazyStrips: LazyStrips;
  private readonly pageMarks: PageMarks;
  private readonly listings: ListingRequests;
  private readonly forYou: ForYouList;

  constructor(readonly token: string, transport: { sender?: Sender; subscribe?: BroadcastSubscriber } = {}) {
    this.stops.push(claimPage(token, () => this.stop()));
    this.store = new StoreLink(() => this.refresh(), transport.sender, transport.subscribe);
    this.listings = new ListingRequests(token, this.store, this.states, (states) => this.mergeStates(states), () => this.refresh());
    this.popover = new Popover(token);
    this.interactions = new Interactions(this);
    this.lazyStrips = new LazyStrips(token, (elements) => this.buildNearStrips(elements));
    this.pageMarks = new PageMarks(token, (change) => this.setFilters(change), { forYou: (anchor) => this.openForYou(anchor), hintClosed: () => this.closeMarkHint() });
    this.forYou = new ForYouList(this.store, () => this.refresh());
    this.seen = new SeenTracker({
      fraction: this.settings.seenVisibleFraction,
      dwellMs: this.settings.seenDwellMs,
      idOf: (card) => card.getAttribute('data-paper-lens-id'),
      report: (ids) => this.reportSeen(ids),
    });
    this.watcher = new PageWatcher(() => void this.scan(), (node) => node.nodeType === Node.ELEMENT_NODE && (OURS.has((node as Element).tagName) || (node as Element).hasAttribute('data-paper-lens-owner')));
    const keys = new ReadingKeys(token, {
      cards: () => this.cards,
      views: () => this.views,
      enabled: () => this.settings.keyboard,
      toggle: (index, what) => void this.interactions.toggle(index, what),
      jumpTo: (index) => this.interactions.jumpTo(index),
      openRelated: (index) => this.openRelated(index),
    });
    this.stops.push(watchTheme(), this.store.listen((message) => this.onBroadcast(message)), this.interactions.listen(), keys.listen());
    this.settingsReady = this.store.request('settings/get', {}).then((response) => {
      if (response) this.applySettings(normaliseSettings(response.settings), true);
      this.settingsKnown = response !== null;
    });
  }

  /** Reads the page and brings every mark up to date; cheap when nothing changed. */
  async scan(): Promise<void> {
    if (this.stopped) return;
    if (!isCurrent(this.token)) return this.stop();
    const token = ++this.scanToken;
    const cancelled = (): boolean => token !== this.scanToken || this.stopped;
    let listing: Listing;
    try {
      listing = await runInSlices(readListingInSteps(document, location.href), 'paper-lens:read', cancelled);
    } catch (error) {
      if (error instanceof Cancelled) return;
      throw error;
    }
    const newVisit = listing.page.url !== this.visitUrl;
    if (newVisit) this.beginVisit(listing.page);
    this.page = listing.page;
    if (listing.page.kind === 'paper') this.interactions.openedDetail(listing.page);

    // Copies of our strips the site made (it cloned a marked card) go before the marks are checked or placed.
    removeStrayStrips();
    this.watcher.discard();
    const ids = listing.cards.map((card) => card.paper.id).join(' ');
    const same = listing.cards.length === this.cards.length && listing.cards.every((card, i) => card.element === this.cards[i]?.element && card.paper.id === this.cards[i]?.paper.id);
    if (same && !newVisit && this.renderedCards && this.marksIntact() && this.analysedKey === this.analysisKey(ids)) {
      this.setReady();
      return;
    }
    // The bar's first-visit hint is decided when the bar is placed: the settings get a short moment to arrive.
    if (!this.settingsKnown) {
      await Promise.race([this.settingsReady, new Promise((resolve) => setTimeout(resolve, SETTINGS_FOR_BAR_MS))]);
      if (cancelled()) return;
    }
    this.holdPlaces(listing.cards);
    try {
      await this.settingsReady;
      if (cancelled()) return;
      const papers = listing.cards.map((card) => card.paper);
      const key = this.analysisKey(ids);
      const options = key !== this.analysedKey ? { relatedThreshold: this.settings.relatedThreshold, maxRelated: this.settings.relatedCount } : undefined;
      const { statesArrived, analysis } = this.listings.list(listing.page, papers, options);
      if (options) {
        this.analysis = await analyseListing(this.store, papers, options, cancelled, analysis);
        this.analysedKey = key;
      }
      // Cards, papers and analysis change together: a refresh in between never mixes two lists.
      this.cards = listing.cards;
      this.renderedCards = false;
      this.cardIndex = new Map(this.cards.map((card, index) => [card.element, index]));
      this.papers = papers;
      let statesIn = false;
      await Promise.race([statesArrived.then(() => (statesIn = true)), new Promise((resolve) => setTimeout(resolve, STATES_WAIT_MS))]);
      if (cancelled()) return;
      this.generation++;
      await this.render(cancelled);
      if (!statesIn) {
        await statesArrived;
        if (cancelled()) return;
        await this.render(cancelled);
      }
      this.setReady();
      void this.settleLate(this.generation);
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
    }
  }

  private analysisKey(ids: string): string {
    return `${this.settings.relatedThreshold}|${this.settings.relatedCount}|${ids}`;
  }

  private beginVisit(page: ListingPage): void {
    this.seen.flush();
    this.seen.newVisit();
    this.visitUrl = page.url;
    this.seenAtVisitStart.clear();
    this.quiet = false;
    this.listings.forget();
    this.forYou.forget();
    this.filters = defaultFilters(this.settings);
    this.popover.close(false);
    this.interactions.annotations.close();
  }

  mergeStates(states: readonly PaperState[]): void {
    for (const state of states) {
      const atStart = this.seenAtVisitStart.get(state.id);
      const newest = withNewerReaderState(this.states.get(state.id), state);
      if (atStart) {
        this.states.set(state.id, { ...newest, ...atStart });
        continue;
      }
      this.seenAtVisitStart.set(state.id, seenHistoryOf(state));
      this.states.set(state.id, newest);
    }
  }

  private marksIntact(): boolean {
    return this.cards.every((card) => {
      const host = this.strips.get(card.element)?.host;
      const waiting = host === undefined && this.lazyStrips.isWaiting(card);
      return (waiting || (host !== undefined && stripIsPlaced(card, host))) && card.element.getAttribute('data-paper-lens-id') === card.paper.id;
    });
  }

  private buildViews(): CardView[] {
    return buildViews({ papers: this.papers, analysis: this.analysis, states: this.states, pending: this.pending, settings: this.settings, filters: this.filters, forYou: this.forYou.reasons });
  }

  /** Marks every card, in slices; unmarks elements that stopped being cards. */
  private async render(cancelled: () => boolean): Promise<void> {
    this.views = this.buildViews();
    const current = this.cardIndex;
    const start = performance.now();
    // Strips go at once only into the cards near the viewport; the rest wait in placeholders until they come near.
    const near = cardsNearViewport(this.cards.map((card) => card.element));
    this.pageMarks.ensureStyle();
    for (const element of this.marked) {
      if (current.has(element)) continue;
      clearCardAttributes(element);
      this.strips.get(element)?.host.remove();
      this.strips.delete(element);
      this.marked.delete(element);
    }
    // Placeholders of elements that stopped being cards; the current cards' were placed when they were read.
    this.lazyStrips.releaseAllBut(current);
    this.renderSummary();
    this.watcher.discard();
    measure('paper-lens:mark', start);
    // On a big page this task already took in the store's answer and built every view: the cards wait for the next.
    if (this.cards.length > SYNC_REFRESH_CARDS) {
      await yieldToPage();
      if (cancelled()) throw new Cancelled();
    }
    await forEachInSlices(this.cards, (card, i) => this.renderCard(card, this.views[i] as CardView, near), 'paper-lens:mark', () => {
      this.watcher.discard();
      return cancelled();
    });
    this.watcher.discard();
    this.renderedCards = true;
    this.lazyStrips.renewMissed();
    // Only cards with a strip can be on screen: the far ones get theirs (and seen tracking) as they come near.
    this.seen.track(this.cards.map((card) => card.element).filter((element) => this.strips.has(element)));
  }

  /** `near`: cards whose missing strip is built now (a render); others keep or get a placeholder (lazy-strips.ts). */
  private renderCard(card: ListedCard, view: CardView, near?: ReadonlySet<HTMLElement>): void {
    const element = card.element;
    if (element.getAttribute('data-paper-lens-id') !== view.id && this.marked.has(element)) this.seen.reset(element);
    writeCardAttributes(element, view);
    this.marked.add(element);
    const strip = this.strips.get(element);
    if (strip) this.renderStrip(card, view, strip);
    else if (near?.has(element)) this.renderStrip(card, view, this.newStrip(element));
    else this.lazyStrips.keep(card);
  }

  private newStrip(element: HTMLElement): CardStrip {
    const strip = new CardStrip(this.token, this.interactions, this.lazyStrips.take(element));
    this.strips.set(element, strip);
    return strip;
  }

  private renderStrip(card: ListedCard, view: CardView, strip: CardStrip): void {
    placeStrip(card, strip.host);
    strip.update(view, this.notes.get(view.id) ?? null);
  }

  /** The bar's "For you" list: each paper with why it is there; a click jumps to its card. */
  private openForYou(anchor: HTMLElement): void {
    if (this.popover.isOpen && this.popover.isFor(anchor)) {
      this.popover.close(true);
      return;
    }
    this.pageMarks.setForYouExpanded(true);
    this.popover.open(anchor, {
      heading: 'For you',
      detail: 'closest to what you starred and read',
      items: this.forYou.items((index) => this.interactions.jumpTo(index)),
    }, () => this.pageMarks.setForYouExpanded(false));
  }

  /** Opens a card's related list from the keyboard, building its strip first if it was still waiting to come near. */
  private openRelated(index: number): boolean {
    const card = this.cards[index];
    const view = this.views[index];
    if (!card || !view) return false;
    let strip = this.strips.get(card.element);
    if (!strip) {
      strip = this.newStrip(card.element);
      this.renderStrip(card, view, strip);
      this.seen.add(card.element);
    }
    const related = strip.relatedChip();
    if (!related) return false;
    this.interactions.openList(index, related.kind, related.chip);
    return true;
  }

  /** Strips for cards far below the first screens are built as they come near the viewport. */
  private buildNearStrips(elements: HTMLElement[]): HTMLElement[] {
    const start = performance.now();
    const missed: HTMLElement[] = [];
    for (const element of elements) {
      if (this.strips.has(element)) continue;
      const index = this.cardIndex.get(element) ?? -1;
      const card = this.cards[index];
      const view = this.views[index];
      // A card met between a re-read and its render: the render that follows builds it or observes it again.
      if (!card || !view) {
        missed.push(element);
        continue;
      }
      this.renderStrip(card, view, this.newStrip(element));
      this.seen.add(element);
    }
    this.watcher.discard();
    measure('paper-lens:mark', start);
    return missed;
  }

  /**
   * Re-applies states, settings and filters to the cards as they are (no re-read, no re-analysis). Cards showing
   * `first` are updated at once (the reader just clicked them); big pages get the rest in slices.
   */
  refresh(first?: string): void {
    if (this.stopped) return;
    const start = performance.now();
    this.views = this.buildViews();
    const small = this.cards.length <= SYNC_REFRESH_CARDS;
    this.cards.forEach((card, i) => {
      if (small || card.paper.id === first) this.renderCard(card, this.views[i] as CardView);
    });
    this.renderSummary();
    this.watcher.discard();
    measure('paper-lens:mark', start);
    if (!small) void this.refreshInSlices();
  }

  private refreshInSlices(): Promise<void> {
    const token = ++this.refreshToken;
    return forEachInSlices(this.cards, (card, i) => this.renderCard(card, this.views[i] as CardView), 'paper-lens:mark', () => {
      this.watcher.discard();
      return token !== this.refreshToken || this.stopped;
    }).then(() => this.watcher.discard(), (error: unknown) => {
      if (!(error instanceof Cancelled)) throw error;
    });
  }

  /**
   * Takes the places of the marks as soon as the cards are read, before the analysis and the store answer: the
   * summary bar (saying it is reading, on a first read) and an empty placeholder per strip-less card near the
   * viewport, in one pass; far cards are watched and get their strips as they come near (lazy-strips.ts). The
   * page is laid out again once, early, and the marks that follow fill those places without moving the list.
   */
  private holdPlaces(cards: readonly ListedCard[]): void {
    if (cards.length === 0) return;
    const start = performance.now();
    const near = cardsNearViewport(cards.map((card) => card.element));
    this.pageMarks.ensureStyle();
    this.pageMarks.holdSummary(cards, this.filters, this.settings, this.store.problem, this.settingsKnown);
    for (const card of cards) {
      if (this.strips.has(card.element)) continue;
      if (near.has(card.element)) this.lazyStrips.hold(card);
      else this.lazyStrips.watch(card);
    }
    this.watcher.discard();
    measure('paper-lens:mark', start);
  }

  private renderSummary(): void {
    this.pageMarks.showSummary(this.cards, this.views, this.analysis, this.filters, this.settings, this.store.problem);
  }

  setFilters(change: Partial<Filters>): void {
    this.filters = { ...this.filters, ...change };
    this.refresh();
  }

  /** The reader closed the first-visit hint (or used a star or read button): later pages no longer show it. */
  closeMarkHint(): void {
    if (this.settings.markHintDismissed || !this.settingsKnown) return;
    this.settings = { ...this.settings, markHintDismissed: true };
    void this.store.request('settings/set', { patch: { markHintDismissed: true } });
  }

  private setReady(): void {
    if (!this.stopped) setAttr(document.documentElement, READY_ATTR, String(this.generation));
  }

  /** The answers that follow the marks (For you, reader-related links): once in, the generation is settled. */
  private async settleLate(generation: number): Promise<void> {
    await Promise.all([this.forYou.load(this.papers), this.listings.settled()]);
    if (!this.stopped && generation === this.generation) setAttr(document.documentElement, SETTLED_ATTR, String(generation));
  }

  private reportSeen(ids: string[]): void {
    const page = this.page;
    if (!page || this.stopped || this.quiet) return;
    void this.store.request('papers/seen', { page, ids }).then((response) => {
      if (!response) return;
      this.mergeStates(response.states);
      this.refresh();
    });
  }

  applySettings(settings: Settings, initial: boolean): void {
    const previous = this.settings;
    this.settings = settings;
    if (initial || previous.hideSeenByDefault !== settings.hideSeenByDefault) this.filters = { ...this.filters, seen: settings.hideSeenByDefault ? 'dim' : 'show' };
    this.seen.configure(settings.seenVisibleFraction, settings.seenDwellMs);
    if (initial) return;
    if (previous.relatedThreshold !== settings.relatedThreshold || previous.relatedCount !== settings.relatedCount) void this.scan();
    else this.refresh();
  }

  private onBroadcast(message: Broadcast): void {
    if (this.stopped) return;
    switch (message.type) {
      case 'state/changed':
        this.mergeStates(message.states);
        this.refresh();
        break;
      case 'settings/changed':
        this.applySettings(normaliseSettings(message.settings), false);
        break;
      case 'data/cleared':
        // "Clear all data" means empty: listing this page again would write it straight back. The marks stay on
        // screen as they are (answers still on their way, worked out from what was deleted, are dropped); nothing
        // is written until the page is loaded again or the reader acts on a card.
        this.quiet = true;
        this.listings.pause();
        this.forYou.freeze();
        break;
      case 'store/error':
        this.store.fail(new Error(message.error.message));
        break;
    }
  }

  /** A newer instance took the page over: stop everything; it has already removed our marks. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.watcher.stop();
    this.seen.stop();
    this.lazyStrips.disconnect();
    this.pageMarks.removeStyle();
    this.popover.close(false);
    this.interactions.annotations.close();
    for (const stop of this.stops) stop();
  }
}
