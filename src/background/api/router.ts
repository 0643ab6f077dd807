/**
 * One function per request type of src/core/messages.ts. Answers are plain data; what other contexts must
 * hear about (state, settings, a cleared store) is returned as broadcasts for the caller to send.
 */
import type { Broadcast, RequestType, ResponsePayload } from '../../core/messages';
import type { Settings } from '../../core/settings';
import { normaliseSettings } from '../../core/settings';
import { toPaperRecord } from '../db/db';
import { listPage, recordSeen } from '../listing/record-listing';
import { answerReaderRelated } from '../related/reader-related';
import { setMark } from '../papers/reader-marks';
import { listTags, setAnnotations } from '../papers/annotations';
import { listTaggedHistory } from '../papers/tagged-history';
import { listHistory } from '../papers/history';
import { readStats } from '../papers/stats';
import { mergeBackup, readBackup } from '../backup/backup';
import { analyseInBackground } from '../analysis/background-analysis';
import { forYouPicks } from '../related/for-you';
import { RequestFailure } from './request-failure';
import { earlierAnswer, keepAnswer } from './kept-answers';
import type { Parsed } from './parse-request';
import type { Store } from '../store';
import type { SyncEngine } from '../sync/engine';

export interface Routed<T extends RequestType> {
  payload: ResponsePayload<T>;
  /** Paper ids whose state changed for every open listing (sent as state/changed, tailored per tab). */
  changedIds?: string[];
  broadcast?: Broadcast;
}

/** What the handlers work with: the store, and sync where the browser has it. */
export interface Services {
  store: Store;
  sync: SyncEngine | null;
}

type Handlers = { [T in RequestType]: (services: Services, request: Parsed<T>) => Promise<Routed<T>> };

function mergeSettings(current: Settings, patch: unknown): Settings {
  const raw = (typeof patch === 'object' && patch !== null ? patch : {}) as Record<string, unknown>;
  const marksPatch = typeof raw.marks === 'object' && raw.marks !== null ? raw.marks : {};
  return normaliseSettings({ ...current, ...raw, marks: { ...current.marks, ...marksPatch } });
}

function syncOf(sync: SyncEngine | null): SyncEngine {
  if (!sync) throw new RequestFailure('internal', 'Sync is not available in this browser.');
  return sync;
}

