/**
 * Sync figures, each beside its floor:
 *  - sync_remote_to_tab_ms: another device's star written into this profile's chrome.storage.sync (as the sync
 *    service does) until the card on an open listing tab shows it; floor: the same star made locally from an
 *    extension page (the broadcast path every change takes), sync_remote_to_tab_floor_ms.
 *  - sync_encode_10k_ms: encoding 10,000 starred or read papers (a third of the starred ones tagged, one in ten
 *    with a note) into sync items; floor: JSON.stringify of the
 *    same states (no packing, no quota), sync_encode_10k_floor_ms; and the ratio of the two.
 */
import type { Page } from 'playwright';
import type { LaunchedExtension } from '../e2e/launch';
import { generateSyntheticSet } from '../e2e/fixtures/synthetic';
import { extensionPage, request } from '../e2e/store-helpers';
import { decodeSyncItems, encodeSyncEntries } from '../src/core/sync/codec';
import { encodeStamp } from '../src/core/hlc';
import { readingHistory } from '../src/core/sync/test-papers';
import { median, round, type Report } from './bench-report';
import { firstLine } from './bench-content';
import { watchStars } from './bench-star';

const CHANGES = 5;
const ENCODES = 7;

export function declareSyncFigures(report: Report): void {
  report.declare('sync_remote_to_tab_ms', 'a synced star from another device shown on an open tab', 'ms');
  report.declare('sync_remote_to_tab_floor_ms', 'floor: the same star made here, shown on the tab', 'ms');
  report.declare('sync_encode_10k_ms', 'encode 10,000 starred/read papers for sync (tags and notes of starred ones too)', 'ms');
  report.declare('sync_encode_10k_floor_ms', 'floor: JSON.stringify of the same states', 'ms');
  report.declare('sync_encode_10k_ratio', 'encode over its floor', 'count');
}

export function measureSyncEncode(report: Report, log: (line: string) => void): void {
  const papers = readingHistory({ count: 10_000, seed: 7, annotate: true });
  const tagged = papers.filter((paper) => paper.state.tags).length;
  const noted = papers.filter((paper) => paper.state.note).length;
  let leftOut = '';
  const times: number[] = [];
  const floors: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ENCODES; i++) {
    let started = performance.now();
    const encoded = encodeSyncEntries(papers);
    bytes = encoded.bytes;
    leftOut = JSON.stringify(encoded.leftOut);
    times.push(performance.now() - started);
    started = performance.now();
    JSON.stringify(papers);
    floors.push(performance.now() - started);
  }
  log(`sync encode: ${times.map(round).join(', ')} ms (floor ${floors.map(round).join(', ')})`);
  // The first runs compile the code: the median is taken over the later ones.
  const encode = median(times.slice(2));
  const floor = median(floors.slice(2));
  report.set('sync_encode_10k_ms', encode, { samples: times, note: `${tagged} with tags, ${noted} with notes; ${bytes} bytes in sync, left out ${leftOut}; median of the last ${ENCODES - 2} of ${ENCODES} runs in Node` });
  report.set('sync_encode_10k_floor_ms', floor, { samples: floors, note: `${JSON.stringify(papers).length} bytes as JSON` });
  report.set('sync_encode_10k_ratio', encode / floor);
}

async function shownAt(tab: Page, id: string): Promise<number> {
  const handle = await tab.waitForFunction((paperId) => (window as unknown as { __benchStarSeen: Record<string, number> }).__benchStarSeen[paperId], id, { timeout: 10_000, polling: 20 });
  return (await handle.jsonValue()) as number;
}

export async function runSyncBench(launched: LaunchedExtension, report: Report, log: (line: string) => void): Promise<void> {
  measureSyncEncode(report, log);
  const { papers } = generateSyntheticSet({ seed: 4343, count: 30, startDate: '2030-02-01' });
  const path = '/papers/date/2030-02-01';
  launched.site.setPage(path, { papers, layout: 'payload' });
  const ext = await extensionPage(launched.context, launched.extensionId);
  // tsx keeps function names with a helper the page does not have (request() names its inner functions).
  await ext.evaluate('globalThis.__name = (fn) => fn');
  let tab: Page | undefined;
  try {
    const on = await request<{ ok: boolean }>(ext, { type: 'sync/set-enabled', on: true });
    if (!on.ok) throw new Error('sync did not turn on');
    tab = await launched.context.newPage();
    await tab.goto(`https://huggingface.co${path}`);
    await tab.waitForSelector('html[data-paper-lens-ready]', { timeout: 20_000, state: 'attached' });
    await watchStars(tab);
    const remote: number[] = [];
    const local: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      // Another device's star: what is in sync now plus one stamped star, encoded as that device would.
      const remoteId = papers[2 + i * 5]!.id;
      const current = await ext.evaluate(() => chrome.storage.sync.get(null));
      const entries = decodeSyncItems(current).entries;
      const at = Date.now();
      entries.push({ id: remoteId, state: { starredAt: at, starStamp: encodeStamp({ wall: at, counter: 0, device: 'benchdevice' }) } });
      const items = encodeSyncEntries(entries).items;
      const writtenAt = await ext.evaluate(async (values) => {
        const started = Date.now();
        await chrome.storage.sync.set(values);
        return started;
      }, items);
      remote.push((await shownAt(tab, remoteId)) - writtenAt);
      // The floor: a star made here, through the same broadcast to the tabs.
      const localId = papers[4 + i * 5]!.id;
      const sentAt = await ext.evaluate(async (id) => {
        const started = Date.now();
        await chrome.runtime.sendMessage({ type: 'paper/set-starred', id, starred: true });
        return started;
      }, localId);
      local.push((await shownAt(tab, localId)) - sentAt);
      log(`sync star ${i + 1}: remote ${remote.at(-1)} ms, local ${local.at(-1)} ms`);
      // Past the writer's gap, so the next remote write does not meet this device's own write of the local star.
      await new Promise((resolve) => setTimeout(resolve, 3500));
    }
    report.set('sync_remote_to_tab_ms', median(remote), { samples: remote, note: `median of ${CHANGES} (storage.sync.set in an extension page to the card gaining 'starred'); the engine waits ${30} ms for more changes` });
    report.set('sync_remote_to_tab_floor_ms', median(local), { samples: local, note: `median of ${CHANGES} (paper/set-starred sent from an extension page to the card gaining 'starred')` });
  } catch (error) {
    report.miss('sync_remote_to_tab_ms', firstLine(error));
    report.miss('sync_remote_to_tab_floor_ms', firstLine(error));
  } finally {
    await tab?.close();
    await ext.close();
  }
}
