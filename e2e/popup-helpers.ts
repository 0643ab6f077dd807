/**
 * Helpers for the popup and options specs: talk to the background through the message API from an extension
 * page, and build a realistic 30-day reading history (records + sightings) to merge into the store.
 */
import type { Page } from '@playwright/test';
import type { RequestMap, RequestType } from '../src/core/messages';
import type { PaperRecord, Sighting } from '../src/core/records';
import type { Paper } from '../src/core/types';

/** Sends one typed request from an extension page (popup/options) and returns the answer, throwing on errors. */
export async function sendFrom<T extends RequestType>(page: Page, type: T, body: RequestMap[T]['req']): Promise<RequestMap[T]['res']> {
  const answer = await page.evaluate(
    async (message) => chrome.runtime.sendMessage(message),
    { type, ...body } as Record<string, unknown>,
  ) as ({ ok: true } & RequestMap[T]['res']) | { ok: false; error: { message: string } };
  if (!answer || !answer.ok) throw new Error(`${type} failed: ${answer ? answer.error.message : 'no answer'}`);
  // A listing is answered before it is stored: wait until it is, as the content side does (store-link.ts).
  const receipt = (answer as { receipt?: string }).receipt;
  if (type === 'page/listed' && receipt !== undefined) {
    const settled = await sendFrom(page, 'listing/settled', { receipt });
    if (!settled.recorded) throw new Error('page/listed was not stored');
  }
  return answer;
}

const DAY_MS = 86_400_000;

function localDay(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export interface HistoryOptions {
  now?: number;
  /** Papers listed per day, newest day first; a list repeats as a weekly rhythm. */
  perDay?: number | readonly number[];
  /** Every `starEvery`th paper is starred (offset 2), every `readEvery`th read (offset 1). */
  starEvery?: number;
  readEvery?: number;
}

/** Paper records and sightings as if the reader had browsed one daily list per day, going back from `now`. */
export function buildHistory(papers: readonly Paper[], options: HistoryOptions = {}): { papers: PaperRecord[]; sightings: Sighting[] } {
  const now = options.now ?? Date.now();
  const rhythm = typeof options.perDay === 'number' ? [options.perDay] : options.perDay ?? [12];
  const starEvery = options.starEvery ?? 7;
  const readEvery = options.readEvery ?? 4;
  const records: PaperRecord[] = [];
  const sightings: Sighting[] = [];
  const capacity = (day: number): number => Math.max(0, rhythm[day % rhythm.length] ?? 0);
  if (!rhythm.some((count) => count > 0)) throw new Error('perDay needs at least one day with papers');
  let daysAgo = 0;
  let onDay = 0;
  papers.forEach((paper, index) => {
    while (onDay >= capacity(daysAgo)) {
      daysAgo++;
      onDay = 0;
    }
    // Spread the day's papers over that local day (today: up to now), newest first, never crossing midnight.
    const dayStart = new Date(now - daysAgo * DAY_MS).setHours(0, 0, 0, 0);
    const span = daysAgo === 0 ? now - dayStart : DAY_MS;
    const listedAt = Math.floor(dayStart + span * (1 - (onDay + 1) / (capacity(daysAgo) + 1)));
    const later = (ms: number): number => Math.min(now, listedAt + ms);
    onDay++;
    const pageKey = `day:${localDay(listedAt)}`;
    const seen = index % 5 !== 4;
    const read = index % readEvery === 1;
    const starred = index % starEvery === 2;
    const record: PaperRecord = {
      ...paper,
      firstListedAt: listedAt,
      lastListedAt: listedAt,
      listedCount: 1,
      seenCount: seen ? 1 : 0,
      pageKinds: ['day'],
      updatedAt: later(2_000),
      ...(seen ? { firstSeenAt: later(500), lastSeenAt: later(500) } : {}),
      ...(read ? { readAt: later(1_000) } : {}),
      ...(starred ? { starredAt: later(1_500) } : {}),
    };
    records.push(record);
    sightings.push({ paperId: paper.id, pageKind: 'day', pageKey, at: listedAt, seen });
  });
  return { papers: records, sightings };
}

/** Merges records and sightings into the store through 'backup/merge', in chunks. */
export async function mergeHistory(page: Page, history: { papers: PaperRecord[]; sightings: Sighting[] }, chunk = 1000): Promise<void> {
  for (let start = 0; start < history.papers.length; start += chunk) {
    await sendFrom(page, 'backup/merge', { papers: history.papers.slice(start, start + chunk), sightings: [] });
  }
  for (let start = 0; start < history.sightings.length; start += chunk) {
    await sendFrom(page, 'backup/merge', { papers: [], sightings: history.sightings.slice(start, start + chunk) });
  }
}
