// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../core/types';
import { renderListingPage, type ListingLayout, type ListingPageOptions } from '../../../e2e/fixtures/listing-page';
import { readListing } from './read';
import { findCards, headingAround } from './cards';
import { readPayload } from './payload';

const DAY_URL = 'https://huggingface.co/papers/date/2024-03-11';

function paper(n: number, extra: Partial<Paper> = {}): Paper {
  return {
    id: `2403.${String(10000 + n)}`,
    title: `Paper number ${n}: scaling sparse attention for long video understanding`,
    abstract: `Abstract ${n}. We study how sparse attention scales to long videos and report results on three benchmarks with careful ablations.`,
    authors: [`Ada Lovelace ${n}`, 'Alan Turing'],
    publishedAt: '2024-03-10T00:00:00.000Z',
    upvotes: n * 3,
    keywords: ['sparse attention', 'video'],
    ...extra,
  };
}

const papers = [paper(1), paper(2), paper(3)];

function documentOf(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function page(layout: ListingLayout, options: Partial<ListingPageOptions> = {}, url = DAY_URL): Document {
  return documentOf(renderListingPage({ papers, layout, url, ...options }));
}

describe('readListing on the payload layout', () => {
  it('reads ids, titles, abstracts, authors, dates, upvotes and keywords from the payload', () => {
    const listing = readListing(page('payload'), DAY_URL);
    expect(listing.page).toMatchObject({ kind: 'day', key: 'day:2024-03-11' });
    expect(listing.payload).toBe('fresh');
    expect(listing.cards.map((card) => card.paper)).toEqual(papers.map((p) => ({ ...p, submittedOnDailyAt: p.publishedAt })));
    expect(listing.cards.every((card) => card.source === 'payload' && card.element.tagName === 'ARTICLE')).toBe(true);
  });

  it('finds one card per article however many links to the paper it holds', () => {
    const doc = page('payload');
    expect(doc.querySelectorAll('article a[href^="/papers/2403.10001"]').length).toBeGreaterThanOrEqual(3);
    const cards = findCards(doc);
    expect(cards).toHaveLength(3);
    expect(cards[0]?.titleLink?.closest('h3')).not.toBeNull();
    expect(cards[0]?.upvotes).toBe(3);
  });

  it('normalises versioned ids on cards and in the payload', () => {
    const versioned = [paper(1, { id: '2403.10001v2' }), paper(2, { id: 'hep-th/9901001v1' }), paper(3, { id: 'not-arxiv-Slug' })];
    const listing = readListing(documentOf(renderListingPage({ papers: versioned, layout: 'payload', url: DAY_URL })), DAY_URL);
    expect(listing.cards.map((card) => card.paper.id)).toEqual(['2403.10001', 'hep-th/9901001', 'not-arxiv-Slug']);
    expect(listing.payload).toBe('fresh');
  });

  it('keys the landing page by the period its payload names', () => {
    const listing = readListing(page('payload', {}, DAY_URL), 'https://huggingface.co/papers');
    expect(listing.page).toMatchObject({ kind: 'landing', key: 'day:2024-03-11', period: '2024-03-11' });
  });

  it('falls back to the cards when the payload is stale (client-side navigation)', () => {
    const doc = page('payload');
    const stale = renderListingPage({ papers: [paper(7), paper(8)], layout: 'payload', url: 'https://huggingface.co/papers/date/2024-03-10' });
    const props = documentOf(stale).querySelector('[data-props]')?.getAttribute('data-props') ?? '';
    doc.querySelector('[data-props]')?.setAttribute('data-props', props);
    const listing = readListing(doc, 'https://huggingface.co/papers');
    expect(listing.payload).toBe('stale');
    expect(listing.page.key).toBe('landing');
    expect(listing.cards.map((card) => [card.paper.id, card.paper.title, card.paper.abstract, card.source])).toEqual(
      papers.map((p) => [p.id, p.title, '', 'card']),
    );
  });

  it('uses the payload for the cards it knows and the cards for the rest when they partly agree', () => {
    const doc = documentOf(renderListingPage({ papers: [...papers, paper(4)], layout: 'payload', url: DAY_URL, rawProps: JSON.stringify({ dailyPapers: papers.map((p) => ({ paper: { id: p.id, title: p.title, summary: p.abstract } })) }) }));
    const listing = readListing(doc, DAY_URL);
    expect(listing.payload).toBe('partial');
    expect(listing.cards.map((card) => card.source)).toEqual(['payload', 'payload', 'payload', 'card']);
    expect(listing.cards[3]?.paper.title).toBe(paper(4).title);
  });
});

describe('readListing on the abstract-cards and plain-list layouts', () => {
  it('reads the abstract shown under the title when there is no payload', () => {
    const listing = readListing(page('abstract-cards'), 'https://huggingface.co/papers?q=sparse');
    expect(listing.page).toMatchObject({ kind: 'search', key: 'search:sparse' });
    expect(listing.payload).toBe('missing');
    expect(listing.cards.map((card) => [card.paper.id, card.paper.title, card.paper.abstract])).toEqual(papers.map((p) => [p.id, p.title, p.abstract]));
  });

  it('groups a list without <article> by links: one row per paper, arXiv and PDF links included', () => {
    const listing = readListing(page('plain-list'), DAY_URL);
    expect(listing.cards).toHaveLength(3);
    expect(listing.cards.map((card) => [card.paper.id, card.paper.title, card.paper.abstract])).toEqual(papers.map((p) => [p.id, p.title, p.abstract]));
    expect(listing.cards.every((card) => card.element.tagName === 'DIV' && card.element.querySelectorAll('a').length === 3)).toBe(true);
  });

  it('reads nothing on a paper detail page', () => {
    const listing = readListing(page('payload'), 'https://huggingface.co/papers/2403.10001');
    expect(listing.page.kind).toBe('paper');
    expect(listing.cards).toEqual([]);
  });
});

describe('bad pages', () => {
  it('a payload that is not JSON: the cards alone', () => {
    const doc = page('payload', { rawProps: '{"dailyPapers": [ {oops' });
    expect(readPayload(doc)).toEqual({ status: 'malformed', reason: 'the payload is not JSON' });
    const listing = readListing(doc, DAY_URL);
    expect(listing.payload).toBe('malformed');
    expect(listing.cards.map((card) => card.paper.id)).toEqual(papers.map((p) => p.id));
  });

  it('a payload of the wrong shape: entries without ids are dropped, wrong types ignored', () => {
    const rawProps = JSON.stringify({ dailyPapers: [null, 3, 'x', { paper: { id: 42 } }, { paper: { id: papers[0]?.id, title: 7, summary: ['no'], authors: 'x', upvotes: '12' } }] });
    const listing = readListing(page('payload', { rawProps }), DAY_URL);
    expect(listing.cards[0]?.paper).toMatchObject({ id: papers[0]?.id, title: papers[0]?.title, abstract: '', authors: [], upvotes: 12 });
    const other = readListing(page('payload', { rawProps: '[1,2,3]' }), DAY_URL);
    expect(other.payload).toBe('malformed');
    expect(other.cards).toHaveLength(3);
  });

  it('a card with no title is still one card, titled from the payload or left untitled', () => {
    const withPayload = readListing(page('payload', { untitled: [1] }), DAY_URL);
    expect(withPayload.cards.map((card) => card.paper.title)).toEqual(papers.map((p) => p.title));
    const without = readListing(page('abstract-cards', { untitled: [1] }), DAY_URL);
    expect(without.cards).toHaveLength(3);
    expect(without.cards[1]?.paper).toMatchObject({ id: papers[1]?.id, title: '' });
    expect(without.cards[1]?.titleLink).toBeNull();
  });

  it('a title and abstract full of markup are read as plain text', () => {
    const evil = paper(9, { title: '<img src=x onerror="window.__pwned=1"> <script>alert(1)</script>Title', abstract: '<b>bold</b> <img src=x onerror=alert(2)> and a long enough abstract to count as prose for the reader.' });
    const listing = readListing(documentOf(renderListingPage({ papers: [evil], layout: 'abstract-cards', url: DAY_URL })), DAY_URL);
    expect(listing.cards[0]?.paper.title).toBe(evil.title);
    expect(listing.cards[0]?.paper.abstract).toBe(evil.abstract);
  });

  it('an <article> wrapping several papers is not one card: its rows are', () => {
    const doc = page('abstract-cards');
    const wrapper = doc.createElement('article');
    const list = doc.querySelector('[data-fixture-list]') as HTMLElement;
    list.replaceWith(wrapper);
    wrapper.append(list);
    list.querySelectorAll('article').forEach((card) => {
      const div = doc.createElement('div');
      div.append(...Array.from(card.childNodes));
      card.replaceWith(div);
    });
    const cards = findCards(doc);
    expect(cards.map((card) => card.element.tagName)).toEqual(['DIV', 'DIV', 'DIV']);
    expect(cards.map((card) => card.id)).toEqual(papers.map((p) => p.id));
  });

  it('links to listing routes and navigation links are not cards', () => {
    const doc = documentOf('<html><body><header><a href="/papers/2403.00001">Header paper</a></header><main><a href="/papers/trending">Trending</a><a href="/papers/date/2024-03-10">Yesterday</a></main></body></html>');
    expect(findCards(doc)).toEqual([]);
    expect(readListing(doc, DAY_URL).cards).toEqual([]);
  });

  it('a 5000-card page is read in full', () => {
    const many = Array.from({ length: 5000 }, (_, i) => paper(i + 1, { id: `2401.${String(i).padStart(5, '0')}` }));
    const doc = documentOf(renderListingPage({ papers: many, layout: 'payload', url: DAY_URL }));
    const listing = readListing(doc, DAY_URL);
    expect(listing.cards).toHaveLength(5000);
    expect(listing.cards[4999]?.paper.abstract).toBe(many[4999]?.abstract);
    // happy-dom builds and queries 5000 cards far slower than a browser: a loaded machine needs the room.
  }, 120_000);
});

describe('headingAround', () => {
  function card(html: string): HTMLElement {
    document.body.innerHTML = `<h2 id="outer"><div id="card">${html}</div></h2>`;
    return document.getElementById('card') as HTMLElement;
  }

  it('finds the heading a link is in, within its card, and stops at the card', () => {
    const element = card('<a id="thumb" href="/papers/2403.00001"><img></a><h3 id="h"><span><a id="title" href="/papers/2403.00001">T</a></span></h3>');
    expect(headingAround(document.getElementById('title')!, element)?.id).toBe('h');
    // The thumbnail's link is in no heading of its card; the heading the card itself sits in does not count.
    expect(headingAround(document.getElementById('thumb')!, element)).toBeNull();
  });

  it('counts the card itself when it is the heading', () => {
    document.body.innerHTML = '<h3 id="card"><a id="title" href="/papers/2403.00001">T</a></h3>';
    expect(headingAround(document.getElementById('title')!, document.getElementById('card')!)?.id).toBe('card');
  });

  it('is what a read card carries for its strip, on every layout', () => {
    for (const layout of ['payload', 'abstract-cards', 'plain-list'] as ListingLayout[]) {
      const cards = readListing(documentOf(renderListingPage({ papers: [paper(1), paper(2)], layout, url: DAY_URL })), DAY_URL).cards;
      expect(cards).toHaveLength(2);
      for (const listed of cards) {
        expect(listed.titleHeading).toBe(listed.titleLink?.closest('h1, h2, h3, h4, h5, h6') ?? null);
        expect(listed.titleHeading).not.toBeNull();
      }
    }
  });
});

