import { describe, expect, it } from 'vitest';
import type { PaperRecord, Sighting } from '../../core/records';
import { parseBackup, serialiseBackup } from '../../core/backup';
import { mergeBackup, readBackup } from './backup';
import { recordListing, recordSeen } from '../listing/record-listing';
import { setMark } from '../papers/reader-marks';
import { route } from '../api/router';
import { parseRequest } from '../api/parse-request';
import type { Request, RequestType } from '../../core/messages';
import { DEVICE_KEY, type Store } from '../store';
import { DAY, HOUR, dayPage, freshStore, paper, type TestStore } from '../test-support';

const listing = Array.from({ length: 16 }, (_, i) => {
  const n = String(i + 1).padStart(5, '0');
  return paper(`2402.${n}`, `Listed paper number ${i + 1} about topic ${i % 4}`, `An abstract for paper ${i + 1}.`, [`Author ${i}`]);
});
const page = dayPage('2024-02-20');

/** A whole store as its backup file holds it, read through the background's own backup/read. */
async function backupOf({ store }: TestStore): Promise<string> {
  const papers = (await readBackup(store, 'papers', 0, 20_000)).papers as PaperRecord[];
  const sightings = (await readBackup(store, 'sightings', 0, 20_000)).sightings as Sighting[];
  return serialiseBackup({ papers, sightings, settings: await store.settings() });
}

/** Imports a backup file as the options page does: parsed and checked, then merged in chunks. */
async function importInto({ store }: TestStore, text: string): Promise<{ added: number; updated: number; unchanged: number; skipped: number }> {
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const papers = await mergeBackup(store, parsed.backup.papers, []);
  await mergeBackup(store, [], parsed.backup.sightings);
  return papers;
}

const starredIds = async ({ store }: TestStore): Promise<string[]> => (await store.db.papers.toArray()).filter((p) => p.starredAt !== undefined).map((p) => p.id).sort();
const readIds = async ({ store }: TestStore): Promise<string[]> => (await store.db.papers.toArray()).filter((p) => p.readAt !== undefined).map((p) => p.id).sort();

describe('merging a backup from another browser profile (issue 14, finding 2)', () => {
  it('keeps every star and read of A when B, which visited the same listing later, is imported into A', async () => {
    const a = freshStore(Date.parse('2024-02-20T08:00:00Z'));
    await recordListing(a.store, page, listing);
    for (const item of listing.slice(0, 6)) await setMark(a.store, item.id, 'starred', true);
    for (const item of listing.slice(3, 7)) await setMark(a.store, item.id, 'read', true);

    const b = freshStore(Date.parse('2024-02-20T12:00:00Z'));
    await recordListing(b.store, page, listing);
    await recordSeen(b.store, page, listing.map((item) => item.id));

    const answer = await importInto(a, await backupOf(b));
    expect(await starredIds(a)).toEqual(listing.slice(0, 6).map((p) => p.id));
    expect(await readIds(a)).toEqual(listing.slice(3, 7).map((p) => p.id));
    expect(answer.added).toBe(0);
    // And the other way round: B takes in A's stars and reads.
    await importInto(b, await backupOf(a));
    expect(await starredIds(b)).toEqual(await starredIds(a));
    expect(await readIds(b)).toEqual(await readIds(a));
  });

  it('an un-star made after the star wins, in either direction of the import', async () => {
    const a = freshStore(Date.parse('2024-02-20T08:00:00Z'));
    await recordListing(a.store, page, listing.slice(0, 2));
    await setMark(a.store, listing[0]!.id, 'starred', true);
    const b = freshStore(Date.parse('2024-02-20T09:00:00Z'));
    await importInto(b, await backupOf(a));
    expect(await starredIds(b)).toEqual([listing[0]!.id]);
    b.advance(HOUR);
    await setMark(b.store, listing[0]!.id, 'starred', false);
    // A lists the page again later (a newer updatedAt), then takes in B's backup: the un-star still wins.
    a.advance(DAY);
    await recordListing(a.store, dayPage('2024-02-21'), listing.slice(0, 2));
    await importInto(a, await backupOf(b));
    expect(await starredIds(a)).toEqual([]);
    const stored = await a.store.db.papers.get(listing[0]!.id);
    expect(stored?.starStamp).toBeDefined();
  });

  it('a backup made before stamps existed keeps a star from either side', async () => {
    const a = freshStore(Date.parse('2024-02-20T08:00:00Z'));
    await recordListing(a.store, page, listing.slice(0, 3));
    await setMark(a.store, listing[1]!.id, 'starred', true);
    const old = JSON.parse(await backupOf(a)) as { papers: Array<Record<string, unknown>> };
    for (const record of old.papers) {
      delete record.starStamp;
      delete record.readStamp;
      record.updatedAt = Date.parse('2024-03-01T00:00:00Z');
    }
    old.papers[0]!.starredAt = Date.parse('2024-02-19T00:00:00Z');
    await importInto(a, JSON.stringify(old));
    expect(await starredIds(a)).toEqual([listing[0]!.id, listing[1]!.id]);
  });
});

