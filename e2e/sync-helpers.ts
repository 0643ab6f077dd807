/**
 * Two browsers syncing through the real chrome.storage.sync, with the test as the sync service: it reads one
 * profile's sync area through an extension page and writes the same items into the other's (Chromium runs here
 * with --disable-sync, so nothing would carry them otherwise; the storage.sync API works the same).
 */
import type { Page } from '@playwright/test';
import { decodeSyncItems, type SyncEntry } from '../src/core/sync/codec';
import type { LaunchedExtension } from './launch';
import { extensionPage, request } from './store-helpers';

export interface SyncProfile {
  launched: LaunchedExtension;
  /** An extension page of this profile (chrome.storage and chrome.runtime). */
  ext: Page;
}

export async function syncProfile(launched: LaunchedExtension): Promise<SyncProfile> {
  return { launched, ext: await extensionPage(launched.context, launched.extensionId) };
}

export async function readSyncArea(profile: SyncProfile): Promise<Record<string, unknown>> {
  return profile.ext.evaluate(() => chrome.storage.sync.get(null));
}

/** Delivery: what `from` holds in sync, written into `to`'s sync area (as the sync service would). */
export async function deliver(from: SyncProfile, to: SyncProfile): Promise<void> {
  const items = await readSyncArea(from);
  await to.ext.evaluate((values) => chrome.storage.sync.set(values), items);
}

/** The marks in a profile's synced copy, by id. */
export async function syncedEntries(profile: SyncProfile): Promise<Map<string, SyncEntry['state']>> {
  return new Map(decodeSyncItems(await readSyncArea(profile)).entries.map((entry) => [entry.id, entry.state]));
}

export async function setSync(profile: SyncProfile, on: boolean): Promise<void> {
  const answer = await request<{ ok: boolean }>(profile.ext, { type: 'sync/set-enabled', on });
  if (!answer.ok) throw new Error(`sync/set-enabled failed: ${JSON.stringify(answer)}`);
}

/** starred/read of each id in a profile's store. */
export async function marksOf(profile: SyncProfile, ids: string[]): Promise<string[]> {
  const answer = await request<{ ok: boolean; states: Array<{ id: string; starredAt?: number; readAt?: number }> }>(profile.ext, { type: 'states/get', ids });
  return answer.states.map((state) => `${state.id}:${state.starredAt !== undefined ? 'starred' : '-'}/${state.readAt !== undefined ? 'read' : '-'}`);
}