const handlers: Handlers = {
  'page/listed': async ({ store }, request) => {
    // Its analysis, if asked for, was started on arrival (RequestLoop.handle) and is answered to page/analyse.
    const { states, written, relatedRef } = await listPage(store, request.page, request.papers);
    return { payload: { states, receipt: store.pendingWrites.track(written), ...(relatedRef !== undefined ? { relatedRef } : {}) } };
  },
  'papers/reader-related': async ({ store }, request) => {
    return { payload: { related: await answerReaderRelated(store, request.ref, request.ids) } };
  },
  'listing/settled': async ({ store }, request) => {
    return { payload: { recorded: await store.pendingWrites.settled(request.receipt) } };
  },
  'page/analyse': async ({ store }, request) => {
    if ('ref' in request) {
      const analysis = await store.analyses.take(request.ref);
      return { payload: analysis ? { analysis } : {} };
    }
    return { payload: { analysis: await analyseInBackground(request.papers, request.options) } };
  },
  'papers/for-you': async ({ store }, request) => ({
    payload: { picks: await forYouPicks(store, request.ids) },
  }),
  'papers/seen': async ({ store }, request) => {
    return { payload: { states: await recordSeen(store, request.page, request.ids) } };
  },
  'paper/set-read': async ({ store }, request) => {
    const state = await setMark(store, request.id, 'read', request.read, request.paper);
    return { payload: { state }, changedIds: [state.id] };
  },
  'paper/set-starred': async ({ store }, request) => {
    const state = await setMark(store, request.id, 'starred', request.starred, request.paper);
    return { payload: { state }, changedIds: [state.id] };
  },
  'paper/set-annotations': async ({ store }, request) => {
    const state = await setAnnotations(store, request.id, { tags: request.tags, note: request.note });
    return { payload: { state }, changedIds: [state.id] };
  },
  'tags/list': async ({ store }) => ({ payload: { tags: await listTags(store) } }),
  'paper/opened': async ({ store }, request) => {
    const state = await setMark(store, request.id, 'read', true, request.paper);
    return { payload: { state }, changedIds: [state.id] };
  },
  'states/get': async ({ store }, request) => {
    return { payload: { states: await store.statesOf(request.ids) } };
  },
  'history/list': async ({ store }, request) => ({
    payload: request.tag !== undefined
      ? await listTaggedHistory(store, request.view, request.tag, request.query, request.offset, request.limit)
      : await listHistory(store, request.view, request.query, request.offset, request.limit),
  }),
  'stats/get': async ({ store }) => ({ payload: { stats: await readStats(store) } }),
  'papers/get': async ({ store }, request) => {
    const found = await store.db.papers.bulkGet(request.ids);
    return { payload: { papers: found.filter((paper) => paper !== undefined).map(toPaperRecord) } };
  },
  'settings/get': async ({ store }) => ({ payload: { settings: await store.settings() } }),
  'settings/set': async ({ store }, request) => {
    const settings = await store.db.transaction('rw', store.db.kv, async () => {
      const row = await store.db.kv.get('settings');
      const next = mergeSettings(normaliseSettings(row?.value), request.patch);
      await store.db.kv.put({ key: 'settings', value: next });
      return next;
    });
    store.rememberSettings(settings);
    return { payload: { settings }, broadcast: { type: 'settings/changed', settings } };
  },
  'data/clear': async ({ store, sync: engine }, request) => {
    const sync = engine?.isEnabled ? engine : null;
    // With sync on: either every browser clears its stars and read marks too, or this one stops syncing.
    if (sync && request.everywhere) await sync.clearEverywhere();
    else if (sync) await sync.setEnabled(false);
    // A listing answered before the clear is cleared whole: its write's later parts would come after the clear.
    await store.pageWrites.allSettled();
    const { papers, sightings, paperIndex, kv } = store.db;
    const cleared = await store.paperTotal.track(() => store.db.transaction('rw', [papers, sightings, paperIndex, kv], async () => {
      // Sent again after its reply was lost: the first send cleared the store, and its counts are the true answer.
      const repeated = await earlierAnswer<{ papers: number; sightings: number }>(store.db, request.requestId);
      if (repeated) return repeated;
      const counts = { papers: await papers.count(), sightings: await sightings.count() };
      await Promise.all([papers.clear(), sightings.clear(), paperIndex.clear(), kv.delete('candidateIndex')]);
      await keepAnswer(store.db, request.requestId, counts, store.now());
      return counts;
    }), () => 'recount');
    store.forgetAll();
    return { payload: { cleared }, broadcast: { type: 'data/cleared' } };
  },
  'sync/status': async ({ sync }) => ({ payload: { status: await syncOf(sync).currentStatus() } }),
  'sync/set-enabled': async ({ sync }, request) => ({ payload: { status: await syncOf(sync).setEnabled(request.on === true) } }),
  'sync/remove-remote': async (services) => {
    const sync = syncOf(services.sync);
    const removed = await sync.removeRemote();
    return { payload: { removed, status: await sync.currentStatus() } };
  },
  'sync/forget-device': async ({ sync }, request) => ({ payload: { status: await syncOf(sync).forgetDevice(request.id) } }),
  'sync/flush': async (services) => {
    const sync = syncOf(services.sync);
    if (sync.isEnabled) await sync.syncNow();
    return { payload: { status: await sync.currentStatus() } };
  },
  'backup/read': async ({ store }, request) => ({ payload: await readBackup(store, request.table, request.offset, request.limit) }),
  'backup/merge': async ({ store }, request) => ({
    payload: await mergeBackup(store, request.papers, request.sightings, request.requestId),
  }),
};

/** Answers a request whose payload parseRequest checked. */
export async function route<T extends RequestType>(services: Services, request: Parsed<T>): Promise<Routed<T>> {
  const handler = handlers[request.type as T] as (services: Services, request: Parsed<T>) => Promise<Routed<T>>;
  return handler(services, request);
}
