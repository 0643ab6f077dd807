// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://huggingface.co/papers/date/2024-03-11"}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageAnalysis, Paper } from '../core/types';
import type { PaperState, ReaderRelated } from '../core/records';
import type { ForYouPick } from '../core/for-you/rank';
import type { Broadcast, RequestMap, RequestType } from '../core/messages';
import { DEFAULT_SETTINGS } from '../core/settings';
import { encodeStamp } from '../core/hlc';
import { StoreError } from '../platform/messaging';
import { renderListingPage } from '../../e2e/fixtures/listing-page';
import { Controller } from './controller';
import { loadListing, marksReady, URL_DAY } from './test-page';

const TOPICS = ['sparse attention for long video', 'protein folding with diffusion', 'robot grasping from language', 'speech recognition for low resource languages'];

function paper(n: number, extra: Partial<Paper> = {}): Paper {
  const topic = TOPICS[n % TOPICS.length] as string;
  return {
    id: `2403.${String(10000 + n)}`,
    title: `Paper ${n} on ${topic}`,
    abstract: `We present method ${n} for ${topic}. Our approach to ${topic} improves results on standard benchmarks by a wide margin and we release code.`,
    authors: ['A. Author'],
    ...extra,
  };
}

/** An in-memory stand-in for the background: ids in `known` were seen before. */
class FakeStore {
  known = new Set<string>();
  fail: string | null = null;
  calls: Array<{ type: RequestType; body: unknown }> = [];
  listeners: Array<(message: Broadcast) => void> = [];
  starred = new Set<string>();
  /** The stamp of each paper's last star or un-star (as the real store gives them). */
  starStamps = new Map<string, string>();
  private stampCounter = 0;
  /** How the fake background answers page/analyse; undefined answers nothing usable (the page analyses itself). */
  analysis?: (papers: Paper[]) => PageAnalysis;
  /** Lists page/listed started analyses for, by ref (as the background keeps them). */
  refs = new Map<string, Paper[]>();
  /** The background lost what page/listed started (a worker restarted between the two requests). */
  loseRefs = false;
  /** While set, page/listed waits for it (a slow store). */
  listedGate: Promise<void> | null = null;
  /** While set, the next paper/set-starred waits for it before it is applied (a reply lost and sent again late). */
  starGate: Promise<void> | null = null;
  /** While set, papers/for-you and papers/reader-related wait for it (answers that follow the marks, arriving late). */
  lateGate: Promise<void> | null = null;
  forYouPicks: ForYouPick[] = [];
  /** Reader-related links by paper id; when set, page/listed hands out a ref to ask for them. */
  readerRelated: Record<string, ReaderRelated[]> | null = null;
  state(id: string): PaperState {
    const stamp = this.starStamps.get(id);
    return { id, seenBefore: this.known.has(id), seenCount: this.known.has(id) ? 2 : 0, lastSeenAt: this.known.has(id) ? Date.now() - 86_400_000 * 3 : undefined, earlierListings: [], readerRelated: [], starredAt: this.starred.has(id) ? 1 : undefined, ...(stamp ? { starStamp: stamp } : {}) };
  }
  /** Stars or un-stars a paper with a new stamp, as a change made elsewhere (another tab, a synced browser). */
  setStarred(id: string, on: boolean): void {
    if (on) this.starred.add(id);
    else this.starred.delete(id);
    this.starStamps.set(id, encodeStamp({ wall: Date.now(), counter: ++this.stampCounter, device: 'fake' }));
  }
  sender = async <T extends RequestType>(type: T, body: RequestMap[T]['req']): Promise<never> => {
    this.calls.push({ type, body });
    await Promise.resolve();
    if (this.fail) throw new StoreError({ code: 'internal', message: this.fail });
    const b = body as Record<string, unknown>;
    const respond = (payload: object) => ({ ok: true, ...payload }) as never;
    switch (type) {
      case 'settings/get': return respond({ settings: DEFAULT_SETTINGS });
      case 'page/listed': {
        if (this.listedGate) await this.listedGate;
        const ref = (b.analyse as { ref?: string } | undefined)?.ref;
        if (ref && !this.loseRefs) this.refs.set(ref, b.papers as Paper[]);
        return respond({ states: (b.papers as Paper[]).map((p) => this.state(p.id)), ...(this.readerRelated ? { relatedRef: 'links-1' } : {}) });
      }
      case 'page/analyse': {
        const papers = typeof b.ref === 'string' ? this.refs.get(b.ref) : (b.papers as Paper[]);
        return respond(this.analysis && papers ? { analysis: this.analysis(papers) } : {});
      }
      case 'papers/for-you':
        if (this.lateGate) await this.lateGate;
        return respond({ picks: this.forYouPicks });
      case 'papers/reader-related': {
        if (this.lateGate) await this.lateGate;
        const links = this.readerRelated ?? {};
        return respond({ related: (b.ids as string[]).map((id) => ({ id, readerRelated: links[id] ?? [] })) });
      }
      case 'paper/set-starred':
        if (this.starGate) {
          const gate = this.starGate;
          this.starGate = null;
          await gate;
        }
        this.setStarred(b.id as string, b.starred === true);
        return respond({ state: this.state(b.id as string) });
      default: return respond({ states: [], state: this.state(String(b.id)) });
    }
  };
  subscribe = (listener: (message: Broadcast) => void) => {
    this.listeners.push(listener);
    return () => undefined;
  };
}

