/**
 * Tags and a note from a starred card: the editor beside the star, autocomplete from tags used before, limits said
 * in words (a 100 KB note, HTML in a tag, more tags than allowed), markup kept as text, the card showing what was
 * saved, and screenshots of the editor in the light and the dark theme.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { shoot, waitForMarks } from './content-support';
import { extensionPage, request } from './store-helpers';

const DAY = '/papers/date/2024-03-11';

const card = (page: Page, index: number) => page.locator('article').nth(index);
const editor = (page: Page) => page.locator('paper-lens-annotations');

test('a starred card carries tags and a note: editor, autocomplete, limits, and the card shows them', async ({ context, site, extensionId, consoleErrors }, testInfo) => {
  const { papers } = generateSyntheticSet({ seed: 9, count: 8 });
  site.setPage(DAY, { papers, layout: 'payload' });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`https://huggingface.co${DAY}`);
  await waitForMarks(page);

  // Not starred: no tags button. Starred: the button appears beside the star.
  const first = card(page, 0);
  const button = first.locator('[data-paper-lens-action="annotate"]');
  await expect(button).toBeHidden();
  await first.locator('[data-paper-lens-action="star"]').click();
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute('title', 'Add tags or a note');

  // Tag a second paper first, so the first one's editor can suggest its tags.
  const second = card(page, 1);
  await second.locator('[data-paper-lens-action="star"]').click();
  await second.locator('[data-paper-lens-action="annotate"]').click();
  await expect(editor(page)).toHaveCount(1);
  await page.keyboard.type('reading group, long context');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Enter');
  await expect(editor(page)).toHaveCount(0);
  await expect(second.locator('[data-paper-lens-action="annotate"]')).toContainText('reading group, long context');

  await button.click();
  const input = editor(page).getByRole('combobox', { name: 'Tags' });
  await expect(input).toBeFocused();
  await page.keyboard.type('rea');
  const option = editor(page).getByRole('option', { name: /reading group/ });
  await expect(option).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('listitem').filter({ hasText: 'reading group' })).toHaveCount(1);

  // HTML in a tag: refused in words, nothing added, the text stays for the reader to fix.
  await page.keyboard.type('<b>bold</b>');
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('alert')).toContainText('A tag cannot hold');
  await expect(input).toHaveValue('<b>bold</b>');
  await input.fill('to read');
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('alert')).toBeHidden();

  // A 100 KB note: the limit said, Save disabled; a normal note with markup is kept as text.
  const note = editor(page).getByRole('textbox', { name: 'Note' });
  await note.fill('x'.repeat(100_000));
  await expect(editor(page).getByRole('alert')).toContainText('at most 10,000 characters long (this one has 100,000)');
  await expect(editor(page).getByRole('button', { name: 'Save' })).toBeDisabled();
  await note.fill('Compare the <img src=x onerror="window.__pwned=1"> kernels with §3.\nAsk the group on Friday.');
  await expect(editor(page).getByRole('button', { name: 'Save' })).toBeEnabled();
  await shoot(page, 'card-tag-editor-light.png', (name) => testInfo.outputPath(name));

  await editor(page).getByRole('button', { name: 'Save' }).click();
  await expect(editor(page)).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toContainText('reading group, to read');
  await expect(button).toHaveAttribute('title', /Note: Compare the <img src=x/);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // The store has them, checked and stamped.
  const ext = await extensionPage(context, extensionId);
  const { papers: stored } = await request<{ papers: Array<{ tags?: string[]; note?: string; tagsStamp?: string; noteStamp?: string }> }>(ext, { type: 'papers/get', ids: [papers[0]!.id] });
  expect(stored[0]).toMatchObject({ tags: ['reading group', 'to read'], note: 'Compare the <img src=x onerror="window.__pwned=1"> kernels with §3.\nAsk the group on Friday.' });
  expect(stored[0]?.tagsStamp).toBeTruthy();

  // More tags than a paper can carry: the 21st is refused in words.
  await button.click();
  for (let i = 0; i < 18; i++) await page.keyboard.type(`t${i},`);
  await expect(editor(page).getByRole('listitem')).toHaveCount(20);
  await page.keyboard.type('one too many');
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('alert')).toContainText('at most 20 tags');
  // Escape closes without saving; a click outside does not throw away typed changes.
  // The page's heading: neither the editor nor a link (Playwright clicks only where the heading itself is hit).
  await page.locator('main h1').click();
  await expect(page).toHaveURL(`https://huggingface.co${DAY}`);
  await expect(editor(page)).toHaveCount(1);
  await expect(editor(page).getByRole('alert')).toContainText('Unsaved changes');
  await input.focus();
  await page.keyboard.press('Escape');
  await expect(editor(page)).toHaveCount(0);
  await expect(button).toContainText('reading group, to read');

  // Dark theme: the same editor on the site's dark palette.
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await expect(page.locator('html')).toHaveAttribute('data-paper-lens-theme', 'dark');
  await button.click();
  await page.keyboard.type('t');
  await expect(editor(page).getByRole('option').first()).toBeVisible();
  await shoot(page, 'card-tag-editor-dark.png', (name) => testInfo.outputPath(name));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await shoot(page, 'card-tags-dark.png', (name) => testInfo.outputPath(name));
  expect(errors).toEqual([]);
});
