// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://huggingface.co/papers/date/2024-03-11"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Paper } from '../core/types';
import type { PaperState, ReaderRelated } from '../core/records';
import type { RequestMap, RequestType } from '../core/messages';
import { DEFAULT_SETTINGS } from '../core/settings';
import { renderListingPage } from '../../e2e/fixtures/listing-page';
import { Controller } from './controller';
import { mergeReaderRelated } from './reader-related';
import { loadListing, marksReady, URL_DAY } from './test-page';

function paper(n: number): Paper {
  return { id: `2403.${String(20000 + n)}`, title: `Paper ${n} about topic ${n}`, abstract: `Abstract ${n} with words of its own, number ${n}.`, authors: ['B. Author'] };
}

const state = (id: string): PaperState => ({ id, seenBefore: false, seenCount: 0, earlierListings: [], readerRelated: [] });
const link = (id: string): ReaderRelated => ({ id, title: `Starred ${id}`, state: 'starred', score: 0.5, sharedTerms: ['topic'] });

/** A background that answers the states at once and the reader-related links only when `release` is called. */
function lateBackground(linksFor: ReadonlyMap<string, ReaderRelated[]>) {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const asked: string[][] = [];
  const sender = async <T extends RequestType>(type: T, body: RequestMap[T]['req']): Promise<never> => {
    await Promise.resolve();
    const b = body as Record<string, unknown>;
    const respond = (payload: object) => ({ ok: true, ...payload }) as never;
    switch (type) {
      case 'settings/get': return respond({ settings: DEFAULT_SETTINGS });
      case 'page/listed': return respond({ states: (b.papers as Paper[]).map((p) => state(p.id)), relatedRef: 'ref-1' });
      case 'papers/reader-related': {
        asked.push(b.ids as string[]);
        await gate;
        return respond({ related: (b.ids as string[]).flatMap((id) => (linksFor.has(id) ? [{ id, readerRelated: linksFor.get(id) }] : [])) });
      }
      case 'page/analyse': return respond({});
      default: return respond({ states: [] });
    }
  };
  return { sender, release, asked };
}

const cardOf = (id: string): HTMLElement => document.querySelector(`article[data-paper-lens-id="${id}"]`) as HTMLElement;
/** The reader-related chip's text on the card of `id` ('' when it shows none). */
const readerChip = (id: string): string => cardOf(id).querySelector('paper-lens-marks')?.shadowRoot?.querySelector('[data-paper-lens-action="reader-related"]')?.textContent ?? '';

let controller: Controller | null = null;
afterEach(() => controller?.stop());

describe('reader-related links that come after the states', () => {
  it('land on the right cards after the page re-rendered them in another order', async () => {
    const papers = [paper(0), paper(1), paper(2)];
    loadListing({ papers });
    const background = lateBackground(new Map([[papers[1]!.id, [link('2401.00001')]]]));
    controller = new Controller(`rr-${Math.random()}`, { sender: background.sender, subscribe: () => () => undefined });
    void controller.scan();
    const generation = await marksReady();
    // The marks are in before the links: the page did not wait for them.
    expect(readerChip(papers[1]!.id)).toBe('');
    expect(background.asked).toEqual([papers.map((p) => p.id)]);

    // The site re-renders the list (new elements, another order) while the links are still on their way.
    const list = document.querySelector('[data-fixture-list]') as HTMLElement;
    const again = new DOMParser().parseFromString(renderListingPage({ layout: 'payload', url: URL_DAY, papers: [papers[2]!, papers[1]!, papers[0]!] }), 'text/html');
    list.replaceChildren(...Array.from(again.querySelectorAll('article')).map((card) => document.importNode(card, true)));
    await marksReady(generation);
    background.release();
    await vi.waitFor(() => expect(readerChip(papers[1]!.id)).toBe('Close to 1 paper you starred'), { timeout: 5000, interval: 10 });
    expect(readerChip(papers[0]!.id)).toBe('');
    expect(readerChip(papers[2]!.id)).toBe('');
  });
});

describe('mergeReaderRelated', () => {
  it('merges links by id into the states there are, and says whether any changed', () => {
    const states = new Map([['a', state('a')], ['b', state('b')]]);
    expect(mergeReaderRelated(states, [{ id: 'a', readerRelated: [link('s')] }, { id: 'gone', readerRelated: [link('s')] }])).toBe(true);
    expect(states.get('a')?.readerRelated).toEqual([link('s')]);
    expect(states.has('gone')).toBe(false);
    expect(mergeReaderRelated(states, [{ id: 'a', readerRelated: [link('s')] }, { id: 'b', readerRelated: [] }])).toBe(false);
  });
});
