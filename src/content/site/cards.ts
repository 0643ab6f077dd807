/**
 * Finds the paper cards in the DOM. A card is the element that holds every link to one paper (thumbnail,
 * title, comments) and no link to another: an <article> when the site uses them, otherwise the largest
 * ancestor of the paper's links that holds no other paper's link.
 */
import { paperIdFromHref } from './url';
import { collapseWhitespace } from '../../core/text';

export interface CardInfo {
  element: HTMLElement;
  id: string;
  /** The link that names the paper (inside the heading when there is one). */
  titleLink: HTMLAnchorElement | null;
  /** The heading around `titleLink`, when it is in one (the strip goes after it). */
  titleHeading: Element | null;
  /** Whitespace-collapsed title text, '' when the card shows none. */
  title: string;
  /** Abstract text when the card shows one, else ''. */
  abstract: string;
  upvotes?: number;
}

const LINK_SELECTOR = 'a[href*="/papers/"], a[href*="arxiv.org/"]';
const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6';
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** An abstract is prose: shorter text under a title is a byline, a date or a count. */
const MIN_ABSTRACT_CHARS = 60;
const MIXED = '\u0000mixed';
/** Containers that are never one card even when the page lists a single paper. */
const NEVER_CARD = new Set(['BODY', 'HTML', 'MAIN']);

export const collapse = (value: string | null | undefined): string => collapseWhitespace(value ?? '');

interface PaperLink {
  link: HTMLAnchorElement;
  id: string;
}

const LINKS_PER_STEP = 1500;

function* paperLinks(root: ParentNode): Generator<void, PaperLink[], void> {
  const links: PaperLink[] = [];
  const all = root.querySelectorAll<HTMLAnchorElement>(LINK_SELECTOR);
  // A card links to its paper several times with the same href: read each href once.
  const ids = new Map<string, string | null>();
  for (let i = 0; i < all.length; i++) {
    if (i % LINKS_PER_STEP === LINKS_PER_STEP - 1) yield;
    const link = all[i] as HTMLAnchorElement;
    const href = link.getAttribute('href') ?? '';
    let id = ids.get(href);
    if (id === undefined) {
      id = paperIdFromHref(href);
      ids.set(href, id);
    }
    if (id) links.push({ link, id });
  }
  return links;
}

/** <article> cards holding links to exactly one paper, in document order. */
function* articleGroups(links: PaperLink[]): Generator<void, Map<HTMLElement, PaperLink[]>, void> {
  const groups = new Map<HTMLElement, PaperLink[]>();
  const mixed = new Set<HTMLElement>();
  let count = 0;
  for (const entry of links) {
    if (++count % LINKS_PER_STEP === 0) yield;
    const article = entry.link.closest('article');
    if (!article || mixed.has(article)) continue;
    const group = groups.get(article);
    if (!group) groups.set(article, [entry]);
    else if (group[0]?.id !== entry.id) {
      groups.delete(article);
      mixed.add(article);
    } else group.push(entry);
  }
  return groups;
}

/** Fallback without <article>: the highest ancestor of each link that holds links to that paper only. */
function ancestorGroups(links: PaperLink[]): Map<HTMLElement, PaperLink[]> {
  const owner = new Map<Element, string>();
  const usable = links.filter(({ link }) => !link.closest('nav, header, footer'));
  for (const { link, id } of usable) {
    for (let element = link.parentElement; element && !NEVER_CARD.has(element.tagName); element = element.parentElement) {
      const current = owner.get(element);
      if (current === undefined) owner.set(element, id);
      else if (current === id || current === MIXED) break;
      else owner.set(element, MIXED);
    }
  }
  const groups = new Map<HTMLElement, PaperLink[]>();
  for (const entry of usable) {
    let card: HTMLElement | null = null;
    for (let element = entry.link.parentElement; element && owner.get(element) === entry.id; element = element.parentElement) card = element;
    if (!card) continue;
    const group = groups.get(card);
    if (group) group.push(entry);
    else groups.set(card, [entry]);
  }
  return groups;
}

function upvotesOf(card: HTMLElement): number | undefined {
  const label = card.querySelector('label div.leading-none, [data-upvotes]');
  const digits = collapse(label?.getAttribute('data-upvotes') ?? label?.textContent).replace(/[,\s]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

function abstractOf(card: HTMLElement, heading: Element | null): string {
  let best = '';
  for (const block of Array.from(card.querySelectorAll('p, blockquote, [data-abstract]'))) {
    if (heading && (heading.contains(block) || block.contains(heading))) continue;
    const value = collapse(block.textContent);
    if (value.length > best.length) best = value;
  }
  return best.length >= MIN_ABSTRACT_CHARS ? best : '';
}

/**
 * The heading `link` is in, within `card` (the card itself included). Walks up to the card only: `closest` walks to
 * the document's root for every link outside a heading (a card's thumbnail and comment links), which was 2-4x
 * slower over a 1000-card page.
 */
export function headingAround(link: Element, card: Element): Element | null {
  for (let element = link.parentElement; element; element = element.parentElement) {
    if (HEADING_TAGS.has(element.tagName)) return element;
    if (element === card) return null;
  }
  return null;
}

/** `known` ids get their abstract and upvotes from elsewhere (the payload): their cards skip those queries. */
function describe(card: HTMLElement, group: PaperLink[], known: (id: string) => boolean): CardInfo {
  const first = group[0] as PaperLink;
  let heading: Element | null = null;
  let titleLink: HTMLAnchorElement | null = null;
  for (const { link } of group) {
    const around = headingAround(link, card);
    if (around) {
      heading = around;
      titleLink = link;
      break;
    }
  }
  const titleHeading = heading;
  heading ??= card.querySelector(HEADING_SELECTOR);
  let title = collapse(heading?.textContent);
  if (!title) {
    // No heading: the paper's link with the most text is its title.
    for (const { link } of group) {
      // A comments or counter link ("💬 3") is not a title.
      if ((link.getAttribute('href') ?? '').includes('#')) continue;
      const value = collapse(link.textContent);
      if (!/\p{L}{3}/u.test(value)) continue;
      if (value.length > title.length) {
        title = value;
        titleLink = link;
      }
    }
  }
  const info: CardInfo = { element: card, id: first.id, titleLink, titleHeading, title, abstract: '' };
  if (known(first.id)) return info;
  info.abstract = abstractOf(card, heading);
  const upvotes = upvotesOf(card);
  if (upvotes !== undefined) info.upvotes = upvotes;
  return info;
}

const CARDS_PER_STEP = 150;
const nothingKnown = (): boolean => false;

/** Every paper card under `root`, in document order, a slice of cards per step (big pages yield between them). */
export function* findCardsInSteps(root: ParentNode, known: (id: string) => boolean = nothingKnown): Generator<void, CardInfo[], void> {
  const links = yield* paperLinks(root);
  if (links.length === 0) return [];
  const articles = yield* articleGroups(links);
  const groups = articles.size > 0 ? articles : ancestorGroups(links);
  const cards: CardInfo[] = [];
  for (const [card, group] of groups) {
    cards.push(describe(card, group, known));
    if (cards.length % CARDS_PER_STEP === 0) yield;
  }
  return cards;
}

/** Every paper card under `root`; cards of unknown shape are simply not found. */
export function findCards(root: ParentNode, known?: (id: string) => boolean): CardInfo[] {
  const steps = findCardsInSteps(root, known);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
