/**
 * End-to-end scenarios that run unchanged in Chromium and in Firefox on routed pages of the site: the listing is
 * marked, a star survives a reload and shows in the popup, the popup exports BibTeX that parses back, the
 * options page saves a backup that holds the star, and the marks follow a client-side navigation. Checks use node:assert, which both runners report.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/types';
import { parseBackup } from '../../src/core/backup';
import { DAY_PATH, dayPapers } from '../fixtures/day-papers';
import { generateSyntheticSet } from '../fixtures/synthetic';
import { ALL_CARDS_MARKED, type CardMarks } from '../content-support';
import { waitUntil, type ExtensionBrowser, type Tab } from './driver';
import { cardMarksScript, deepText, READY_GENERATION, stripAttribute } from './page-scripts';

const require = createRequire(import.meta.url);
// citation-js ships CommonJS that Node's ESM loader cannot read (JSON imports without assertions).
const { Cite } = require('@citation-js/core') as { Cite: new (input: string, options?: { forceType?: string }) => { data: Array<{ title?: string }> } };
require('@citation-js/plugin-bibtex');

export interface Scenario {
  name: string;
  run(browser: ExtensionBrowser): Promise<void>;
}

const normaliseTitle = (text: string): string => text.replace(/[{}\\]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
const idOf = (paper: Paper): string => paper.id.replace(/v\d+$/, '');

async function openMarkedDay(browser: ExtensionBrowser, papers: Paper[]): Promise<Tab> {
  browser.site.setPage(DAY_PATH, { papers, layout: 'payload' });
  const tab = await browser.newTab();
  await tab.goto(`https://huggingface.co${DAY_PATH}`);
  await waitUntil(tab, `${READY_GENERATION} >= 0`, 'the marks on the listing');
  return tab;
}

async function starCard(tab: Tab, card: number): Promise<void> {
  await waitUntil(tab, `${stripAttribute(card, '[data-paper-lens-action="star"]', 'aria-pressed')} !== null`, `card ${card}'s star button`);
  await tab.click(`article:nth-of-type(${card + 1}) paper-lens-marks >>> [data-paper-lens-action="star"]`);
  await waitUntil(tab, `${stripAttribute(card, '[data-paper-lens-action="star"]', 'aria-pressed')} === 'true'`, `card ${card} starred`);
}

export const listingIsMarked: Scenario = {
  name: 'a listing page is marked: ids, one strip per card, duplicates, related, the summary',
  async run(browser) {
    const papers = dayPapers();
    const tab = await openMarkedDay(browser, papers);
    const cards = await tab.evaluate<CardMarks[]>(cardMarksScript());
    assert.deepEqual(cards.map((card) => card.id), papers.map(idOf));
    assert.deepEqual(cards.map((card) => card.strips), papers.map(() => 1));
    assert.ok(cards.every((card) => card.marks.includes('new')), 'every card is new on a first visit');
    assert.equal(cards[10]?.duplicateOf, papers[0]?.id, 'the re-listing is a duplicate of the first card');
    assert.ok(cards[10]?.marks.includes('duplicate'));
    assert.equal(cards.at(-1)?.duplicateOf, papers[2]?.id, 'the retitled copy is a duplicate of the third card');
    assert.ok(cards.some((card) => card.related.length > 0), 'some card has related papers');
    for (const card of cards) for (const id of card.related) assert.ok(cards.some((other) => other.id === id), `related ${id} is on the page`);
    await waitUntil(tab, `${deepText('paper-lens-summary')}.includes('2 duplicates')`, 'the summary bar');
    const summary = await tab.evaluate<string>(deepText('paper-lens-summary'));
    assert.match(summary, new RegExp(`${papers.length} papers`));
    assert.match(summary, new RegExp(`${papers.length} new`));
  },
};

export const starPersistsAndShowsInPopup: Scenario = {
  name: 'a star persists across a reload, and the popup shows the starred paper',
  async run(browser) {
    const papers = dayPapers();
    const tab = await openMarkedDay(browser, papers);
    await starCard(tab, 1);
    await tab.reload();
    await waitUntil(tab, `${READY_GENERATION} >= 0`, 'the marks after the reload');
    await waitUntil(tab, `${stripAttribute(1, '[data-paper-lens-action="star"]', 'aria-pressed')} === 'true'`, 'the star after the reload');
    const cards = await tab.evaluate<CardMarks[]>(cardMarksScript());
    assert.ok(cards[1]?.marks.includes('starred'), `card 1 marks after reload: ${cards[1]?.marks.join(' ')}`);
    assert.ok(cards.filter((card) => card.marks.includes('starred')).length === 1, 'only the starred card is starred');

    const popup = await browser.extensionTab('popup.html');
    const starredId = papers[1]!.id;
    await popup.click('#tab-starred');
    await waitUntil(popup, `document.querySelectorAll('[data-paper-lens-row]').length === 1 && !!document.querySelector('[data-paper-lens-row][data-id="${starredId}"] [data-action="star"][aria-pressed="true"]')`, 'the starred paper in the popup');
    const title = await popup.evaluate<string>(`document.querySelector('[data-paper-lens-row][data-id="${starredId}"]').textContent`);
    assert.ok(title.includes(papers[1]!.title), 'the popup row shows the title');
  },
};

export const popupExportsBibtex: Scenario = {
  name: 'the popup exports the starred papers as BibTeX that citation-js reads back',
  async run(browser) {
    const papers = dayPapers();
    const tab = await openMarkedDay(browser, papers);
    const starred = [0, 3, 5];
    for (const card of starred) await starCard(tab, card);

    const popup = await browser.extensionTab('popup.html');
    // The stars are stored by their own requests; the rest of the listing may still be on its way to the store.
    await waitUntil(popup, `document.querySelector('#tab-starred .tab-badge')?.textContent === '3'`, 'the popup counting 3 starred papers');
    await popup.click('.footbar .button-primary');
    await waitUntil(popup, `!!document.querySelector('dialog.sheet[open]')`, 'the export sheet');
    await popup.click('input[name="export-scope"][value="starred"]');
    await popup.click('input[name="export-format"][value="bibtex"]');
    await waitUntil(popup, `/\\b3 papers ready/.test(document.querySelector('dialog.sheet .sheet-summary')?.textContent ?? '')`, '3 papers ready');
    const file = await popup.download(() => popup.click('dialog.sheet .sheet-actions .button-primary'));
    assert.match(file.fileName, /\.bib$/);
    const titles = new Cite(file.text, { forceType: '@biblatex/text' }).data.map((item) => normaliseTitle(item.title ?? ''));
    assert.deepEqual(titles.sort(), starred.map((card) => normaliseTitle(papers[card]!.title)).sort());
    await waitUntil(popup, `(document.querySelector('dialog.sheet [role="status"]')?.textContent ?? '').includes(${JSON.stringify(`Saved 3 papers to ${file.fileName}`)})`, 'the saved status');
  },
};

export const optionsSavesBackup: Scenario = {
  name: 'the options page saves a backup that holds the star',
  async run(browser) {
    const papers = dayPapers();
    const tab = await openMarkedDay(browser, papers);
    await starCard(tab, 4);
    // The card shows a star at once; the popup's count says the store has it.
    const popup = await browser.extensionTab('popup.html');
    await waitUntil(popup, `document.querySelector('#tab-starred .tab-badge')?.textContent === '1'`, 'the popup counting 1 starred paper');
    const options = await browser.extensionTab('options.html');
    const downloadBackup = '[aria-labelledby="backup-title"] .card-actions .button-primary';
    await waitUntil(options, `document.querySelector('${downloadBackup}')?.textContent.includes('Download backup')`, 'the Download backup button');
    const file = await options.download(() => options.click(downloadBackup));
    assert.match(file.fileName, /^paper-lens-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = parseBackup(file.text);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
    const records = parsed.backup.papers;
    // The star is stored by its own request; the rest of the listing may still be on its way to the store.
    const pageIds = new Set(papers.map(idOf));
    assert.ok(records.every((record) => pageIds.has(record.id)), 'the backup holds only papers of the page');
    assert.deepEqual(records.filter((record) => record.starredAt !== undefined).map((record) => record.id), [papers[4]!.id]);
  },
};

export const clientSideNavigation: Scenario = {
  name: 'a client-side navigation with the old payload still in the page: the marks follow the new cards',
  async run(browser) {
    const first = generateSyntheticSet({ seed: 21, count: 12, startDate: '2024-03-11' }).papers;
    const next = generateSyntheticSet({ seed: 22, count: 9, startDate: '2024-03-12' }).papers;
    browser.site.setPage('/papers/date/2024-03-11', { papers: first, layout: 'payload', spa: true });
    browser.site.setPage('/papers/date/2024-03-12', { papers: next, layout: 'payload', spa: true });
    const tab = await browser.newTab();
    await tab.goto('https://huggingface.co/papers/date/2024-03-11');
    await waitUntil(tab, `${READY_GENERATION} >= 0`, 'the first day marked');
    const generation = await tab.evaluate<number>(READY_GENERATION);
    assert.deepEqual((await tab.evaluate<CardMarks[]>(cardMarksScript())).map((card) => card.id), first.map(idOf));

    await tab.click('[data-fixture-nav] a[href="/papers/date/2024-03-12"]');
    await waitUntil(tab, `location.pathname === '/papers/date/2024-03-12' && ${READY_GENERATION} > ${generation} && ${ALL_CARDS_MARKED}`, 'the next day marked after the client-side navigation');
    const cards = await tab.evaluate<CardMarks[]>(cardMarksScript());
    assert.deepEqual(cards.map((card) => card.id), next.map(idOf));
    assert.ok(cards.every((card) => card.strips === 1), 'one strip per card');
    assert.equal(await tab.evaluate<number>(`document.querySelectorAll('paper-lens-summary').length`), 1);
    await waitUntil(tab, `${deepText('paper-lens-summary')}.includes(${JSON.stringify(`${next.length} papers`)})`, 'the summary of the next day');
  },
};

export const CROSS_BROWSER_SCENARIOS: Scenario[] = [listingIsMarked, starPersistsAndShowsInPopup, popupExportsBibtex, optionsSavesBackup, clientSideNavigation];
