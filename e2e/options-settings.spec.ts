/** The options page's settings: every control saves at once, the background broadcasts, reloads keep them. */
import { test, expect } from './harness';
import { sendFrom } from './popup-helpers';
import { DEFAULT_SETTINGS } from '../src/core/settings';

test('each setting saves at once, is broadcast to open pages, and survives a reload', async ({ openOptions, openPopup, consoleErrors }) => {
  const options = await openOptions();
  const errors = consoleErrors(options);
  await options.reload();
  await expect(options.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  // Another extension page listens for the background's broadcasts, as content scripts in open tabs do.
  const listener = await openPopup();
  await listener.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { broadcasts: unknown[] }).broadcasts = seen;
    chrome.runtime.onMessage.addListener((message: { type?: string }) => {
      if (message?.type === 'settings/changed') seen.push(message);
    });
  });

  const saved = options.getByRole('status').filter({ hasText: 'All changes saved' });
  const duplicates = options.getByRole('switch', { name: 'Duplicates' });
  await expect(duplicates).toBeChecked();
  await duplicates.click();
  await expect(duplicates).not.toBeChecked();
  await expect(saved).toBeVisible();
  await expect.poll(async () => (await sendFrom(options, 'settings/get', {})).settings.marks.duplicates).toBe(false);
  await expect.poll(async () => listener.evaluate(() => (window as unknown as { broadcasts: Array<{ settings: { marks: { duplicates: boolean } } }> }).broadcasts.at(-1)?.settings.marks.duplicates)).toBe(false);

  await options.getByRole('switch', { name: 'Dim read papers' }).click();
  await options.getByRole('switch', { name: 'Dim papers seen before when a page opens' }).click();

  // Sliders by keyboard: each arrow is one step.
  const threshold = options.getByRole('slider', { name: 'How close counts as related' });
  await threshold.focus();
  for (let i = 0; i < 5; i++) await options.keyboard.press('ArrowRight');
  await expect(options.locator('output').first()).toHaveText((DEFAULT_SETTINGS.relatedThreshold + 0.05).toFixed(2));
  const dwell = options.getByRole('slider', { name: 'For at least' });
  await dwell.focus();
  await options.keyboard.press('ArrowRight');
  await options.keyboard.press('ArrowRight');
  await options.getByRole('radio', { name: '2' }).check();
  await expect(saved).toBeVisible();

  const expected = {
    ...DEFAULT_SETTINGS,
    marks: { ...DEFAULT_SETTINGS.marks, duplicates: false, dimRead: false },
    hideSeenByDefault: true,
    relatedCount: 2,
    seenDwellMs: DEFAULT_SETTINGS.seenDwellMs + 500,
  };
  await expect.poll(async () => {
    const { settings } = await sendFrom(options, 'settings/get', {});
    return { ...settings, relatedThreshold: Number(settings.relatedThreshold.toFixed(2)) };
  }).toEqual({ ...expected, relatedThreshold: Number((DEFAULT_SETTINGS.relatedThreshold + 0.05).toFixed(2)) });

  await options.reload();
  await expect(options.getByRole('switch', { name: 'Duplicates' })).not.toBeChecked();
  await expect(options.getByRole('switch', { name: 'Related papers' })).toBeChecked();
  await expect(options.getByRole('radio', { name: '2' })).toBeChecked();
  await expect(options.getByRole('slider', { name: 'For at least' })).toHaveValue(String(expected.seenDwellMs));
  expect(errors).toEqual([]);
});
