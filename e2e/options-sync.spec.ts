/**
 * The options page's sync section: off by default; the switch turns sync on (the status says how much is
 * synced), off stops writing and offers to remove Paper Lens's copy; clear all data with sync on asks about the
 * synced copy. Screenshots of the section, light and dark, on and off, land in the test output folder and in
 * PAPER_LENS_SCREENSHOTS when set.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { buildHistory, mergeHistory, sendFrom } from './popup-helpers';
import { decodeSyncItems } from '../src/core/sync/codec';

const outDir = process.env.PAPER_LENS_SCREENSHOTS ? path.resolve(process.env.PAPER_LENS_SCREENSHOTS) : null;

async function shoot(target: Locator, name: string, outputPath: (name: string) => string): Promise<void> {
  await target.page().evaluate(() => document.fonts.ready);
  await target.screenshot({ path: outputPath(name), animations: 'disabled' });
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    await target.screenshot({ path: path.join(outDir, name), animations: 'disabled' });
  }
}

test('sync: off by default, on by the switch, off offers removal; clear all asks about the synced copy', async ({ openOptions, consoleErrors }, testInfo) => {
  const options = await openOptions();
  const errors = consoleErrors(options);
  const papers = generateSyntheticSet({ seed: 5, count: 60 }).papers;
  await mergeHistory(options, buildHistory(papers, { perDay: [9, 14, 12, 17], starEvery: 4, readEvery: 2 }));
  await options.setViewportSize({ width: 900, height: 900 });
  await options.reload();
  const card = options.locator('section[aria-labelledby="sync-title"]');
  const output = (name: string): string => testInfo.outputPath(name);
  const syncArea = (): Promise<Record<string, unknown>> => options.evaluate(() => chrome.storage.sync.get(null));

  const toggle = options.getByRole('switch', { name: 'Sync stars, read marks, tags, notes and settings' });
  await expect(toggle).not.toBeChecked();
  await expect(card).toContainText('Nothing of Paper Lens is in your browser’s sync account.');
  await expect(card).toContainText('Firefox Sync encrypts them end to end');
  expect(Object.keys(await syncArea())).toEqual([]);
  await shoot(card, 'options-sync-off.png', output);

  // A note too long to sync (over 2,500 bytes) on a starred paper: the section says it was left out.
  await sendFrom(options, 'paper/set-starred', { id: papers[0]!.id, starred: true });
  await sendFrom(options, 'paper/set-annotations', { id: papers[0]!.id, tags: ['to read'], note: 'A long note. '.repeat(240) });
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(card.locator('[data-sync-left]')).toHaveText('Not synced: 1 note longer than 2,500 bytes, the most one synced note may take. It stays in this browser; stars are the last to be left out.', { timeout: 15_000 });
  const stats = (await sendFrom(options, 'stats/get', {})).stats;
  const synced = new Set(papers.filter((_, i) => i % 4 === 0 || i % 2 === 0).map((paper) => paper.id)).size;
  await expect(card.locator('[data-sync-summary]')).toContainText(`papers synced`);
  await expect.poll(async () => decodeSyncItems(await syncArea()).entries.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(Math.max(stats.starred.all, stats.read.all));
  await expect(card.locator('[data-sync-summary]')).toContainText(/Last written/, { timeout: 15_000 });
  void synced;
  // Another browser's device item arrives (as the sync service would deliver it), and one not seen for weeks.
  const hour = 3_600_000;
  const now = Math.floor(Date.now() / hour) * hour;
  await options.evaluate(({ now: at, hour: h }) => chrome.storage.sync.set({
    'device.laptop0002': { seen: at - 26 * h, ack: 'other', name: 'Firefox on Linux' },
    'device.oldpc00003': { seen: at - 70 * 24 * h, ack: 'older', name: 'Chrome on Windows' },
  }), { now, hour });
  const devices = card.locator('[data-sync-devices]');
  await expect(devices.locator('li')).toHaveCount(3);
  await expect(devices.locator('li').first()).toContainText('This browser');
  await expect(devices.locator('[data-device="laptop0002"]')).toContainText(/Firefox on Linux\s*Last synced (yesterday|today)/);
  await expect(devices.locator('[data-device="oldpc00003"]')).toContainText('older un-stars no longer wait for it');
  await shoot(card, 'options-sync-on.png', output);
  await options.emulateMedia({ colorScheme: 'dark' });
  await shoot(card, 'options-sync-on-devices-dark.png', output);
  await options.emulateMedia({ colorScheme: 'light' });
  await devices.locator('[data-device="oldpc00003"]').getByRole('button', { name: /Forget Chrome on Windows/ }).click();
  await expect(card).toContainText('Forgot Chrome on Windows.');
  await expect(devices.locator('li')).toHaveCount(2);
  expect(Object.keys(await syncArea())).not.toContain('device.oldpc00003');
  await options.emulateMedia({ colorScheme: 'dark' });
  await shoot(card, 'options-sync-on-dark.png', output);

  // Clear all data with sync on: the dialog asks about the synced copy.
  await options.getByRole('button', { name: 'Clear all data…' }).click();
  const dialog = options.getByRole('dialog');
  await expect(dialog).toContainText('Also clear the synced copy');
  await expect(dialog).toContainText('Otherwise sync is turned off in this browser');
  await shoot(dialog, 'options-clear-sync-dark.png', output);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Off: writing stops, the copy stays until removed.
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(card).toContainText('still holds Paper Lens’s copy');
  await shoot(card, 'options-sync-off-copy-dark.png', output);
  await options.emulateMedia({ colorScheme: 'light' });
  await shoot(card, 'options-sync-off-copy.png', output);
  const before = JSON.stringify(await syncArea());
  await sendFrom(options, 'paper/set-starred', { id: papers[1]!.id, starred: true });
  await new Promise((resolve) => setTimeout(resolve, 3500));
  expect(JSON.stringify(await syncArea())).toBe(before);
  await card.getByRole('button', { name: 'Remove Paper Lens’s copy from sync' }).click();
  await expect(card).toContainText('Removed Paper Lens’s copy');
  await expect.poll(async () => Object.values(await syncArea()).length).toBe(0);
  await expect(card).toContainText('Nothing of Paper Lens is in your browser’s sync account.');
  expect(errors).toEqual([]);
});

test('clear all data with sync on and "also the synced copy" leaves un-stars and un-reads in sync', async ({ openOptions }) => {
  const options = await openOptions();
  const papers = generateSyntheticSet({ seed: 6, count: 20 }).papers;
  await mergeHistory(options, buildHistory(papers, { perDay: [10, 10], starEvery: 3, readEvery: 4 }));
  await options.reload();
  await options.getByRole('switch', { name: 'Sync stars, read marks, tags, notes and settings' }).click();
  const syncArea = (): Promise<Record<string, unknown>> => options.evaluate(() => chrome.storage.sync.get(null));
  await expect.poll(async () => decodeSyncItems(await syncArea()).entries.some((entry) => entry.state.starredAt !== undefined), { timeout: 15_000 }).toBe(true);
  await options.getByRole('button', { name: 'Clear all data…' }).click();
  await options.getByRole('checkbox', { name: /Also clear the synced copy/ }).check();
  await options.getByRole('button', { name: 'Delete everything' }).click();
  await expect(options.getByText(/Your other browsers will un-star and un-read them/)).toBeVisible();
  await expect.poll(async () => {
    const entries = decodeSyncItems(await syncArea()).entries;
    return entries.length > 0 && entries.every((entry) => entry.state.starredAt === undefined && entry.state.readAt === undefined);
  }, { timeout: 15_000 }).toBe(true);
  expect((await sendFrom(options, 'sync/status', {})).status.enabled).toBe(true);
});
