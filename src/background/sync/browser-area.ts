/**
 * The browser's `storage.sync` as a SyncArea. Its onChanged listener is added when this is made, at the top
 * level of the worker's script, so a worker woken by a change from another device finds it; the engine
 * subscribes later, once the database is open (it merges the whole area then anyway).
 */
import browser from 'webextension-polyfill';
import type { SyncArea, SyncChanges } from '../../core/sync/area';

export function browserSyncArea(): SyncArea {
  const listeners = new Set<(changes: SyncChanges) => void>();
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== 'sync') return;
    for (const listener of listeners) listener(changes as SyncChanges);
  });
  const sync = browser.storage.sync;
  return {
    get: (keys) => sync.get(keys) as Promise<Record<string, unknown>>,
    set: (items) => sync.set(items),
    remove: (keys) => sync.remove(keys),
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
