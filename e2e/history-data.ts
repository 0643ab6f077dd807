/** A reading history for the card tests: two days of listings with repeats, a retitled copy and a paper close to a starred one. */
import type { Page } from '@playwright/test';
import type { Paper } from '../src/core/types';
import { generateSyntheticSet } from './fixtures/synthetic';
import { relatedToReference } from '../src/core/related';
import { DEFAULT_SETTINGS } from '../src/core/settings';

/**
 * Day 1 lists a paper the reader will star and a paper that comes back retitled; day 2 lists three day-1 papers
 * again, the retitled copy, and a paper close to the starred one (a planted related pair the store's own
 * scoring links at the default threshold, checked here so the test does not hinge on one seed).
 */
export function history() {
  for (let seed = 12; seed < 60; seed++) {
    const { papers, pairs } = generateSyntheticSet({ seed, count: 48, plant: true });
    const byId = new Map(papers.map((paper) => [paper.id, paper]));
    const retitled = pairs.find((pair) => pair.label === 'same-title')!;
    for (const related of pairs.filter((pair) => pair.label === 'related')) {
      const later = new Set([related.b, retitled.b]);
      const taken = new Set([...later, related.a, retitled.a]);
      const earlier: Paper[] = papers.filter((paper) => !taken.has(paper.id)).slice(0, 14);
      const day1: Paper[] = [...earlier, byId.get(related.a)!, byId.get(retitled.a)!];
      const fresh = papers.filter((paper) => !taken.has(paper.id) && !earlier.includes(paper)).slice(0, 5);
      const repeated = earlier.slice(0, 3);
      const day2: Paper[] = [...fresh.slice(0, 2), ...repeated, byId.get(related.b)!, byId.get(retitled.b)!, ...fresh.slice(2)];
      const links = relatedToReference(day2, [byId.get(related.a)!], { threshold: DEFAULT_SETTINGS.relatedThreshold, max: 3 });
      if ((links[day2.indexOf(byId.get(related.b)!)] ?? []).length === 0) continue;
      return { day1, day2, repeated, reference: byId.get(related.a)!, close: byId.get(related.b)!, known: byId.get(retitled.a)!, copy: byId.get(retitled.b)! };
    }
  }
  throw new Error('no planted related pair scores above the default threshold');
}

/** Scrolls through the list so every card is on screen long enough to count as seen. */
export async function readThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(700);
}

