/**
 * Service worker entry. The message listener is registered synchronously at the top level (a worker woken by
 * a message must find it) and returns a Promise that settles only once the database answered.
 */
import browser from 'webextension-polyfill';
import type { Broadcast } from '../core/messages';
import { isRequest } from '../core/messages';
import { Broadcaster } from './api/broadcast';
import { installBenchHooks } from './bench/bench-hooks';
import { Store } from './store';
import { RequestLoop } from './api/request-loop';
import { browserName } from '../core/sync/devices';
import { SyncEngine } from './sync/engine';
import { browserSyncArea } from './sync/browser-area';

const store = new Store();
if (__BENCH__) installBenchHooks(store);
const broadcaster = new Broadcaster({
  tabIds: async () => (await browser.tabs.query({})).map((tab) => tab.id).filter((id): id is number => id !== undefined),
  toTab: (tabId: number, message: Broadcast) => browser.tabs.sendMessage(tabId, message),
  toPages: (message: Broadcast) => browser.runtime.sendMessage(message),
});
const worker = new RequestLoop(store, broadcaster);
worker.sync = new SyncEngine({
  store,
  area: browserSyncArea(),
  clock: () => store.clock(),
  onPapersChanged: (ids) => worker.tellTabs(ids),
  onSettingsChanged: (settings) => void broadcaster.send({ type: 'settings/changed', settings }).catch(() => undefined),
  onStatus: (status) => void broadcaster.toPages({ type: 'sync/status', status }),
  deviceName: browserName(navigator.userAgent),
});

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Broadcasts and other pages' traffic are not for the store: leave them unanswered.
  if (!isRequest(message)) return undefined;
  return worker.handle(message, sender);
});

// Open (and upgrade) at once, so the first request rarely waits; faults are answered per request.
void worker.ready().catch(() => undefined);
