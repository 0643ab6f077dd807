/**
 * Sync between two browsers of the same kind, each its own profile, through the real storage.sync API, with
 * the test as the sync service: it reads one profile's sync area from an extension page and writes the same
 * items into the other's (what Chrome Sync or Firefox Sync would carry). Written against the driver, so it runs
 * in Firefox (../firefox/run.ts); Chromium has its own richer spec (../sync-profiles.spec.ts).
 *
 * A star with tags and a note made on A shows on B's open listing tab and in B's store; concurrent edits on
 * both, exchanged both ways, converge; the un-star's tombstone leaves both synced copies once both browsers have
 * acknowledged it; and the area's per-item quota refuses an oversized item with an error Paper Lens reads as a
 * quota error (so its writer retries with less instead of failing).
 */
import assert from 'node:assert/strict';
import { limitOf } from '../../src/core/sync/area';
import { decodeSyncItems, type SyncedState } from '../../src/core/sync/codec';
import { tombstonesOf } from '../../src/core/sync/devices';
import { DAY_PATH, dayPapers } from '../fixtures/day-papers';
import { waitUntil, type ExtensionBrowser, type Tab } from './driver';
import { READY_GENERATION, stripAttribute } from './page-scripts';

export interface TwoBrowserScenario {
  name: string;
  run(a: ExtensionBrowser, b: ExtensionBrowser, log: (line: string) => void): Promise<void>;
}

/** The extension's API object in an extension page: `browser` in Firefox, `chrome` in Chromium. */
const API = `(globalThis.browser ?? globalThis.chrome)`;

async function ask<T>(page: Tab, request: Record<string, unknown>): Promise<T> {
  const answer = await page.evaluate<{ ok: boolean; error?: { message: string } } & T>(`${API}.runtime.sendMessage(${JSON.stringify(request)})`);
  if (!answer.ok) throw new Error(`${String(request.type)} failed: ${answer.error?.message ?? JSON.stringify(answer)}`);
  return answer;
}

const syncArea = (page: Tab): Promise<Record<string, unknown>> => page.evaluate(`${API}.storage.sync.get(null)`);

async function synced(page: Tab): Promise<Map<string, SyncedState>> {
  return new Map(decodeSyncItems(await syncArea(page)).entries.map((entry) => [entry.id, entry.state]));
}

/** The sync service: what `from` holds in sync is written into `to`'s sync area. */
async function deliver(from: Tab, to: Tab): Promise<void> {
  const items = await syncArea(from);
  await to.evaluate(`${API}.storage.sync.set(${JSON.stringify(items)})`);
}

/** Merges and writes now, then waits until the writer has nothing more to write (the status is idle). */
async function settle(page: Tab): Promise<void> {
  await ask(page, { type: 'sync/flush' });
  await waitUntil(page, `${API}.runtime.sendMessage({ type: 'sync/status' }).then((answer) => answer.ok && answer.status.state === 'idle')`, 'sync to finish writing', 30_000);
}

interface State { starredAt?: number; readAt?: number; tags?: string[]; note?: string }

async function stateOf(page: Tab, id: string): Promise<State> {
  const { states } = await ask<{ states: State[] }>(page, { type: 'states/get', ids: [id] });
  return states[0] ?? {};
}

