/**
 * Helpers for the content-script specs: waiting for the marks (html[data-paper-lens-ready] carries the
 * analysis generation), and reading what the cards show.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cardMarksScript } from './scenarios/page-scripts';

export async function readyGeneration(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.getAttribute('data-paper-lens-ready') ?? '-1'));
}

/** Waits until the marks are complete for a generation after `after` (-1: any). */
export async function waitForMarks(page: Page, after = -1, timeout = 15_000): Promise<number> {
  await page.waitForFunction((previous) => Number(document.documentElement.getAttribute('data-paper-lens-ready') ?? '-1') > previous, after, { timeout, polling: 10 });
  return readyGeneration(page);
}

/**
 * Waits until the answers that follow the marks (For you, reader-related links) are in for the current generation:
 * from then on only the reader, the store or the page changes the marks.
 */
export async function waitForSettled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(() => {
    const ready = document.documentElement.getAttribute('data-paper-lens-ready');
    return ready !== null && document.documentElement.getAttribute('data-paper-lens-settled') === ready;
  }, undefined, { timeout, polling: 10 });
}

export interface CardMarks {
  id: string | null;
  marks: string[];
  duplicateOf: string | null;
  related: string[];
  view: string | null;
  strips: number;
  title: string;
}

/** Every <article> on the page with its Paper Lens attributes and how many strips it holds. */
export async function cardMarks(page: Page, selector = 'article'): Promise<CardMarks[]> {
  return page.evaluate(cardMarksScript(selector)) as Promise<CardMarks[]>;
}

/**
 * Runs `action` (which makes the fixture app change the list) and answers the milliseconds from that DOM change
 * (window.__fixture.changedAt) until `predicate` (page-side JavaScript) holds.
 */
export async function msUntilMarked(page: Page, action: () => Promise<unknown>, predicate: string): Promise<number> {
  await page.evaluate((source) => {
    const win = window as unknown as { __plDone?: Promise<number>; __fixture: { changedAt: number } };
    // eslint-disable-next-line no-new-func -- the predicate is test code, passed as text to run in the page
    const check = new Function(`return (${source});`) as () => boolean;
    // Mutations before the app's change (the extension finishing the previous one: strips built as cards come
    // near, links that arrive late) would otherwise end the wait with the old cards, before the change.
    const before = win.__fixture.changedAt;
    win.__plDone = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (win.__fixture.changedAt === before || !check()) return;
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
  }, predicate);
  await action();
  return page.evaluate(async () => {
    const win = window as unknown as { __plDone: Promise<number>; __fixture: { changedAt: number } };
    const doneAt = await win.__plDone;
    return doneAt - win.__fixture.changedAt;
  });
}

/** Page-side check: every <article> carries exactly one strip and the id its title link names. */
export const ALL_CARDS_MARKED = `Array.from(document.querySelectorAll('article')).every((card) => {
  const link = card.querySelector('h3 a');
  const id = link ? link.getAttribute('href').replace('/papers/', '') : null;
  const hosts = card.querySelectorAll('paper-lens-marks');
  return hosts.length === 1 && hosts[0].shadowRoot !== null && card.getAttribute('data-paper-lens-id') === id;
})`;

const screenshotDir = process.env.PAPER_LENS_SCREENSHOTS ? path.resolve(process.env.PAPER_LENS_SCREENSHOTS) : null;

/** A screenshot into the test's output folder, and into PAPER_LENS_SCREENSHOTS when that names a folder. */
export async function shoot(page: Page, name: string, outputPath: (name: string) => string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: outputPath(name), animations: 'disabled' });
  if (screenshotDir) {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, name), animations: 'disabled' });
  }
}

/** Switches the site's own theme (its `dark` class on <html>) and waits until the marks follow it. */
export async function useSiteTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((dark) => document.documentElement.classList.toggle('dark', dark), theme === 'dark');
  await page.waitForFunction((want) => document.documentElement.getAttribute('data-paper-lens-theme') === want, theme);
}
