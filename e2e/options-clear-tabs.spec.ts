/**
 * "Clear all data" and restore with listing tabs open: the tabs keep their marks on screen but write nothing back
 * (a clear stays a clear), the reader's own star in a tab still counts, and a restore reports what the backup
 * brought, with the tab's cards saying what they said before.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { waitForMarks, waitForSettled } from './content-support';
import { sendFrom } from './popup-helpers';

const DAY_A = '/papers/date/2024-03-11';
const DAY_B = '/papers/date/2024-03-12';

async function storeSize(page: Page): Promise<{ papers: number; sightings: number }> {
  const [papers, sightings] = await Promise.all([
    sendFrom(page, 'backup/read', { table: 'papers', offset: 0, limit: 1 }),
    sendFrom(page, 'backup/read', { table: 'sightings', offset: 0, limit: 1 }),
  ]);
  return { papers: papers.total, sightings: sightings.total };
}

/** Every card's marks and strip as the reader sees them: the marks, the strip's words and its height. */
async function stripsOnScreen(page: Page): Promise<string[]> {
  return page.$$eval('article', (cards) => cards.map((card) => {
    const host = card.querySelector('paper-lens-marks');
    const strip = host?.shadowRoot?.querySelector('.strip');
    const box = host?.getBoundingClientRect();
    return `${card.getAttribute('data-paper-lens')} | ${strip?.textContent ?? ''} | ${box ? Math.round(box.height) : 'none'}`;
  }));
}

async function clearAll(options: Page): Promise<void> {
  await options.getByRole('button', { name: 'Clear all data…' }).click();
  await options.getByRole('dialog', { name: 'Clear all Paper Lens data?' }).getByRole('button', { name: 'Delete everything' }).click();
  await expect(options.getByText(/^Cleared /)).toBeVisible();
}

test('a clear with two listing tabs open leaves the store empty; the tabs keep their marks', async ({ context, site, openOptions }) => {
  const first = generateSyntheticSet({ seed: 61, count: 30, startDate: '2024-03-11' }).papers;
  const second = generateSyntheticSet({ seed: 62, count: 20, startDate: '2024-03-12' }).papers;
  site.setPage(DAY_A, { papers: first, layout: 'payload' });
  site.setPage(DAY_B, { papers: second, layout: 'payload' });
  const tabs: Page[] = [];
  for (const path of [DAY_A, DAY_B]) {
    const tab = await context.newPage();
    await tab.goto(`https://huggingface.co${path}`);
    await waitForMarks(tab);
    tabs.push(tab);
  }
  const [tabA, tabB] = tabs as [Page, Page];
  await tabB.locator('article').nth(1).locator('[data-paper-lens-action="star"]').click();
  const options = await openOptions();
  await expect.poll(() => storeSize(options)).toMatchObject({ papers: 50 });
  // The marks settle from the star: it is stored, and each tab's For you and reader-related answers (which may
  // or may not have counted the star, as the worker happened to order them) are in.
  await expect.poll(async () => (await sendFrom(options, 'history/list', { view: 'starred', offset: 0, limit: 10 })).rows.map((row) => row.paper.id)).toEqual([second[1]!.id]);
  for (const tab of tabs) await waitForSettled(tab);
  const marksOf = (tab: Page): Promise<string[]> => tab.$$eval('article', (cards) => cards.map((card) => card.getAttribute('data-paper-lens') ?? ''));
  const marksBefore = await Promise.all(tabs.map(marksOf));
  expect(marksBefore[1]![1]).toContain('starred');

  await clearAll(options);
  await expect(options.getByText('Cleared 50 papers', { exact: false })).toBeVisible();
  // A few seconds for any tab to write back what it shows (it used to list its page again at once).
  await options.waitForTimeout(3000);
  expect(await storeSize(options)).toEqual({ papers: 0, sightings: 0 });
  // The tabs look as they did; scrolling (seen tracking) writes nothing either.
  for (const tab of tabs) await tab.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await options.waitForTimeout(1500);
  expect(await storeSize(options)).toEqual({ papers: 0, sightings: 0 });
  expect(await Promise.all(tabs.map(marksOf))).toEqual(marksBefore);

  // The reader's own act on a card is written.
  await tabA.bringToFront();
  await tabA.locator('article').nth(4).locator('[data-paper-lens-action="star"]').click();
  await expect.poll(() => storeSize(options)).toMatchObject({ papers: 1 });
  const starred = await sendFrom(options, 'history/list', { view: 'starred', offset: 0, limit: 10 });
  expect(starred.rows.map((row) => row.paper.id)).toEqual([first[4]!.id]);

  // A page loaded again lists itself again.
  await tabB.reload();
  await waitForMarks(tabB);
  await expect.poll(() => storeSize(options)).toMatchObject({ papers: 21 });
});

test('a restore with a tab open counts what the backup brought, and the tab\'s cards keep their words', async ({ context, site, openOptions }, testInfo) => {
  const earlier = generateSyntheticSet({ seed: 63, count: 20, startDate: '2024-03-10' }).papers;
  const today = generateSyntheticSet({ seed: 64, count: 30, startDate: '2024-03-11' }).papers;
  site.setPage('/papers/date/2024-03-10', { papers: earlier, layout: 'payload' });
  site.setPage(DAY_A, { papers: [...today.slice(0, 25), ...earlier.slice(0, 5)], layout: 'payload' });
  const tab = await context.newPage();
  await tab.goto('https://huggingface.co/papers/date/2024-03-10');
  await waitForMarks(tab);
  await tab.goto(`https://huggingface.co${DAY_A}`);
  await waitForMarks(tab);
  const options = await openOptions();
  await expect.poll(() => storeSize(options)).toMatchObject({ papers: 45 });
  // Cards settle (seen tracking of the cards on screen) before the backup is taken.
  await tab.bringToFront();
  await tab.waitForTimeout(2500);
  const shown = await stripsOnScreen(tab);
  expect(shown.join('\n')).toContain('New');

  await options.bringToFront();
  await options.reload();
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Download backup' }).click()]);
  const backupPath = testInfo.outputPath('backup.json');
  await download.saveAs(backupPath);
  const size = await storeSize(options);
  await clearAll(options);
  await options.waitForTimeout(1500);
  expect(await storeSize(options)).toEqual({ papers: 0, sightings: 0 });

  await options.locator('[data-testid="backup-file"]').setInputFiles(backupPath);
  await expect(options.locator('[data-result="ok"]')).toHaveText(new RegExp(`^Backup imported: ${size.papers} new papers, 0 updated, 0 already up to date, ${size.sightings} sightings added\\.$`), { timeout: 30_000 });
  await options.waitForTimeout(1500);
  expect(await storeSize(options)).toEqual(size);
  expect(await stripsOnScreen(tab)).toEqual(shown);
});