describe('change stamps of the reader state', () => {
  it('stamps a star and an un-star, keeps the device id in kv apart from the settings, and a repeat changes nothing', async () => {
    const t = freshStore();
    await recordListing(t.store, page, listing.slice(0, 1));
    await setMark(t.store, listing[0]!.id, 'starred', true);
    const starred = await t.store.db.papers.get(listing[0]!.id);
    const device = (await t.store.db.kv.get(DEVICE_KEY))?.value as string;
    expect(device).toMatch(/^[0-9a-z]{10}$/);
    expect(starred?.starStamp?.endsWith(`.${device}`)).toBe(true);
    t.advance(1000);
    await setMark(t.store, listing[0]!.id, 'starred', true);
    expect(await t.store.db.papers.get(listing[0]!.id)).toEqual(starred);
    await setMark(t.store, listing[0]!.id, 'starred', false);
    const unstarred = await t.store.db.papers.get(listing[0]!.id);
    expect(unstarred?.starredAt).toBeUndefined();
    expect(unstarred!.starStamp! > starred!.starStamp!).toBe(true);
    expect(await t.store.settings()).not.toHaveProperty('device');
  });

  it('a change made after importing a backup from a profile whose clock is ahead still wins', async () => {
    const ahead = freshStore(Date.parse('2024-02-21T08:00:00Z'));
    await recordListing(ahead.store, page, listing.slice(0, 1));
    await setMark(ahead.store, listing[0]!.id, 'starred', true);
    const behind = freshStore(Date.parse('2024-02-20T08:00:00Z'));
    await importInto(behind, await backupOf(ahead));
    await setMark(behind.store, listing[0]!.id, 'starred', false);
    await importInto(ahead, await backupOf(behind));
    expect(await starredIds(ahead)).toEqual([]);
  });
});

/** A request as the request loop routes it: its payload parsed first. */
const answer = <T extends RequestType>(store: Store, request: Request<T>) => route({ store, sync: null }, parseRequest(request));

describe('requests sent again after their reply was lost', () => {
  it('backup/merge answers a repeat with its first answer and changes nothing', async () => {
    const t = freshStore();
    const records = listing.slice(0, 3).map((item) => ({ ...item, firstListedAt: 1, lastListedAt: 2, listedCount: 1, seenCount: 0, pageKinds: ['day'], updatedAt: 2 }) as PaperRecord);
    const request = { type: 'backup/merge' as const, requestId: 'r-1', papers: records, sightings: [] };
    const first = await answer(t.store, request);
    expect(first.payload).toMatchObject({ added: 3, updated: 0, unchanged: 0 });
    const again = await answer(t.store, request);
    expect(again.payload).toEqual(first.payload);
    // A new request with the same records is a new import: it finds them all up to date.
    expect((await answer(t.store, { ...request, requestId: 'r-2' })).payload).toMatchObject({ added: 0, unchanged: 3 });
  });

  it('data/clear answers a repeat with the counts it cleared', async () => {
    const t = freshStore();
    await recordListing(t.store, page, listing.slice(0, 4));
    const first = await answer(t.store, { type: 'data/clear', requestId: 'c-1' });
    expect(first.payload).toEqual({ cleared: { papers: 4, sightings: 4 } });
    expect((await answer(t.store, { type: 'data/clear', requestId: 'c-1' })).payload).toEqual(first.payload);
  });

  it('skips records whose paper id is not an arXiv id, and counts them', async () => {
    const t = freshStore();
    const good = { ...listing[0]!, firstListedAt: 1, lastListedAt: 2, listedCount: 1, seenCount: 0, pageKinds: ['day'], updatedAt: 2 } as PaperRecord;
    const bad = { ...good, id: '<script>alert(1)</script>' };
    const answer = await mergeBackup(t.store, [good, bad], [{ paperId: bad.id, pageKind: 'day', pageKey: page.key, at: 1, seen: false }]);
    expect(answer).toMatchObject({ added: 1, skipped: 2 });
    expect(await t.store.db.papers.count()).toBe(1);
    expect(await t.store.db.sightings.count()).toBe(0);
  });
});
