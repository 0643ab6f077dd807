/**
 * Test support for content tests in happy-dom (not bundled: only tests import it): loads a fixture listing
 * into the test's document as a fresh page, and waits for the marks.
 */
import { vi } from 'vitest';
import type { Paper } from '../core/types';
import { renderListingPage, type ListingPageOptions } from '../../e2e/fixtures/listing-page';

export const URL_DAY = 'https://huggingface.co/papers/date/2024-03-11';

/** Replaces the document with a fixture listing at `url`; <html> gets the fixture's attributes only. */
export function loadListing(options: Partial<ListingPageOptions> & { papers: Paper[] }, url = URL_DAY): void {
  history.replaceState(null, '', url);
  const parsed = new DOMParser().parseFromString(renderListingPage({ layout: 'payload', url, ...options }), 'text/html');
  const html = document.documentElement;
  for (const name of html.getAttributeNames()) html.removeAttribute(name);
  for (const name of parsed.documentElement.getAttributeNames()) html.setAttribute(name, parsed.documentElement.getAttribute(name) ?? '');
  document.head.replaceChildren(...Array.from(parsed.head.childNodes).map((node) => document.importNode(node, true)));
  document.body.replaceWith(document.importNode(parsed.body, true));
}

/** Resolves with the page's ready generation once it is past `after`. */
export async function marksReady(after = 0): Promise<number> {
  await vi.waitFor(() => {
    const value = Number(document.documentElement.getAttribute('data-paper-lens-ready') ?? '-1');
    if (!(value > after)) throw new Error('not ready yet');
  }, { timeout: 5000, interval: 10 });
  return Number(document.documentElement.getAttribute('data-paper-lens-ready'));
}
