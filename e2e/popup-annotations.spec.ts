/**
 * Tags and notes in the popup: the tag filter, the tags-and-note sheet on a starred row (autocomplete from the tags
 * used before, limits in words, saving), the note found by search, an export of the filtered list carrying them,
 * and screenshots of the tag filter in light and dark.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { sendFrom } from './popup-helpers';

const POPUP_SIZE = { width: 440, height: 600 };
const outDir = process.env.PAPER_LENS_SCREENSHOTS ? path.resolve(process.env.PAPER_LENS_SCREENSHOTS) : null;

async function shoot(page: Page, name: string, outputPath: (name: string) => string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: outputPath(name), animations: 'disabled' });
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, name), animations: 'disabled' });
  }
}

test('tags filter the list, the sheet edits tags and a note, search finds the note', async ({ openPopup, consoleErrors }, testInfo) => {
  const { papers } = generateSyntheticSet({ seed: 17, count: 12 });
  const popup = await openPopup();
  const errors = consoleErrors(popup);
  await popup.setViewportSize(POPUP_SIZE);
  const page = { kind: 'day' as const, key: 'day:2024-03-11', url: 'https://huggingface.co/papers/date/2024-03-11', period: '2024-03-11' };
  await sendFrom(popup, 'page/listed', { page, papers });
  for (const paper of papers.slice(0, 6)) await sendFrom(popup, 'paper/set-starred', { id: paper.id, starred: true });
  await sendFrom(popup, 'paper/set-annotations', { id: papers[0]!.id, tags: ['reading group', 'vision'], note: 'Check the ablation in table 4.' });
  await sendFrom(popup, 'paper/set-annotations', { id: papers[1]!.id, tags: ['reading group'] });
  await sendFrom(popup, 'paper/set-annotations', { id: papers[2]!.id, tags: ['to read'] });
  await popup.reload();

  const filter = popup.getByRole('group', { name: 'Filter by tag' });
  await expect(filter.getByRole('button')).toHaveText(['reading group2', 'to read1', 'vision1']);
  const rows = popup.locator('[data-paper-lens-row]');
  await expect(rows).toHaveCount(12);
  await filter.getByRole('button', { name: /reading group/ }).click();
  await expect(filter.getByRole('button', { name: /reading group/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(2);
  await expect(popup.locator('.footbar-count')).toHaveText('2 papers');
  await expect(rows.first().locator('.row-tags')).toContainText('reading group');
  await shoot(popup, 'popup-tag-filter-light.png', (name) => testInfo.outputPath(name));

  // Edit the second paper from its row: autocomplete offers the tags used before; a bad tag is refused in words.
  const row = rows.filter({ hasText: papers[1]!.title.slice(0, 30) });
  await row.getByRole('button', { name: 'Tags and note' }).click();
  const sheet = popup.getByRole('dialog', { name: 'Tags and note' });
  await expect(sheet).toBeVisible();
  const options = await sheet.locator('datalist option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
  expect(options).toEqual(['to read', 'vision']);
  const tagInput = sheet.getByRole('combobox', { name: 'Tags' });
  await tagInput.fill('a{b}');
  await tagInput.press('Enter');
  await expect(sheet.getByRole('alert')).toContainText('A tag cannot hold');
  await tagInput.fill('vision');
  await tagInput.press('Enter');
  await sheet.getByRole('textbox', { name: 'Note' }).fill('x'.repeat(10_001));
  await expect(sheet.getByRole('alert')).toContainText('at most 10,000 characters long (this one has 10,001)');
  await expect(sheet.getByRole('button', { name: 'Save' })).toBeDisabled();
  await sheet.getByRole('textbox', { name: 'Note' }).fill('Streaming trick worth trying.');
  await sheet.getByRole('button', { name: 'Save' }).click();
  await expect(sheet).toBeHidden();
  await expect(row.locator('.row-tags')).toHaveText(/reading group\s*vision/);
  await expect(row.locator('.row-note')).toHaveText('Streaming trick worth trying.');
  await expect(filter.getByRole('button', { name: /vision/ })).toContainText('2');

  // Notes are searched, inside the tag filter and without it.
  await popup.getByRole('searchbox', { name: 'Search papers' }).fill('ablation');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('.row-note')).toHaveText('Check the ablation in table 4.');
  await filter.getByRole('button', { name: /reading group/ }).click();
  await expect(filter.getByRole('button', { name: /reading group/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(rows).toHaveCount(1);

  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.getByRole('searchbox', { name: 'Search papers' }).fill('');
  await filter.getByRole('button', { name: /vision/ }).click();
  await expect(rows).toHaveCount(2);
  await shoot(popup, 'popup-tag-filter-dark.png', (name) => testInfo.outputPath(name));
  await rows.first().getByRole('button', { name: 'Tags and note' }).click();
  await expect(sheet).toBeVisible();
  await shoot(popup, 'popup-tag-sheet-dark.png', (name) => testInfo.outputPath(name));
  await sheet.getByRole('button', { name: 'Cancel' }).click();
  await expect(sheet).toBeHidden();

  // Export offers the tagged list first; its CSV carries the tags and notes, read back by papaparse.
  await popup.getByRole('button', { name: 'Export' }).click();
  const exportSheet = popup.getByRole('dialog', { name: 'Export' });
  await expect(exportSheet.getByRole('radio', { name: /History tagged “vision” \(2\)/ })).toBeChecked();
  await exportSheet.getByRole('radio', { name: /^CSV/ }).check();
  const [download] = await Promise.all([popup.waitForEvent('download'), exportSheet.getByRole('button', { name: 'Download .csv' }).click()]);
  const parsed = Papa.parse<Record<string, string>>(await readFile((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const byId = new Map(parsed.data.map((row) => [row.id, row]));
  expect(byId.size).toBe(2);
  expect(byId.get(papers[0]!.id)).toMatchObject({ tags: 'reading group; vision', note: 'Check the ablation in table 4.' });
  expect(byId.get(papers[1]!.id)).toMatchObject({ tags: 'reading group; vision', note: 'Streaming trick worth trying.' });
  expect(errors).toEqual([]);
});
