/**
 * Reading state across page visits: papers another day's page listed earlier are marked seen before, on the
 * cards and in the store; replaying the captured dated pages marks exactly the papers an earlier page listed.
 */
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { loadSeedPages } from './fixtures/shared-data';
import { cardMarks, extensionPage, seedPapers, statesOf } from './store-helpers';

test('a later day marks the papers an earlier day listed as seen before', async ({ context, site, extensionId }) => {
  const { papers } = generateSyntheticSet({ seed: 5, count: 16 });
  const first = papers.slice(0, 10);
  const second = [...papers.slice(6, 10), ...papers.slice(10, 16)];
  site.setPage('/papers/date/2024-03-11', { papers: first, layout: 'payload' });
  site.setPage('/papers/date/2024-03-12', { papers: second, layout: 'payload' });
  const tab = await context.newPage();
  await tab.goto('https://huggingface.co/papers/date/2024-03-11');
  await tab.waitForSelector('html[data-paper-lens-ready]');
  await expect.poll(async () => (await cardMarks(tab)).size).toBe(10);
  expect([...(await cardMarks(tab)).values()].filter((marks) => marks.includes('seen-before'))).toEqual([]);

  await tab.goto('https://huggingface.co/papers/date/2024-03-12');
  await tab.waitForSelector('html[data-paper-lens-ready]');
  const repeated = papers.slice(6, 10).map((paper) => paper.id).sort();
  await expect.poll(async () => [...(await cardMarks(tab))].filter(([, marks]) => marks.includes('seen-before')).map(([id]) => id).sort()).toEqual(repeated);

  const ext = await extensionPage(context, extensionId);
  const states = await statesOf(ext, second.map((paper) => paper.id));
  expect(states.filter((state) => state.seenBefore).map((state) => state.id).sort()).toEqual(repeated);
  expect(states.find((state) => state.id === repeated[0])?.earlierListings.map((listing) => listing.pageKey)).toEqual(['day:2024-03-11']);
});

const seedPages = loadSeedPages();

test('replaying Mar 11, Mar 14 and Mar 17 marks exactly the papers an earlier page listed', async ({ context, site, extensionId }) => {
  test.skip(!seedPages, 'needs ../shared/data/seed-pages.json beside the repository');
  const dated = ['Mar 11', 'Mar 14', 'Mar 17'].map((label) => {
    const page = seedPages!.find((candidate) => candidate.dateLabel === label);
    if (!page) throw new Error(`seed-pages.json has no page dated ${label}`);
    return { label, papers: seedPapers(page.papers) };
  });
  const ext = await extensionPage(context, extensionId);
  const tab = await context.newPage();
  const listedBefore = new Set<string>();
  for (const [i, { papers }] of dated.entries()) {
    const path = `/papers/date/2024-03-${['11', '14', '17'][i]}`;
    site.setPage(path, { papers, layout: 'abstract-cards' });
    await tab.goto(`https://huggingface.co${path}`);
    await tab.waitForSelector('html[data-paper-lens-ready]');
    const ids = [...new Set(papers.map((paper) => paper.id))];
    await expect.poll(async () => (await cardMarks(tab)).size).toBe(ids.length);
    const expected = ids.filter((id) => listedBefore.has(id)).sort();
    if (i > 0) expect(expected.length).toBeGreaterThan(0);
    const states = await statesOf(ext, ids);
    expect(states.filter((state) => state.seenBefore).map((state) => state.id).sort(), `store, page ${i + 1}`).toEqual(expected);
    const marks = await cardMarks(tab);
    expect(ids.filter((id) => marks.get(id)?.includes('seen-before')).sort(), `cards, page ${i + 1}`).toEqual(expected);
    for (const id of ids) listedBefore.add(id);
  }
});