async function pollUntil<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const syncBetweenTwoBrowsers: TwoBrowserScenario = {
  name: 'sync between two profiles through storage.sync: a star with tags and a note, concurrent edits, compaction',
  async run(browserA, browserB, log) {
    const papers = dayPapers();
    const ids = papers.map((paper) => paper.id.replace(/v\d+$/, ''));
    const [one, two, three] = [ids[1]!, ids[2]!, ids[3]!];
    for (const browser of [browserA, browserB]) browser.site.setPage(DAY_PATH, { papers, layout: 'payload' });
    const [a, b] = [await browserA.extensionTab('options.html'), await browserB.extensionTab('options.html')];
    const listingB = await browserB.newTab();
    await listingB.goto(`https://huggingface.co${DAY_PATH}`);
    await waitUntil(listingB, `${READY_GENERATION} >= 0`, "B's listing marked");
    const listingA = await browserA.newTab();
    await listingA.goto(`https://huggingface.co${DAY_PATH}`);
    await waitUntil(listingA, `${READY_GENERATION} >= 0`, "A's listing marked");
    for (const page of [a, b]) await ask(page, { type: 'sync/set-enabled', on: true });

    // The per-item quota, as this browser enforces it without any account: the error is one Paper Lens retries.
    const refused = await a.evaluate<string>(`${API}.storage.sync.set({ probe: 'x'.repeat(9000) }).then(() => 'accepted', (error) => String(error && error.message || error))`);
    log(`an item of 9,000 bytes: ${refused}`);
    assert.notEqual(refused, 'accepted', 'the sync area takes an item over 8 KB');
    assert.equal(limitOf(new Error(refused)), 'quota', `Paper Lens does not read "${refused}" as a quota error`);

    // A star with tags and a note on A reaches B's open tab and B's store.
    await ask(a, { type: 'paper/set-starred', id: one, starred: true });
    await ask(a, { type: 'paper/set-annotations', id: one, tags: ['to read', 'été'], note: 'Check the ablation.\nSecond line.' });
    await settle(a);
    await pollUntil('the star, tags and note in A\'s synced copy', () => synced(a), (entries) => entries.get(one)?.note === 'Check the ablation.\nSecond line.');
    await deliver(a, b);
    await waitUntil(listingB, `${stripAttribute(1, '[data-paper-lens-action="star"]', 'aria-pressed')} === 'true'`, "the star on B's open listing tab");
    const received = await pollUntil("the tags and note in B's store", () => stateOf(b, one), (state) => state.note !== undefined);
    assert.deepEqual(received.tags, ['to read', 'été']);
    assert.equal(received.note, 'Check the ablation.\nSecond line.');

    // Concurrent edits: A stars two and reads three; B, later, un-stars one and rewrites its note.
    await settle(b);
    await deliver(b, a);
    await settle(a);
    await ask(a, { type: 'paper/set-starred', id: two, starred: true });
    await ask(a, { type: 'paper/set-read', id: three, read: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ask(b, { type: 'paper/set-annotations', id: one, note: 'B rewrote it.' });
    await ask(b, { type: 'paper/set-starred', id: one, starred: false });
    await settle(a);
    await settle(b);
    assert.ok(tombstonesOf([...(await synced(b))].map(([id, state]) => ({ id, state }))).some(([id, field]) => id === one && field === 'starred'), "the un-star is a tombstone in B's synced copy");
    // The service keeps one copy: B's lands last; A merges it and writes the merged whole; B gets that.
    await deliver(b, a);
    await settle(a);
    await deliver(a, b);
    await settle(b);
    for (const [name, page] of [['A', a], ['B', b]] as const) {
      const states = await Promise.all([one, two, three].map((id) => stateOf(page, id)));
      assert.equal(states[0]!.starredAt, undefined, `${name}: the later un-star of one wins`);
      assert.equal(states[0]!.note, 'B rewrote it.', `${name}: B's later note wins`);
      assert.notEqual(states[1]!.starredAt, undefined, `${name}: A's star of two is kept`);
      assert.notEqual(states[2]!.readAt, undefined, `${name}: A's read of three is kept`);
    }
    await waitUntil(listingA, `${stripAttribute(1, '[data-paper-lens-action="star"]', 'aria-pressed')} === 'false' && ${stripAttribute(2, '[data-paper-lens-action="star"]', 'aria-pressed')} === 'true'`, "A's tab following B's un-star");

    // Compaction: once both have acknowledged the same synced copy, the un-star's tombstone leaves it.
    for (let round = 0; round < 4; round++) {
      await deliver(b, a);
      await settle(a);
      await deliver(a, b);
      await settle(b);
    }
    for (const [name, page] of [['A', a], ['B', b]] as const) {
      const left = tombstonesOf([...(await synced(page))].map(([id, state]) => ({ id, state })));
      assert.deepEqual(left.filter(([, field]) => field === 'starred'), [], `${name}: star tombstones left in sync`);
      assert.equal((await stateOf(page, one)).starredAt, undefined, `${name}: one stays un-starred after compaction`);
    }
    const area = await syncArea(a);
    log(`after compaction: ${Object.keys(area).filter((key) => key.startsWith('device.')).length} device items, ${JSON.stringify(area).length} bytes of JSON in A's sync area`);
  },
};
