/**
 * Helpers for the store's end-to-end specs: requests to the background from an extension-origin page (with the
 * same retries as src/platform/messaging.ts while the worker wakes), the service worker stopped through CDP,
 * and seed-page papers given ids derived from their normalised titles.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { PaperState } from '../src/core/records';
import type { Paper } from '../src/core/types';
import { titleKey } from '../src/core/text';

/** An extension-origin page that runs none of the app's code: a clean place to call chrome.runtime. */
export async function extensionPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  return page;
}

/**
 * Sends one request; retries on any error while the worker is waking. It does not use the product's transport
 * (src/platform/messaging.ts) and retries more than it does, so it cannot test that transport: the worker-stop
 * checks of the transport go through the page (store-worker-stop.spec.ts). A listing is answered
 * before it is stored: as the content side (store-link.ts), it then asks with the receipt until the store says
 * the listing is stored, and sends it again when the store cannot say so (a worker stopped in between).
 */
export async function request<T = Record<string, unknown>>(page: Page, message: Record<string, unknown>): Promise<T> {
  return page.evaluate(async (body) => {
    const send = async (what: Record<string, unknown>): Promise<{ ok?: boolean; receipt?: string; recorded?: boolean }> => {
      let lastError = '';
      for (const delay of [0, 50, 150, 400, 1000, 2000, 3000]) {
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        try {
          const response = await chrome.runtime.sendMessage(what);
          if (response) return response;
          lastError = 'no answer';
        } catch (error) {
          lastError = String(error);
        }
      }
      throw new Error(`store did not answer: ${lastError}`);
    };
    const answer = await send(body);
    let receipt = body.type === 'page/listed' ? answer.receipt : undefined;
    for (let resend = 0; receipt !== undefined; resend++) {
      const settled = await send({ type: 'listing/settled', receipt });
      if (!settled.ok) throw new Error(`listing/settled failed: ${JSON.stringify(settled)}`);
      if (settled.recorded) break;
      if (resend >= 3) throw new Error('the listing was never stored');
      receipt = (await send({ type: 'page/listed', page: body.page, papers: body.papers })).receipt;
    }
    return answer;
  }, message) as Promise<T>;
}

export async function statesOf(page: Page, ids: string[]): Promise<PaperState[]> {
  const response = await request<{ ok: boolean; states: PaperState[] }>(page, { type: 'states/get', ids });
  if (!response.ok) throw new Error(`states/get failed: ${JSON.stringify(response)}`);
  return response.states;
}

/** Stops every service worker of the browser (what Chrome does to an idle extension worker). */
export async function stopServiceWorkers(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

/** A stable arXiv-shaped id from a title, for captured pages that lost their ids. */
export function idFromTitle(title: string): string {
  let hash = 2166136261;
  for (const char of titleKey(title)) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return `9${String((hash >>> 0) % 1000).padStart(3, '0')}.${String(((hash >>> 0) >>> 10) % 100000).padStart(5, '0')}`;
}

export function seedPapers(papers: Array<{ title: string; abstract: string }>): Paper[] {
  return papers.map((paper) => ({ id: idFromTitle(paper.title), title: paper.title, abstract: paper.abstract, authors: [] }));
}

/** The marks the content script wrote on each card, by paper id. */
export async function cardMarks(page: Page): Promise<Map<string, string>> {
  const pairs = await page.$$eval('article[data-paper-lens-id]', (cards) => cards.map((card) => [card.getAttribute('data-paper-lens-id') ?? '', card.getAttribute('data-paper-lens') ?? ''] as const));
  return new Map(pairs);
}
