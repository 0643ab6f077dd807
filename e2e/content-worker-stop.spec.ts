/**
 * Every card on screen gets its strip although the service worker stops while the listing is being marked
 * (issue 14, finding 3): the worker is stopped at many points after the page starts loading, then the page is
 * scrolled through, and at each stop on the way every card in the viewport must hold a built strip, not the empty
 * placeholder the far cards wait in.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { waitForMarks } from './content-support';
import { stopServiceWorkers } from './store-helpers';

/** At once, then once at random within each later slice of the load, so runs together cover 0-500 ms. */
const STOP_AFTER_MS = [0, ...[[0, 100], [100, 250], [250, 500]].map(([from, to]) => Math.floor(from! + Math.random() * (to! - from!)))];
const CARDS = 100;

/** Titles of the cards in the viewport whose strip is missing or still an empty placeholder. */
async function unmarkedOnScreen(page: Page): Promise<string[]> {
  return page.$$eval('article', (cards) => cards
    .filter((card) => {
      const rect = card.getBoundingClientRect();
      return rect.bottom > 0 && rect.top < window.innerHeight;
    })
    .filter((card) => {
      const host = card.querySelector('paper-lens-marks');
      return !host?.shadowRoot?.querySelector('[data-paper-lens-action="star"]');
    })
    .map((card) => (card.querySelector('h3')?.textContent ?? '').trim().slice(0, 40)));
}

test('cards on screen all get their strips when the worker stops while the listing is marked', async ({ context, site }, testInfo) => {
  const lines: string[] = [];
  test.setTimeout(60_000 + STOP_AFTER_MS.length * 30_000);
  const page = await context.newPage();
  for (const [visit, stopAfter] of STOP_AFTER_MS.entries()) {
    const { papers } = generateSyntheticSet({ seed: 300 + visit, count: CARDS });
    const path = `/papers/date/2024-01-${String(visit + 1).padStart(2, '0')}`;
    site.setPage(path, { papers, layout: 'payload' });
    const loading = page.goto(`https://huggingface.co${path}`);
    await page.waitForTimeout(stopAfter);
    await stopServiceWorkers(page);
    await loading;
    // The site's own re-renders (hydration, a sidebar) touch paper links outside the cards for a while: each makes
    // the content script look at the same list again while it may still wait for the restarting worker.
    await page.evaluate(() => {
      let left = 40;
      const tick = (): void => {
        const link = document.createElement('a');
        link.href = '/papers/2401.00001';
        link.textContent = 'elsewhere';
        document.body.append(link);
        setTimeout(() => link.remove(), 20);
        if (--left > 0) setTimeout(tick, 50);
      };
      tick();
    });
    await waitForMarks(page, -1, 30_000);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < height; y += 700) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      // Strips are built as cards come near, a moment after the scroll: waited for, never timed.
      await expect.poll(() => unmarkedOnScreen(page), { message: `visit ${visit + 1} (stopped at ${stopAfter} ms), scrolled to ${y}` }).toEqual([]);
    }
    lines.push(`visit ${visit + 1}: worker stopped ${stopAfter} ms into the load; every card on screen had its strip down to ${height} px`);
  }
  await testInfo.attach('visits', { body: lines.join('\n'), contentType: 'text/plain' });
});