const articles = (): HTMLElement[] => Array.from(document.querySelectorAll('article'));
const stripOf = (card: Element): ShadowRoot => {
  const hosts = card.querySelectorAll('paper-lens-marks');
  expect(hosts).toHaveLength(1);
  return (hosts[0] as HTMLElement).shadowRoot as ShadowRoot;
};

/** A store whose For you pick (card 3) and reader-related link (card 2) wait until `open` is called. */
function lateAnswers(): { store: FakeStore; open: () => void } {
  const store = new FakeStore();
  let open = (): void => undefined;
  store.lateGate = new Promise((resolve) => {
    open = resolve;
  });
  store.forYouPicks = [{ index: 2, score: 0.5, closeTo: [{ id: '2403.20000', title: 'A starred paper' }], terms: ['protein'] }];
  store.readerRelated = { '2403.10001': [{ id: '2403.20000', title: 'A starred paper', state: 'starred', score: 0.4, sharedTerms: ['folding'] }] };
  return { store, open: () => open() };
}

let controllers: Controller[] = [];
function start(store: FakeStore): Controller {
  const controller = new Controller(`t${controllers.length}-${Math.random()}`, { sender: store.sender, subscribe: store.subscribe });
  controllers.push(controller);
  void controller.scan();
  return controller;
}

beforeEach(() => {
  controllers = [];
});
afterEach(() => {
  for (const controller of controllers) controller.stop();
});

