/**
 * Reads one listing: the cards in the DOM are the truth about what is shown; the hydration payload, when it
 * agrees with them, adds what the cards do not show (abstracts, authors, dates, keywords).
 */
import type { ListingPage, Paper } from '../../core/types';
import { findCardsInSteps, type CardInfo } from './cards';
import { readPayloadInSteps, type Payload } from './payload';
import { listingPageFromUrl } from './url';

export type PayloadUse = 'fresh' | 'partial' | 'stale' | 'missing' | 'malformed';

export interface ListedCard {
  element: HTMLElement;
  titleLink: HTMLAnchorElement | null;
  /** The heading around the title link, when it is in one (the strip goes after it). */
  titleHeading: Element | null;
  paper: Paper;
  /** Where the paper's data came from. */
  source: 'payload' | 'card';
}

export interface Listing {
  page: ListingPage;
  cards: ListedCard[];
  /** How the payload related to the cards: `stale` when none of its papers is on screen any more. */
  payload: PayloadUse;
}

/** A payload whose entries match fewer than this share of the cards describes another render of the list. */
const FRESH_SHARE = 0.5;

function fromCard(card: CardInfo): Paper {
  const paper: Paper = { id: card.id, title: card.title, abstract: card.abstract, authors: [] };
  if (card.upvotes !== undefined) paper.upvotes = card.upvotes;
  return paper;
}

/** Payload data for a card, keeping what the card itself shows when the payload lacks it. */
function merge(card: CardInfo, known: Paper): Paper {
  return {
    ...known,
    title: known.title || card.title,
    abstract: known.abstract || card.abstract,
    ...(card.upvotes !== undefined && known.upvotes === undefined ? { upvotes: card.upvotes } : {}),
  };
}

function refinePage(page: ListingPage, payload: Payload | null): ListingPage {
  // The landing page shows one period's list: key it like that period's own page so the store sees one listing.
  if (page.kind !== 'landing' || !payload?.periodType || !payload.dateString) return page;
  const period = payload.dateString.slice(0, payload.periodType === 'day' ? 10 : payload.periodType === 'month' ? 7 : 8);
  return { ...page, key: `${payload.periodType}:${period}`, period };
}

export function* readListingInSteps(doc: Document, url: string): Generator<void, Listing, void> {
  const page = listingPageFromUrl(url);
  if (page.kind === 'paper' || page.kind === 'other') return { page, cards: [], payload: 'missing' };
  const result = yield* readPayloadInSteps(doc);
  const payload = result.status === 'ok' ? result.payload : null;
  yield;
  const found = yield* findCardsInSteps(doc, (id) => Boolean(payload?.papers.get(id)?.abstract));
  const matched = payload ? found.filter((card) => payload.papers.has(card.id)).length : 0;
  let use: PayloadUse = result.status === 'ok' ? 'fresh' : result.status;
  if (payload && found.length > 0) {
    if (matched === 0) use = 'stale';
    else if (matched < found.length) use = matched / found.length >= FRESH_SHARE ? 'partial' : 'stale';
  }
  // A stale payload still knows the papers it lists, but it no longer says which period is on screen.
  const trusted = use === 'fresh' || use === 'partial' ? payload : null;
  const cards = found.map((card): ListedCard => {
    const known = payload?.papers.get(card.id);
    return known
      ? { element: card.element, titleLink: card.titleLink, titleHeading: card.titleHeading, paper: merge(card, known), source: 'payload' }
      : { element: card.element, titleLink: card.titleLink, titleHeading: card.titleHeading, paper: fromCard(card), source: 'card' };
  });
  return { page: refinePage(page, trusted), cards, payload: use };
}

export function readListing(doc: Document, url: string): Listing {
  const steps = readListingInSteps(doc, url);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
