// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListedCard } from './site';
import { cardsNearViewport, LazyStrips, NEAR_MARGIN_PX } from './lazy-strips';
import { CardStrip } from './marks/strip';
import { PENDING_ATTR } from './marks/styles';
import { removeStrayStrips } from './marks/placement';

/** An IntersectionObserver the test drives: `report` says which targets are now near. */
class DrivenObserver {
  static last: DrivenObserver | null = null;
  readonly targets = new Set<Element>();
  constructor(private readonly callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {
    DrivenObserver.last = this;
  }
  observe(target: Element): void {
    this.targets.add(target);
  }
  unobserve(target: Element): void {
    this.targets.delete(target);
  }
  disconnect(): void {
    this.targets.clear();
  }
  report(near: Element[], far: Element[] = []): void {
    this.callback([...near.map((target) => ({ target, isIntersecting: true })), ...far.map((target) => ({ target, isIntersecting: false }))]);
  }
}

function card(id: string): ListedCard {
  const element = document.createElement('article');
  const heading = document.createElement('h3');
  const link = document.createElement('a');
  link.href = `/papers/${id}`;
  link.textContent = `Title ${id}`;
  const byline = document.createElement('p');
  byline.textContent = 'by someone';
  heading.append(link);
  element.append(heading, byline);
  document.body.append(element);
  return { element, titleLink: link, titleHeading: heading, paper: { id, title: `Title ${id}`, abstract: '', authors: [] }, source: 'card' };
}

const actions = { toggle() {}, jumpTo() {}, openList() {}, annotate() {} };

/** The placeholder LazyStrips put in a card (marked with its owner, unlike a host the site made). */
function placeholderIn(listed: ListedCard, present = true): HTMLElement {
  const host = listed.element.querySelector<HTMLElement>('paper-lens-marks[data-paper-lens-owner]');
  if (present && !host) throw new Error('no placeholder in the card');
  return host as HTMLElement;
}

describe('lazy strips', () => {
  beforeEach(() => vi.stubGlobal('IntersectionObserver', DrivenObserver));
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('holds one placeholder under the title until the card comes near, then hands it to the strip', () => {
    const near: HTMLElement[][] = [];
    const lazy = new LazyStrips('owner-1', (elements) => {
      near.push(elements);
      return [];
    });
    const observer = DrivenObserver.last as DrivenObserver;
    const far = card('2403.00001');
    const other = card('2403.00002');
    lazy.hold(far);
    lazy.hold(far);
    lazy.hold(other);

    const hosts = far.element.querySelectorAll('paper-lens-marks');
    expect(hosts).toHaveLength(1);
    const placeholder = hosts[0] as HTMLElement;
    expect(placeholder.previousElementSibling?.tagName).toBe('H3');
    expect(placeholder.hasAttribute(PENDING_ATTR)).toBe(true);
    expect(placeholder.getAttribute('data-paper-lens-owner')).toBe('owner-1');
    expect(placeholder.shadowRoot).toBeNull();
    expect(observer.targets.has(far.element)).toBe(true);

    observer.report([far.element], [other.element]);
    expect(near).toEqual([[far.element]]);
    observer.report([], [other.element]);
    expect(near).toHaveLength(1);

    const host = lazy.take(far.element);
    expect(host).toBe(placeholder);
    expect(placeholder.hasAttribute(PENDING_ATTR)).toBe(false);
    expect(observer.targets.has(far.element)).toBe(false);
    const strip = new CardStrip('owner-1', actions, host);
    expect(strip.host).toBe(placeholder);
    expect(placeholder.shadowRoot?.querySelector('[data-paper-lens-action="star"]')).not.toBeNull();
    expect(far.element.querySelectorAll('paper-lens-marks')).toHaveLength(1);
    expect(lazy.isWaiting(far)).toBe(false);
  });

  it('drops stray copies of a strip the site made, with one sweep of the page, and releases cards that are gone', () => {
    const lazy = new LazyStrips('owner-1', () => []);
    const observer = DrivenObserver.last as DrivenObserver;
    const listed = card('2403.00003');
    const other = card('2403.00009');
    listed.element.append(document.createElement('paper-lens-marks'));
    lazy.hold(listed);
    lazy.hold(other);
    const listedPlaceholder = placeholderIn(listed);
    const otherPlaceholder = placeholderIn(other);
    // The site cloned the other card's marked markup into this one: a copy of our host is not ours.
    listed.element.append(otherPlaceholder.cloneNode(true));
    expect(listed.element.querySelectorAll('paper-lens-marks')).toHaveLength(3);
    removeStrayStrips();
    const hosts = listed.element.querySelectorAll('paper-lens-marks');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toBe(listedPlaceholder);
    expect([...other.element.querySelectorAll('paper-lens-marks')]).toEqual([otherPlaceholder]);

    lazy.release(listed.element);
    expect(listed.element.querySelectorAll('paper-lens-marks')).toHaveLength(0);
    expect(observer.targets.has(listed.element)).toBe(false);
    expect(lazy.take(listed.element)).toBeNull();
  });

  it('observes again only the cards it reported near that could not be served and still wait for their strip', () => {
    const lazy = new LazyStrips('owner-1', (elements) => elements.filter((element) => element !== served.element));
    const observer = DrivenObserver.last as DrivenObserver;
    const waiting = card('2403.00004');
    const built = card('2403.00005');
    const served = card('2403.00006');
    const quiet = card('2403.00007');
    for (const each of [waiting, built, served, quiet]) lazy.hold(each);
    observer.report([waiting.element, built.element, served.element]);
    lazy.take(built.element);
    lazy.take(served.element);
    observer.targets.clear();
    lazy.renewMissed();
    expect([...observer.targets]).toEqual([waiting.element]);
    observer.targets.clear();
    lazy.renewMissed();
    expect(observer.targets.size).toBe(0);
  });

  it('keeps a placed placeholder as it is, and places one again when the site dropped it', () => {
    const lazy = new LazyStrips('owner-1', () => []);
    const listed = card('2403.00008');
    lazy.hold(listed);
    const placeholder = placeholderIn(listed);
    const stray = document.createElement('paper-lens-marks');
    listed.element.append(stray);
    lazy.keep(listed);
    // A render right after the read leaves the card alone; the next read's sweep drops the stray.
    expect(listed.element.querySelectorAll('paper-lens-marks')).toHaveLength(2);
    removeStrayStrips();
    expect([...listed.element.querySelectorAll('paper-lens-marks')]).toEqual([placeholder]);
    placeholder.remove();
    lazy.keep(listed);
    expect([...listed.element.querySelectorAll('paper-lens-marks')]).toEqual([placeholder]);
    expect(placeholder.previousElementSibling?.tagName).toBe('H3');
  });

  it('watches a far card without putting anything in it, and the strip built when it comes near brings its own host', () => {
    const near: HTMLElement[][] = [];
    const lazy = new LazyStrips('owner-1', (elements) => {
      near.push(elements);
      return [];
    });
    const observer = DrivenObserver.last as DrivenObserver;
    const far = card('2403.00010');
    const before = far.element.innerHTML;
    lazy.watch(far);
    lazy.keep(far);
    expect(far.element.innerHTML).toBe(before);
    expect(placeholderIn(far, false)).toBeNull();
    expect(lazy.isWaiting(far)).toBe(true);
    expect(observer.targets.has(far.element)).toBe(true);

    observer.report([far.element]);
    expect(near).toEqual([[far.element]]);
    expect(lazy.take(far.element)).toBeNull();
    expect(lazy.isWaiting(far)).toBe(false);
    expect(observer.targets.has(far.element)).toBe(false);
  });

  it('releases watched cards that stopped being cards, and observes again a watched card it could not serve', () => {
    const lazy = new LazyStrips('owner-1', (elements) => elements);
    const observer = DrivenObserver.last as DrivenObserver;
    const gone = card('2403.00011');
    const kept = card('2403.00012');
    lazy.watch(gone);
    lazy.watch(kept);
    observer.report([kept.element]);
    lazy.releaseAllBut(new Map([[kept.element, 0]]));
    expect(lazy.isWaiting(gone)).toBe(false);
    expect(observer.targets.has(gone.element)).toBe(false);
    observer.targets.clear();
    lazy.renewMissed();
    expect([...observer.targets]).toEqual([kept.element]);
  });

  it('a watched card that comes to be held gets a placeholder, and counts as waiting only while it is placed', () => {
    const lazy = new LazyStrips('owner-1', () => []);
    const listed = card('2403.00013');
    lazy.watch(listed);
    lazy.hold(listed);
    const placeholder = placeholderIn(listed);
    expect(placeholder.previousElementSibling?.tagName).toBe('H3');
    expect(lazy.isWaiting(listed)).toBe(true);
    placeholder.remove();
    expect(lazy.isWaiting(listed)).toBe(false);
    lazy.watch(listed);
    expect(lazy.isWaiting(listed)).toBe(false);
  });

  it('finds the cards near the viewport from their boxes, stopping at the first one below', () => {
    const at = (top: number, height = 300): HTMLElement => {
      const element = document.createElement('article');
      element.getBoundingClientRect = () => ({ top, bottom: top + height, left: 0, right: 100, width: 100, height, x: 0, y: top, toJSON: () => ({}) });
      return element;
    };
    const band = window.innerHeight + NEAR_MARGIN_PX;
    const farAbove = at(-NEAR_MARGIN_PX - 400);
    const justAbove = at(-NEAR_MARGIN_PX - 100);
    const onScreen = [at(0), at(0), at(300)];
    const lastNear = at(band - 10);
    const below = at(band + 10);
    const laterOdd = at(0);
    const near = cardsNearViewport([farAbove, justAbove, ...onScreen, lastNear, below, laterOdd]);
    expect([...near]).toEqual([justAbove, ...onScreen, lastNear]);
  });
});
