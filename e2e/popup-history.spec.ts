/**
 * The popup over the real background store: empty state, listing, search, star/read toggles with mouse and
 * keyboard, paging through a long history, the dashboard, and store errors in plain words.
 */
import { test, expect } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import { buildHistory, mergeHistory, sendFrom } from './popup-helpers';

const POPUP_SIZE = { width: 440, height: 600 };

test('a new user sees what to do, without console errors', async ({ openPopup, consoleErrors }) => {
  const popup = await openPopup();
  const errors = consoleErrors(popup);
  await popup.setViewportSize(POPUP_SIZE);
  await popup.reload();
  await expect(popup.getByRole('heading', { name: 'Your reading history starts here' })).toBeVisible();
  await expect(popup.getByText(/Open huggingface\.co\/papers; papers you see there appear here/)).toBeVisible();
  await popup.getByRole('tab', { name: /Starred/ }).click();
  await expect(popup.getByRole('heading', { name: 'No starred papers yet' })).toBeVisible();
  await popup.getByRole('tab', { name: /History/ }).click();
  expect(errors).toEqual([]);
});

test('the settings button opens the options page', async ({ openPopup, context, consoleErrors }) => {
  const popup = await openPopup();
  const errors = consoleErrors(popup);
  const [options] = await Promise.all([
    context.waitForEvent('page', { predicate: (page) => page.url().endsWith('/options.html') }),
    popup.getByRole('button', { name: 'Settings and backup' }).click(),
  ]);
  await expect(options.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});

test('lists listed papers, finds them by search, stars and reads them by mouse and keyboard', async ({ openPopup, context, consoleErrors }) => {
  const { papers } = generateSyntheticSet({ seed: 7, count: 20 });
  const popup = await openPopup();
  await popup.setViewportSize(POPUP_SIZE);
  const page = { kind: 'day' as const, key: 'day:2024-03-11', url: 'https://huggingface.co/papers/date/2024-03-11', period: '2024-03-11' };
  await sendFrom(popup, 'page/listed', { page, papers });
  const starredIds = [papers[3]!.id, papers[8]!.id, papers[15]!.id];
  for (const id of starredIds) await sendFrom(popup, 'paper/set-starred', { id, starred: true });
  const errors = consoleErrors(popup);
  await popup.reload();

  const rows = popup.locator('[data-paper-lens-row]');
  await expect(rows).toHaveCount(20);
  await expect(popup.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
  await expect(popup.getByText('20 papers')).toBeVisible();

  // Each row links to the paper page and says where it was listed.
  const first = rows.first();
  const firstId = await first.getAttribute('data-id');
  await expect(first.locator('.row-title')).toHaveAttribute('href', `https://huggingface.co/papers/${firstId}`);
  await expect(first.locator('.row-title')).toHaveAttribute('target', '_blank');
  await expect(first.locator('.row-when')).toContainText('Daily Mar 11');

  // Search as you type: a word of one starred title narrows the list to papers containing it.
  const target = papers[8]!;
  const word = target.title.split(/\s+/).filter((w) => w.length > 6).sort((a, b) => b.length - a.length)[0]!.replace(/[^\p{L}\p{N}-]/gu, '');
  await popup.getByRole('searchbox', { name: 'Search papers' }).fill(word);
  await expect(popup.locator(`[data-paper-lens-row][data-id="${target.id}"]`)).toBeVisible();
  await expect.poll(async () => rows.count()).toBeLessThan(20);
  // Authors are searchable too.
  const surname = target.authors[0]!.split(' ').at(-1)!;
  await popup.getByRole('searchbox', { name: 'Search papers' }).fill(surname);
  await expect(popup.locator(`[data-paper-lens-row][data-id="${target.id}"]`)).toBeVisible();
  // One letter is not a search yet: the list stays whole and says so.
  await popup.getByRole('searchbox', { name: 'Search papers' }).fill('a');
  await expect(popup.getByText('Type one more letter to search')).toBeVisible();
  await expect(rows).toHaveCount(20);
  // Escape clears the search.
  await popup.getByRole('searchbox', { name: 'Search papers' }).press('Escape');
  await expect(popup.getByRole('searchbox', { name: 'Search papers' })).toHaveValue('');
  await expect(rows).toHaveCount(20);

  // Starred view lists exactly the starred papers.
  await popup.getByRole('tab', { name: /Starred/ }).click();
  await expect(rows).toHaveCount(3);
  expect((await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))).sort()).toEqual([...starredIds].sort());
  await expect(popup.getByRole('tab', { name: /Starred/ })).toContainText('3');

  // Mouse: star a paper in History; the store has it.
  await popup.getByRole('tab', { name: /History/ }).click();
  const unstarred = popup.locator(`[data-paper-lens-row][data-id="${papers[0]!.id}"]`);
  await unstarred.getByRole('button', { name: 'Star' }).click();
  await expect(unstarred.getByRole('button', { name: 'Star' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await sendFrom(popup, 'states/get', { ids: [papers[0]!.id] })).states[0]?.starredAt).toBeGreaterThan(0);
  await expect(popup.getByRole('tab', { name: /Starred/ })).toContainText('4');

  // Keyboard: `/` focuses search, ArrowDown enters the list, arrows move between rows, `r` marks read, `s` stars.
  await popup.locator('body').click({ position: { x: 5, y: 590 } });
  await popup.keyboard.press('/');
  await expect(popup.getByRole('searchbox', { name: 'Search papers' })).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await expect(rows.nth(0).locator('.row-title')).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('ArrowDown');
  await expect(rows.nth(2).locator('.row-title')).toBeFocused();
  await popup.keyboard.press('ArrowUp');
  await expect(rows.nth(1).locator('.row-title')).toBeFocused();
  const secondId = (await rows.nth(1).getAttribute('data-id'))!;
  await popup.keyboard.press('r');
  await expect(rows.nth(1).getByRole('button', { name: 'Read' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await sendFrom(popup, 'states/get', { ids: [secondId] })).states[0]?.readAt).toBeGreaterThan(0);
  // Tab moves from the row's title to its own controls, not through every row.
  await popup.keyboard.press('Tab');
  await expect(rows.nth(1).getByRole('button', { name: 'Star' })).toBeFocused();

  // Read view shows it.
  await popup.getByRole('tab', { name: /Read/ }).click();
  await expect(popup.locator(`[data-paper-lens-row][data-id="${secondId}"]`)).toBeVisible();

  // The title opens the paper page in a new tab.
  await popup.getByRole('tab', { name: /History/ }).click();
  await expect(rows).toHaveCount(20);
  const openId = await rows.first().getAttribute('data-id');
  const [opened] = await Promise.all([context.waitForEvent('page'), rows.first().locator('.row-title').click()]);
  await expect(opened).toHaveURL(`https://huggingface.co/papers/${openId}`);
  expect(errors).toEqual([]);
});

test('pages through a long history as the reader scrolls, and the dashboard adds up', async ({ openPopup }) => {
  const { papers } = generateSyntheticSet({ seed: 11, count: 300 });
  const popup = await openPopup();
  await popup.setViewportSize(POPUP_SIZE);
  const history = buildHistory(papers, { perDay: 10 });
  await mergeHistory(popup, history);
  await popup.reload();

  const rows = popup.locator('[data-paper-lens-row]');
  await expect(popup.getByText(`${history.papers.length} papers`)).toBeVisible();
  const firstBatch = await rows.count();
  expect(firstBatch).toBeGreaterThan(0);
  expect(firstBatch).toBeLessThan(history.papers.length);
  // Newest first, grouped by day.
  expect(await rows.first().getAttribute('data-id')).toBe(papers[0]!.id);
  await expect(popup.locator('.day-heading').first()).toHaveText('Today');
  await expect(popup.locator('.day-heading').nth(1)).toHaveText('Yesterday');

  for (let i = 0; i < 20 && (await rows.count()) < history.papers.length; i++) {
    await popup.locator('.list-scroller').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await popup.waitForTimeout(150);
  }
  await expect(rows).toHaveCount(history.papers.length);
  const ids = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')));
  expect(new Set(ids).size).toBe(history.papers.length);

  // Dashboard: tiles match the store's stats, the plot has 30 days and an accessible description.
  const { stats } = await sendFrom(popup, 'stats/get', {});
  await popup.getByRole('tab', { name: 'Dashboard' }).click();
  for (const key of ['listed', 'seen', 'read', 'starred'] as const) {
    await expect(popup.locator(`[data-stat="${key}"] .tile-all`)).toHaveText(stats[key].all.toLocaleString('en-US'));
    await expect(popup.locator(`[data-stat="${key}"] .tile-week`)).toHaveText(`${stats[key].week.toLocaleString('en-US')} this week`);
  }
  expect(stats.listed.all).toBe(history.papers.length);
  const chart = popup.getByRole('img', { name: /Papers seen and read per day/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.bar-seen')).toHaveCount(30);
  await expect(chart.locator('desc')).toContainText('papers seen');
});

test('store errors reach the reader in plain words', async ({ openPopup, extensionId, context }) => {
  const popup = await openPopup();
  await popup.setViewportSize(POPUP_SIZE);
  await expect(popup.getByRole('heading', { name: 'Your reading history starts here' })).toBeVisible();
  // Another extension page relays a store error broadcast (as the background does when IndexedDB fails).
  const other = await context.newPage();
  await other.goto(`chrome-extension://${extensionId}/options.html`);
  await other.evaluate(() => chrome.runtime.sendMessage({ type: 'store/error', error: { code: 'quota', message: 'The browser has no room left for Paper Lens data.' } }).catch(() => undefined));
  await expect(popup.getByRole('alert')).toHaveText(/The browser has no room left for Paper Lens data\./);
  await popup.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(popup.getByRole('alert')).toHaveCount(0);
});