describe('marking a listing', () => {
  it('marks every card once with ids, states, duplicates and related papers, and a summary bar', async () => {
    const papers = [paper(0), paper(1), paper(2), paper(0, { id: '2403.10000v2' }), paper(4)];
    loadListing({ papers });
    const store = new FakeStore();
    store.known.add(papers[1]!.id);
    start(store);
    await marksReady();
    expect(articles().map((a) => a.getAttribute('data-paper-lens-id'))).toEqual(['2403.10000', '2403.10001', '2403.10002', '2403.10000', '2403.10004']);
    const marks = articles().map((a) => a.getAttribute('data-paper-lens')?.split(' ') ?? []);
    expect(marks[1]).toContain('seen-before');
    expect(marks[0]).toContain('new');
    expect(marks[3]).toContain('duplicate');
    expect(articles()[3]!.getAttribute('data-paper-lens-duplicate-of')).toBe('2403.10000');
    expect(articles()[4]!.getAttribute('data-paper-lens-related')?.split(' ')).toContain('2403.10000');
    for (const card of articles()) expect(stripOf(card).querySelector('[data-paper-lens-action="star"]')?.getAttribute('aria-pressed')).toBe('false');
    expect(stripOf(articles()[3]!).querySelector('[data-paper-lens-action="duplicate"]')?.textContent).toBe('Same paper as #1 above');
    const summary = document.querySelectorAll('paper-lens-summary');
    expect(summary).toHaveLength(1);
    expect(summary[0]!.shadowRoot?.textContent).toContain('5 papers · 4 new · 1 seen before · 1 duplicate · 1 related group');
    const listed = store.calls.find((call) => call.type === 'page/listed')?.body as RequestMap['page/listed']['req'];
    expect(listed.page).toMatchObject({ kind: 'day', key: 'day:2024-03-11' });
    // A page's first read: the whole list, in page order, goes once and starts its analysis, asked for by ref.
    expect(listed.papers.map((p) => p.id)).toEqual(['2403.10000', '2403.10001', '2403.10002', '2403.10000', '2403.10004']);
    expect(listed.analyse).toEqual({ options: { relatedThreshold: DEFAULT_SETTINGS.relatedThreshold, maxRelated: DEFAULT_SETTINGS.relatedCount }, ref: expect.any(String) });
    expect(store.calls.find((call) => call.type === 'page/analyse')?.body).toEqual({ ref: listed.analyse?.ref });
  });

  it('uses the background\'s analysis when it answers in shape, and its own when the answer is unusable', async () => {
    const papers = [paper(0), paper(1), paper(2)];
    loadListing({ papers });
    const store = new FakeStore();
    // An answer the page could not have worked out itself: card 3 called a copy of card 1.
    store.analysis = (listed) => ({ duplicateOf: listed.map((_, i) => (i === 2 ? { ofIndex: 0, ofId: listed[0]!.id, rule: 'same-title', score: 1 } : null)), related: listed.map(() => []), relatedGroups: 0 });
    start(store);
    await marksReady();
    expect(store.calls.find((call) => call.type === 'page/listed')?.body).toMatchObject({ analyse: { options: { maxRelated: DEFAULT_SETTINGS.relatedCount } } });
    expect(articles()[2]!.getAttribute('data-paper-lens-duplicate-of')).toBe(papers[0]!.id);

    for (const controller of controllers) controller.stop();
    loadListing({ papers: [paper(0), paper(1), paper(0, { id: '2403.10000v2' })] });
    const wrong = new FakeStore();
    wrong.analysis = (listed) => ({ duplicateOf: listed.map(() => ({ ofIndex: 7, ofId: 'nowhere', rule: 'same-id', score: 1 })), related: [], relatedGroups: 0 });
    start(wrong);
    await marksReady();
    // The page's own analysis: the re-listed id is the duplicate, nothing points outside the page.
    expect(articles().map((a) => a.getAttribute('data-paper-lens-duplicate-of'))).toEqual([null, null, '2403.10000']);
  });

  it('a big page sends its papers once too; an analysis the background lost is asked for again with the papers', async () => {
    const papers = Array.from({ length: 301 }, (_, n) => paper(n));
    loadListing({ papers });
    const store = new FakeStore();
    store.loseRefs = true;
    store.analysis = (listed) => ({ duplicateOf: listed.map((_, i) => (i === 300 ? { ofIndex: 0, ofId: listed[0]!.id, rule: 'same-title', score: 1 } : null)), related: listed.map(() => []), relatedGroups: 0 });
    start(store);
    await marksReady();
    const listed = store.calls.filter((call) => call.type === 'page/listed').map((call) => call.body as RequestMap['page/listed']['req']);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.papers).toHaveLength(301);
    const asked = store.calls.filter((call) => call.type === 'page/analyse').map((call) => call.body as Record<string, unknown>);
    expect(asked[0]).toEqual({ ref: listed[0]!.analyse?.ref });
    // The ref found nothing: the second request carries what the analysis reads, and its answer is used.
    expect(asked).toHaveLength(2);
    const texts = asked[1]!.papers as Paper[];
    expect(texts).toHaveLength(301);
    expect(Object.keys(texts[0]!).sort()).toEqual(['abstract', 'authors', 'id', 'title']);
    expect(articles()[300]!.getAttribute('data-paper-lens-duplicate-of')).toBe(papers[0]!.id);
  });

  it('takes the places of the marks as soon as the cards are read, and fills them when the answers come', async () => {
    loadListing({ papers: [paper(0), paper(1), paper(2), paper(3)] });
    const store = new FakeStore();
    let open = (): void => undefined;
    store.listedGate = new Promise((resolve) => (open = resolve));
    start(store);
    await vi.waitFor(() => expect(store.calls.some((call) => call.type === 'page/listed')).toBe(true));
    // The store has not answered: the summary bar says it is reading, each card holds one empty placeholder.
    const summary = document.querySelector('paper-lens-summary');
    expect(summary?.shadowRoot?.textContent).toContain('Reading 4 papers…');
    const placeholders = articles().map((card) => card.querySelectorAll('paper-lens-marks'));
    expect(placeholders.map((hosts) => hosts.length)).toEqual([1, 1, 1, 1]);
    expect(placeholders.every((hosts) => hosts[0]!.hasAttribute('data-paper-lens-pending') && hosts[0]!.shadowRoot === null)).toBe(true);
    expect(document.documentElement.hasAttribute('data-paper-lens-ready')).toBe(false);

    open();
    await marksReady();
    // The same elements now hold the strips, and the bar its counts.
    articles().forEach((card, i) => {
      expect(card.querySelector('paper-lens-marks')).toBe(placeholders[i]![0]);
      expect(stripOf(card).querySelector('[data-paper-lens-action="star"]')).not.toBeNull();
    });
    expect(document.querySelectorAll('paper-lens-summary')).toHaveLength(1);
    expect(summary?.shadowRoot?.textContent).toContain('4 papers · 4 new');
    expect(summary?.shadowRoot?.textContent).not.toContain('Reading');
  });

  it('inserts titles and abstracts as text: planted markup never becomes elements', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const papers = [paper(0, { title: `${evil} Sparse attention for long video`, abstract: `${evil} sparse attention for long video benchmarks` }), paper(4, { title: `${evil} Sparse attention for long video again`, abstract: `${evil} sparse attention for long video benchmarks` })];
    loadListing({ papers });
    start(new FakeStore());
    await marksReady();
    expect(document.querySelectorAll('img[src="x"], script:not([src])').length).toBe(0);
    for (const card of articles()) {
      const root = stripOf(card);
      expect(root.querySelectorAll('img, script').length).toBe(0);
    }
    const related = stripOf(articles()[0]!).querySelector<HTMLElement>('[data-paper-lens-action="related"]');
    related?.click();
    const popover = document.querySelector('paper-lens-popover')?.shadowRoot;
    expect(popover?.querySelector('.title')?.textContent).toBe(papers[1]!.title);
    expect(popover?.querySelectorAll('img, script').length).toBe(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('follows client-side navigation, infinite loading and re-renders without doubling marks', async () => {
    loadListing({ papers: [paper(0), paper(1), paper(2)] });
    const store = new FakeStore();
    start(store);
    let generation = await marksReady();
    const list = document.querySelector('[data-fixture-list]') as HTMLElement;
    const other = new DOMParser().parseFromString(renderListingPage({ papers: [paper(5), paper(6)], layout: 'payload', url: URL_DAY }), 'text/html');
    history.pushState(null, '', 'https://huggingface.co/papers/date/2024-03-12');
    list.replaceChildren(...Array.from(other.querySelectorAll('article')).map((card) => document.importNode(card, true)));
    generation = await marksReady(generation);
    expect(articles().map((a) => a.getAttribute('data-paper-lens-id'))).toEqual(['2403.10005', '2403.10006']);
    articles().forEach(stripOf);

    // Infinite loading appends cards.
    list.append(...[paper(7)].map((p) => {
      const doc = new DOMParser().parseFromString(renderListingPage({ papers: [p], layout: 'payload', url: URL_DAY }), 'text/html');
      return document.importNode(doc.querySelector('article')!, true);
    }));
    generation = await marksReady(generation);
    expect(articles().map((a) => a.getAttribute('data-paper-lens-id'))).toEqual(['2403.10005', '2403.10006', '2403.10007']);
    // Only the new paper is listed; the whole list is analysed by its own request.
    const lastOf = (type: RequestType) => store.calls.filter((call) => call.type === type).at(-1)?.body as Record<string, unknown>;
    expect((lastOf('page/listed').papers as Paper[]).map((p) => p.id)).toEqual(['2403.10007']);
    expect(lastOf('page/listed').analyse).toBeUndefined();
    expect((lastOf('page/analyse').papers as Paper[]).map((p) => p.id)).toEqual(['2403.10005', '2403.10006', '2403.10007']);

    // A re-render that rewrites a card in place for another paper (unkeyed list update).
    const first = articles()[0]!;
    first.querySelectorAll('a[href^="/papers/"]').forEach((a) => a.setAttribute('href', '/papers/2403.10009'));
    first.querySelector('h3 a')!.textContent = 'A different paper';
    generation = await marksReady(generation);
    expect(first.getAttribute('data-paper-lens-id')).toBe('2403.10009');
    articles().forEach(stripOf);
    expect(document.querySelectorAll('paper-lens-marks')).toHaveLength(3);
    expect(document.querySelectorAll('paper-lens-summary')).toHaveLength(1);
  });

  it('the store failing leaves page-only marks and a plain-words note', async () => {
    loadListing({ papers: [paper(0), paper(0, { id: '2404.00001' })] });
    const store = new FakeStore();
    store.fail = 'Extension context invalidated.';
    start(store);
    await marksReady();
    expect(articles().every((a) => a.getAttribute('data-paper-lens-id'))).toBe(true);
    expect(articles()[1]!.getAttribute('data-paper-lens')).toBe('duplicate');
    const note = document.querySelector('paper-lens-summary')?.shadowRoot?.querySelector('.note');
    expect(note?.hasAttribute('hidden')).toBe(false);
    expect(note?.textContent).toMatch(/updated or reloaded/);
  });

  it('star toggles are optimistic and roll back with a note when saving fails', async () => {
    loadListing({ papers: [paper(0), paper(1)] });
    const store = new FakeStore();
    start(store);
    await marksReady();
    const star = stripOf(articles()[0]!).querySelector<HTMLElement>('[data-paper-lens-action="star"]')!;
    star.click();
    expect(star.getAttribute('aria-pressed')).toBe('true');
    await vi.waitFor(() => expect(store.starred.has('2403.10000')).toBe(true));
    expect(articles()[0]!.getAttribute('data-paper-lens')).toContain('starred');
    store.fail = 'The disk is full';
    star.click();
    expect(star.getAttribute('aria-pressed')).toBe('false');
    await vi.waitFor(() => expect(star.getAttribute('aria-pressed')).toBe('true'));
    expect(stripOf(articles()[0]!).querySelector('.note')?.textContent).toMatch(/Couldn’t unstar/);
  });

  it('star toggles of one paper reach the store in click order, even when the first is sent again late', async () => {
    loadListing({ papers: [paper(0), paper(1)] });
    const store = new FakeStore();
    start(store);
    await marksReady();
    let release = (): void => undefined;
    store.starGate = new Promise<void>((resolve) => { release = resolve; });
    const star = stripOf(articles()[0]!).querySelector<HTMLElement>('[data-paper-lens-action="star"]')!;
    star.click();
    star.click();
    expect(star.getAttribute('aria-pressed')).toBe('false');
    // The un-star waits for the star still under way, so the star cannot land after it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.calls.filter((call) => call.type === 'paper/set-starred')).toHaveLength(1);
    release();
    await vi.waitFor(() => expect(store.calls.filter((call) => call.type === 'paper/set-starred')).toHaveLength(2));
    await vi.waitFor(() => expect(store.starred.has('2403.10000')).toBe(false));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.starred.has('2403.10000')).toBe(false);
    expect(star.getAttribute('aria-pressed')).toBe('false');
    expect(stripOf(articles()[0]!).querySelector('.note')?.textContent ?? '').not.toMatch(/Couldn’t/);
  });

  it('a scan cancelled after it took in the list leaves no card without its strip (issue 14, finding 3)', async () => {
    const papers = [paper(0), paper(1), paper(2), paper(3)];
    loadListing({ papers });
    const store = new FakeStore();
    let answer = (): void => undefined;
    // The store is slow to answer the listing (a worker stopped and starting again): the first scan waits for it
    // after taking in the list, before its first render.
    store.listedGate = new Promise<void>((resolve) => { answer = resolve; });
    const controller = start(store);
    await vi.waitFor(() => expect(controller.cards).toHaveLength(papers.length));
    // While it waits, something refreshes the cards (a broadcast, or the store's problem note as the worker stops):
    // their attributes are written, the far-card placeholders kept.
    for (const listener of store.listeners) listener({ type: 'state/changed', states: [store.state(papers[0]!.id)] });
    expect(articles().every((card) => card.getAttribute('data-paper-lens-id'))).toBe(true);
    // Then the page changes in a way that makes the watcher look again (the list is the same), and the store
    // answers: the first scan is cancelled before it rendered.
    const second = controller.scan();
    answer();
    await second;
    await marksReady(-1);
    for (const card of articles()) expect(stripOf(card).querySelector('[data-paper-lens-action="star"]')).not.toBeNull();
  });

  it('state/changed broadcasts update the cards', async () => {
    loadListing({ papers: [paper(0), paper(1)] });
    const store = new FakeStore();
    start(store);
    await marksReady();
    store.starred.add('2403.10001');
    for (const listener of store.listeners) listener({ type: 'state/changed', states: [store.state('2403.10001')] });
    expect(articles()[1]!.getAttribute('data-paper-lens')).toContain('starred');
  });

  it('an answer worked out before a star and delivered after its broadcast does not undo the star, and a later un-star does', async () => {
    loadListing({ papers: [paper(0), paper(1)] });
    const store = new FakeStore();
    start(store);
    await marksReady();
    const id = '2403.10001';
    const before = store.state(id);
    const broadcast = (state: PaperState): void => { for (const listener of store.listeners) listener({ type: 'state/changed', states: [state] }); };
    // Starred elsewhere (a synced browser): the broadcast comes first, then the "seen" answer the worker made before.
    store.setStarred(id, true);
    broadcast(store.state(id));
    broadcast({ ...before, seenCount: 1 });
    expect(articles()[1]!.getAttribute('data-paper-lens')).toContain('starred');
    store.setStarred(id, false);
    broadcast(store.state(id));
    expect(articles()[1]!.getAttribute('data-paper-lens')).not.toContain('starred');
  });

  it('the seen label says what came before this visit: the visit\'s own sighting does not lengthen it', async () => {
    loadListing({ papers: [paper(0), paper(1)] });
    const store = new FakeStore();
    store.known.add('2403.10001');
    start(store);
    await marksReady();
    const seenChip = (): string => stripOf(articles()[1]!).querySelector('.chip.seen')?.textContent ?? '';
    const before = seenChip();
    expect(before).toMatch(/^Seen .+, 2 times$/);
    // The store counts this visit's sighting (papers/seen's answer, or a broadcast): the label stays as it was.
    const counted: PaperState = { ...store.state('2403.10001'), seenCount: 3, lastSeenAt: Date.now() };
    for (const listener of store.listeners) listener({ type: 'state/changed', states: [counted, { ...store.state('2403.10000'), seenCount: 1, lastSeenAt: Date.now() }] });
    expect(seenChip()).toBe(before);
    expect(stripOf(articles()[0]!).querySelector('.chip.seen')?.hasAttribute('hidden')).toBe(true);
    // What the reader did still shows at once.
    for (const listener of store.listeners) listener({ type: 'state/changed', states: [{ ...counted, starredAt: Date.now() }] });
    expect(articles()[1]!.getAttribute('data-paper-lens')).toContain('starred');
    expect(seenChip()).toBe(before);
  });

  it('after the store is cleared the tab keeps its marks and writes nothing more, except what the reader does', async () => {
    loadListing({ papers: [paper(0), paper(1), paper(2)] });
    const store = new FakeStore();
    store.known.add('2403.10001');
    const controller = start(store);
    await marksReady();
    const writes = (): string[] => store.calls.map((call) => call.type).filter((type) => type === 'page/listed' || type === 'papers/seen' || type === 'paper/set-starred');
    const marksBefore = articles().map((a) => a.getAttribute('data-paper-lens'));
    const sentBefore = writes().length;
    for (const listener of store.listeners) listener({ type: 'data/cleared' });
    // The site re-renders the same list (as it does on its own): read again, listed again? No.
    document.querySelector('article')!.parentElement!.append(...articles());
    await controller.scan();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(writes()).toHaveLength(sentBefore);
    expect(articles().map((a) => a.getAttribute('data-paper-lens'))).toEqual(marksBefore);
    // A star is the reader's own act: it is written.
    stripOf(articles()[2]!).querySelector<HTMLElement>('[data-paper-lens-action="star"]')!.click();
    await vi.waitFor(() => expect(store.starred.has('2403.10002')).toBe(true));
    expect(writes().slice(sentBefore)).toEqual(['paper/set-starred']);
  });

  it('the generation is settled once For you and the reader-related links are in: they mark the cards before it, not after', async () => {
    loadListing({ papers: [paper(0), paper(1), paper(2)] });
    const store = lateAnswers();
    start(store.store);
    const ready = await marksReady();
    const marks = (): Array<string | null> => articles().map((a) => a.getAttribute('data-paper-lens'));
    expect(marks().some((m) => m?.includes('for-you') || m?.includes('related'))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.documentElement.hasAttribute('data-paper-lens-settled')).toBe(false);
    store.open();
    await vi.waitFor(() => expect(document.documentElement.getAttribute('data-paper-lens-settled')).toBe(String(ready)));
    expect(marks()[1]).toContain('related');
    expect(marks()[2]).toContain('for-you');
  });

  it('answers still on their way when the store is cleared (For you, reader-related links) leave the marks as they are', async () => {
    loadListing({ papers: [paper(0), paper(1), paper(2)] });
    const store = lateAnswers();
    start(store.store);
    const ready = await marksReady();
    const marksBefore = articles().map((a) => a.getAttribute('data-paper-lens'));
    for (const listener of store.store.listeners) listener({ type: 'data/cleared' });
    store.open();
    await vi.waitFor(() => expect(document.documentElement.getAttribute('data-paper-lens-settled')).toBe(String(ready)));
    expect(articles().map((a) => a.getAttribute('data-paper-lens'))).toEqual(marksBefore);
  });

  it('a newer instance replaces the marks of an older one and the old one stops', async () => {
    loadListing({ papers: [paper(0), paper(1)] });
    const old = start(new FakeStore());
    await marksReady();
    start(new FakeStore());
    await marksReady(0);
    expect(document.querySelectorAll('paper-lens-marks')).toHaveLength(2);
    expect(document.querySelectorAll('paper-lens-summary')).toHaveLength(1);
    expect(new Set(Array.from(document.querySelectorAll('paper-lens-marks')).map((h) => h.getAttribute('data-paper-lens-owner'))).size).toBe(1);
    expect(document.querySelector('paper-lens-marks')?.getAttribute('data-paper-lens-owner')).toBe(controllers[1]!.token);
    await old.scan();
    expect(document.querySelectorAll('paper-lens-marks')).toHaveLength(2);
  });
});
