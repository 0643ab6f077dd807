/**
 * Sync between two Chromium profiles through the real chrome.storage.sync API. The test delivers between them
 * (tests/sync-helpers.ts): a star on A shows on B's open listing tab; concurrent edits on both, delivered both
 * ways, converge to the same marks; B's own seen history is untouched; and the scenario Firefox runs too
 * (scenarios/sync-two-browsers.ts: tags and notes, compaction, the quota error). The time from the delivery to
 * the mark on B's tab is printed, not asserted (bench: sync_remote_to_tab_ms).
 */
import { test as base, expect } from '@playwright/test';
import { launchExtension } from './launch';
import { generateSyntheticSet } from './fixtures/synthetic';
import { cardMarks, request } from './store-helpers';
import { deliver, marksOf, setSync, syncedEntries, syncProfile, type SyncProfile } from './sync-helpers';
import { chromiumBrowser } from './scenarios/playwright-driver';
import { syncBetweenTwoBrowsers } from './scenarios/sync-two-browsers';

const test = base.extend<{ a: SyncProfile; b: SyncProfile }>({
  // eslint-disable-next-line no-empty-pattern
  a: async ({}, use) => {
    const launched = await launchExtension();
    await use(await syncProfile(launched));
    await launched.close();
  },
  // eslint-disable-next-line no-empty-pattern
  b: async ({}, use) => {
    const launched = await launchExtension();
    await use(await syncProfile(launched));
    await launched.close();
  },
});

const PATH = '/papers/date/2024-03-11';
const papers = generateSyntheticSet({ seed: 17, count: 8 }).papers;
const ids = papers.map((paper) => paper.id);

async function openListing(profile: SyncProfile) {
  profile.launched.site.setPage(PATH, { papers, layout: 'payload' });
  const tab = await profile.launched.context.newPage();
  await tab.goto(`https://huggingface.co${PATH}`);
  await tab.waitForSelector('html[data-paper-lens-ready]');
  await expect.poll(async () => (await cardMarks(tab)).size).toBe(papers.length);
  return tab;
}

async function click(tab: Awaited<ReturnType<typeof openListing>>, id: string, action: 'star' | 'read'): Promise<void> {
  await tab.locator(`article[data-paper-lens-id="${id}"] [data-paper-lens-action="${action}"]`).click();
}

async function storeDump(profile: SyncProfile): Promise<unknown> {
  const sightings = await request<{ sightings: unknown[] }>(profile.ext, { type: 'backup/read', table: 'sightings', offset: 0, limit: 1000 });
  const stored = await request<{ papers: Array<Record<string, unknown>> }>(profile.ext, { type: 'backup/read', table: 'papers', offset: 0, limit: 1000 });
  const seen = stored.papers.map((paper) => [paper.id, paper.firstListedAt, paper.lastListedAt, paper.listedCount, paper.firstSeenAt, paper.lastSeenAt, paper.seenCount, paper.pageKinds]);
  // As JSON, so a field a paper lacks (no firstSeenAt for a card never on screen) reads the same here and in settledDump.
  return JSON.parse(JSON.stringify({ sightings: sightings.sightings, seen })) as unknown;
}

/** The dump once the tab's own "seen" marks (a card on screen for a second) have been recorded. */
async function settledDump(profile: SyncProfile): Promise<unknown> {
  let previous = JSON.stringify(await storeDump(profile));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const next = JSON.stringify(await storeDump(profile));
    if (next === previous) return JSON.parse(next);
    previous = next;
  }
}

test('a star on A shows on B\'s open listing tab, and B\'s seen history is untouched', async ({ a, b }) => {
  const tabA = await openListing(a);
  const tabB = await openListing(b);
  await setSync(a, true);
  await setSync(b, true);
  const before = await settledDump(b);

  await click(tabA, ids[2]!, 'star');
  await expect.poll(async () => (await syncedEntries(a)).get(ids[2]!)?.starredAt, { timeout: 15_000 }).toBeDefined();
  await deliver(a, b);
  await expect.poll(async () => (await cardMarks(tabB)).get(ids[2]!) ?? '', { intervals: [50] }).toContain('starred');
  expect(await storeDump(b)).toEqual(before);
});

test('concurrent edits on both profiles, delivered both ways, converge to the same marks on both', async ({ a, b }) => {
  const tabA = await openListing(a);
  const tabB = await openListing(b);
  await setSync(a, true);
  await setSync(b, true);
  // A shared start: paper 0 starred on A and delivered.
  await click(tabA, ids[0]!, 'star');
  await expect.poll(async () => (await syncedEntries(a)).has(ids[0]!), { timeout: 15_000 }).toBe(true);
  await deliver(a, b);
  await expect.poll(async () => (await cardMarks(tabB)).get(ids[0]!) ?? '').toContain('starred');

  // Offline from each other: A stars 1 and reads 2; B un-stars 0, stars 3 and reads 1.
  await click(tabA, ids[1]!, 'star');
  await click(tabA, ids[2]!, 'read');
  await click(tabB, ids[0]!, 'star');
  await click(tabB, ids[3]!, 'star');
  await click(tabB, ids[1]!, 'read');
  await expect.poll(async () => { const synced = await syncedEntries(a); return synced.has(ids[1]!) && synced.has(ids[2]!); }, { timeout: 15_000 }).toBe(true);
  await expect.poll(async () => { const synced = await syncedEntries(b); return synced.has(ids[3]!) && synced.get(ids[0]!)?.starredAt === undefined; }, { timeout: 15_000 }).toBe(true);

  // The service carries B's copy to A (overwriting A's items there); A merges and writes the union; it goes back to B.
  await deliver(b, a);
  await expect.poll(async () => { const synced = await syncedEntries(a); return [ids[1], ids[2], ids[3]].every((id) => synced.has(id!)); }, { timeout: 15_000 }).toBe(true);
  await deliver(a, b);

  const expected = [
    `${ids[0]}:-/-`, `${ids[1]}:starred/read`, `${ids[2]}:-/read`, `${ids[3]}:starred/-`,
  ];
  await expect.poll(() => marksOf(a, ids.slice(0, 4)), { timeout: 15_000 }).toEqual(expected);
  await expect.poll(() => marksOf(b, ids.slice(0, 4)), { timeout: 15_000 }).toEqual(expected);
  // And the open tabs show it.
  for (const tab of [tabA, tabB]) {
    await expect.poll(async () => {
      const marks = await cardMarks(tab);
      return [0, 1, 2, 3].map((i) => `${marks.get(ids[i]!)?.includes('starred') ? 'starred' : '-'}/${marks.get(ids[i]!)?.includes('read') ? 'read' : '-'}`);
    }).toEqual(['-/-', 'starred/read', '-/read', 'starred/-']);
  }
});

test('the shared two-browser sync scenario (Firefox runs it too): tags and notes, convergence, compaction, the quota error', async ({ a, b }) => {
  test.setTimeout(180_000);
  const [browserA, browserB] = [chromiumBrowser(a.launched), chromiumBrowser(b.launched)];
  const notes: string[] = [];
  await syncBetweenTwoBrowsers.run(browserA, browserB, (line) => notes.push(line));
  console.log(notes.join('\n'));
  expect([...browserA.consoleErrors(), ...browserB.consoleErrors()]).toEqual([]);
});
