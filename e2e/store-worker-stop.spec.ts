/**
 * Stars clicked on the page while the service worker is stopped (issue 14, finding 1), through the product's own
 * path: the card's star button, the content script's store link and transport, the background. Each round opens a
 * listing of 20 new papers, clicks every star at once and stops the worker (CDP ServiceWorker.stopAllWorkers) a
 * random 0-300 ms later. Nothing may be lost or rolled back,
 * and no card may say "not saved" for a star that was stored.
 *
 * PAPER_LENS_STOP_ROUNDS sets the number of rounds (10, the check, unless set).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet, makeRng } from './fixtures/synthetic';
import { waitForMarks } from './content-support';
import { extensionPage, statesOf, stopServiceWorkers } from './store-helpers';

const ROUNDS = Number(process.env.PAPER_LENS_STOP_ROUNDS ?? 10);
const BURST = 20;

interface CardStar {
  id: string;
  pressed: boolean;
  busy: boolean;
  note: string;
}

async function cardStars(page: Page): Promise<CardStar[]> {
  return page.$$eval('article', (cards) => cards.map((card) => {
    const root = card.querySelector('paper-lens-marks')?.shadowRoot;
    const star = root?.querySelector('[data-paper-lens-action="star"]');
    return {
      id: card.getAttribute('data-paper-lens-id') ?? '',
      pressed: star?.getAttribute('aria-pressed') === 'true',
      busy: star?.getAttribute('aria-busy') === 'true',
      note: (root?.querySelector('.note')?.textContent ?? '').trim(),
    };
  }));
}

test('stars clicked in bursts while the worker is stopped are all kept, and none says "not saved"', async ({ context, site, extensionId }, testInfo) => {
  test.setTimeout(60_000 + ROUNDS * 40_000);
  const lines: string[] = [];
  const rng = makeRng(14);
  const { papers } = generateSyntheticSet({ seed: 14, count: BURST * ROUNDS });
  const ext = await extensionPage(context, extensionId);
  const page = await context.newPage();
  const rounds: Array<{ round: number; stopAfterMs: number; stored: number; shown: number; notSaved: number }> = [];

  for (let round = 0; round < ROUNDS; round++) {
    const listed = papers.slice(round * BURST, (round + 1) * BURST);
    const path = `/papers/date/2024-02-${String(round + 1).padStart(2, '0')}`;
    site.setPage(path, { papers: listed, layout: 'payload' });
    await page.goto(`https://huggingface.co${path}`);
    await waitForMarks(page);
    await expect.poll(async () => (await cardStars(page)).filter((card) => card.id !== '' && !card.pressed).length).toBe(BURST);

    // The burst: all 20 clicked at once (the harshest "quick succession": every save is in flight together),
    // and the worker stopped 0-300 ms later, while the store works through them.
    await page.evaluate(() => {
      for (const card of Array.from(document.querySelectorAll('article'))) {
        card.querySelector('paper-lens-marks')?.shadowRoot?.querySelector<HTMLElement>('[data-paper-lens-action="star"]')?.click();
      }
    });
    // Random within the round's own slice of 0-300 ms, so even a few rounds stop the worker early and late.
    const stopAfterMs = Math.floor(((round + rng()) / ROUNDS) * 300);
    await page.waitForTimeout(stopAfterMs);
    await stopServiceWorkers(page);

    // Every toggle settles (saved, or given up with a note) before anything is judged.
    await expect.poll(async () => (await cardStars(page)).filter((card) => card.busy).length, { timeout: 30_000 }).toBe(0);
    const shown = await cardStars(page);
    const stored = await statesOf(ext, listed.map((paper) => paper.id));
    const result = {
      round,
      stopAfterMs,
      stored: stored.filter((state) => state.starredAt !== undefined).length,
      shown: shown.filter((card) => card.pressed).length,
      notSaved: shown.filter((card) => /not saved/.test(card.note)).length,
    };
    rounds.push(result);
    lines.push(`round ${round + 1}/${ROUNDS}: worker stopped ${stopAfterMs} ms after the clicks; ${result.stored}/${BURST} stored, ${result.shown}/${BURST} shown starred, ${result.notSaved} "not saved"`);
  }

  // The stop times and counts of each round, in the report rather than on the console.
  await testInfo.attach('rounds', { body: lines.join('\n'), contentType: 'text/plain' });
  expect(rounds.map((r) => [r.stored, r.shown, r.notSaved])).toEqual(rounds.map(() => [BURST, BURST, 0]));
});
