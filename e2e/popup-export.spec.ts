/**
 * Export from the popup: starred papers in every format to a downloaded file that an independent parser
 * reads back (citation-js for BibTeX/BibLaTeX/RIS, JSON.parse, papaparse), the same text to the clipboard,
 * and the filtered list instead of the starred papers.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { sendFrom } from './popup-helpers';

const require = createRequire(import.meta.url);
// citation-js ships CommonJS that Node's ESM loader cannot read (JSON imports without assertions).
const { Cite } = require('@citation-js/core') as { Cite: new (input: string, options?: { forceType?: string }) => { data: Array<{ title?: string; URL?: string; id?: string }> } };
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');

const FORMATS = [
  { id: 'bibtex', label: 'BibTeX', extension: 'bib' },
  { id: 'biblatex', label: 'BibLaTeX', extension: 'bib' },
  { id: 'ris', label: 'RIS', extension: 'ris' },
  { id: 'csl-json', label: 'CSL-JSON', extension: 'csl.json' },
  { id: 'csv', label: 'CSV', extension: 'csv' },
  { id: 'markdown', label: 'Markdown', extension: 'md' },
  { id: 'json', label: 'JSON', extension: 'json' },
] as const;
type FormatId = (typeof FORMATS)[number]['id'];

const normalise = (text: string): string => text.replace(/[{}\\]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Titles an independent parser finds in an exported file. */
function titlesIn(format: FormatId, text: string): string[] {
  switch (format) {
    case 'bibtex':
    case 'biblatex':
      return new Cite(text, { forceType: '@biblatex/text' }).data.map((item) => item.title ?? '');
    case 'ris':
      return new Cite(text, { forceType: '@ris/file' }).data.map((item) => item.title ?? '');
    case 'csl-json':
      return (JSON.parse(text) as Array<{ title: string }>).map((item) => item.title);
    case 'csv': {
      const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      const titleColumn = Object.keys(parsed.data[0] ?? {}).find((key) => key.toLowerCase() === 'title');
      expect(titleColumn).toBeDefined();
      return parsed.data.map((row) => row[titleColumn!] ?? '');
    }
    case 'json': {
      const parsed = JSON.parse(text) as unknown;
      const list = (Array.isArray(parsed) ? parsed : (parsed as { papers?: unknown[] }).papers) as Array<{ title: string }>;
      return list.map((item) => item.title);
    }
    case 'markdown':
      // A numbered reading list: one "1. **[Title](<url>)**" item per paper, titles backslash-escaped.
      return text.split('\n').flatMap((line) => {
        const match = /^\d+\.\s+\*\*\[(.*)\]\(<[^>]*>\)\*\*/.exec(line);
        return match ? [match[1]!.replace(/\\(.)/g, '$1')] : [];
      });
  }
}

async function seed(popup: Page): Promise<{ starred: string[]; titles: Map<string, string> }> {
  const { papers } = generateSyntheticSet({ seed: 23, count: 16 });
  const page = { kind: 'day' as const, key: 'day:2024-03-11', url: 'https://huggingface.co/papers/date/2024-03-11', period: '2024-03-11' };
  await sendFrom(popup, 'page/listed', { page, papers });
  const starred = [papers[1]!, papers[4]!, papers[6]!, papers[11]!];
  for (const paper of starred) await sendFrom(popup, 'paper/set-starred', { id: paper.id, starred: true });
  return { starred: starred.map((paper) => paper.id), titles: new Map(papers.map((paper) => [paper.id, paper.title])) };
}

test('exports the starred papers in every format to a file that parses back, and to the clipboard', async ({ openPopup, context, extensionId, consoleErrors }) => {
  const popup = await openPopup();
  await popup.setViewportSize({ width: 440, height: 600 });
  const { starred, titles } = await seed(popup);
  const errors = consoleErrors(popup);
  await popup.reload();
  await expect(popup.locator('[data-paper-lens-row]')).toHaveCount(16);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await popup.getByRole('button', { name: 'Export' }).click();
  const sheet = popup.getByRole('dialog', { name: 'Export' });
  await expect(sheet).toBeVisible();
  await sheet.getByRole('radio', { name: /Starred \(4\)/ }).check();
  await expect(sheet.getByText('4 papers ready')).toBeVisible();
  const expectedTitles = starred.map((id) => normalise(titles.get(id)!)).sort();

  for (const format of FORMATS) {
    await sheet.getByRole('radio', { name: new RegExp(`^${format.label.replace('-', '\\-')}\\b`) }).check();
    const [download] = await Promise.all([popup.waitForEvent('download'), sheet.getByRole('button', { name: `Download .${format.extension}` }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format.extension}$`));
    const text = await readFile((await download.path())!, 'utf8');
    await expect(sheet.getByRole('status')).toContainText(`Saved 4 papers to ${download.suggestedFilename()}`);
    expect(titlesIn(format.id, text).map(normalise).sort(), `${format.label} titles`).toEqual(expectedTitles);
    if (format.id === 'markdown') for (const id of starred) expect(text).toContain(`https://huggingface.co/papers/${id}`);

    await sheet.getByRole('button', { name: 'Copy' }).click();
    await expect(sheet.getByRole('status')).toContainText(`Copied 4 papers as ${format.label} to the clipboard.`);
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    // Same text as the file, but for the JSON export's own timestamp.
    const withoutTime = (value: string): string => value.replace(/"exportedAt": "[^"]*"/, '"exportedAt": ""');
    expect(withoutTime(copied), `${format.label} clipboard`).toBe(withoutTime(text));
  }
  await sheet.getByRole('button', { name: 'Close export' }).click();
  await expect(sheet).toBeHidden();
  expect(errors).toEqual([]);
});

test('exports the current filtered list instead of the starred papers', async ({ openPopup }) => {
  const popup = await openPopup();
  await popup.setViewportSize({ width: 440, height: 600 });
  const { titles } = await seed(popup);
  await popup.reload();
  const [someId, someTitle] = [...titles.entries()][9]!;
  const word = someTitle.split(/\s+/).sort((a, b) => b.length - a.length)[0]!.replace(/[^\p{L}\p{N}-]/gu, '');
  await popup.getByRole('searchbox', { name: 'Search papers' }).fill(word);
  const rows = popup.locator('[data-paper-lens-row]');
  await expect(popup.locator(`[data-paper-lens-row][data-id="${someId}"]`)).toBeVisible();
  await expect.poll(async () => rows.count()).toBeLessThan(16);
  const shown = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')));

  await popup.getByRole('button', { name: 'Export' }).click();
  const sheet = popup.getByRole('dialog', { name: 'Export' });
  // With a search, the list on screen is the default choice.
  await expect(sheet.getByRole('radio', { name: new RegExp(`History matching “${word}”`) })).toBeChecked();
  await sheet.getByRole('radio', { name: /^CSL-JSON/ }).check();
  const [download] = await Promise.all([popup.waitForEvent('download'), sheet.getByRole('button', { name: 'Download .csl.json' }).click()]);
  const items = JSON.parse(await readFile((await download.path())!, 'utf8')) as Array<{ title: string }>;
  expect(items.map((item) => normalise(item.title)).sort()).toEqual(shown.map((id) => normalise(titles.get(id!)!)).sort());
});
