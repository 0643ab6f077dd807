/**
 * A backup from another browser profile merged into this one (issue 14, finding 2), through the product's own
 * paths in two Chromium profiles: stars and reads clicked on the listing, the backup downloaded and imported on
 * the options page, the result read back from the listing's cards.
 */
import type { Page } from '@playwright/test';
import { test, expect, launchExtension, type LaunchedExtension } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { cardMarks, waitForMarks } from './content-support';

const LISTING = '/papers/date/2024-02-20';

async function openListing(profile: LaunchedExtension): Promise<Page> {
  const page = await profile.context.newPage();
  await page.goto(`https://huggingface.co${LISTING}`);
  await waitForMarks(page);
  return page;
}

/** Clicks a card's star or read button and waits until the store confirmed it (the button is no longer busy). */
async function toggle(page: Page, index: number, action: 'star' | 'read'): Promise<void> {
  const button = page.locator('article').nth(index).locator(`[data-paper-lens-action="${action}"]`);
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(button).not.toHaveAttribute('aria-busy', 'true');
}

async function openOptions(profile: LaunchedExtension): Promise<Page> {
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/options.html`);
  return page;
}

test('importing B’s backup into A keeps all 6 stars and 4 reads A made, though B listed the papers later', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const { papers } = generateSyntheticSet({ seed: 41, count: 16 });
  const profiles: LaunchedExtension[] = [];
  try {
    const a = await launchExtension();
    profiles.push(a);
    a.site.setPage(LISTING, { papers, layout: 'payload' });
    const listingA = await openListing(a);
    for (const index of [0, 1, 2, 3, 4, 5]) await toggle(listingA, index, 'star');
    for (const index of [4, 5, 6, 7]) await toggle(listingA, index, 'read');

    // B visits the same listing afterwards: every record there is newer than A's.
    const b = await launchExtension();
    profiles.push(b);
    b.site.setPage(LISTING, { papers, layout: 'payload' });
    const listingB = await openListing(b);
    await listingB.mouse.wheel(0, 2000);
    const optionsB = await openOptions(b);
    const [download] = await Promise.all([optionsB.waitForEvent('download'), optionsB.getByRole('button', { name: 'Download backup' }).click()]);
    const backupPath = testInfo.outputPath('backup-b.json');
    await download.saveAs(backupPath);

    const optionsA = await openOptions(a);
    await optionsA.locator('[data-testid="backup-file"]').setInputFiles(backupPath);
    await expect(optionsA.locator('[data-result="ok"]')).toHaveText(/^Backup imported: 0 new papers, /, { timeout: 60_000 });

    await listingA.reload();
    await waitForMarks(listingA);
    const cards = await cardMarks(listingA);
    const starred = cards.filter((card) => card.marks.includes('starred')).map((card) => card.id);
    const read = cards.filter((card) => card.marks.includes('read')).map((card) => card.id);
    expect(starred).toEqual(papers.slice(0, 6).map((paper) => paper.id));
    expect(read).toEqual(papers.slice(4, 8).map((paper) => paper.id));
  } finally {
    for (const profile of profiles) await profile.close();
  }
});
