/**
 * One function per request type of src/core/messages.ts. Answers are plain data; what other contexts must
 * hear about (state, settings, a cleared store) is returned as broadcasts for the caller to send.
 */
import type { Broadcast, Request, RequestType, ResponsePayload } from '../core/messages';
import type { Settings } from '../core/settings';
import { normaliseSettings } from '../core/settings';
import { normaliseId } from '../core/ids';
import { toPaperRecord } from './db';
import { listPage, recordSeen } from './listing';
import { answerReaderRelated } from './reader-related';
import { setMark } from './marks';
import { listTags, setAnnotations } from './annotations';
import { listTaggedHistory } from './tagged-history';
import { listHistory } from './history';
import { readStats } from './stats';
import { mergeBackup, readBackup } from './backup';
import { analyseInBackground } from './analysis';
import { forYouPicks } from './for-you';
import { StoreFailure } from './errors';
import { earlierAnswer, keepAnswer } from './request-answers';
import type { Store } from './store';
import type { SyncEngine } from './sync/engine';

export interface Routed<T extends RequestType> {
  payload: ResponsePayload<T>;
  /** Paper ids whose state changed for every open listing (sent as state/changed, tailored per tab). */
  changedIds?: string[];
  broadcast?: Broadcast;
}

type Handlers = { [T in RequestType]: (store: Store, request: Request<T>) => Promise<Routed<T>> };

function mergeSettings(current: Settings, patch: unknown): Settings {
  const raw = (typeof patch === 'object' && patch !== null ? patch : {}) as Record<string, unknown>;
  const marksPatch = typeof raw.marks === 'object' && raw.marks !== null ? raw.marks : {};
  return normaliseSettings({ ...current, ...raw, marks: { ...current.marks, ...marksPatch } });
}

function syncOf(store: Store): SyncEngine {
  if (!store.sync) throw new StoreFailure('internal', 'Sync is not available in this browser.');
  return store.sync;
}

function requireArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new StoreFailure('invalid', `The request is missing its list of ${what}.`);
  return value;
}

const handlers: Handlers = {
  'page/listed': async (store, request) => {
    if (!request.page?.key) throw new StoreFailure('invalid', 'The listing has no page key.');
    const papers = requireArray(request.papers, 'papers') as typeof request.papers;
    // Its analysis, if asked for, was started on arrival (Worker.handle) and is answered to page/analyse.
    const { states, written, relatedRef } = await listPage(store, request.page, papers);
    return { payload: { states, receipt: store.pendingWrites.track(written), ...(relatedRef !== undefined ? { relatedRef } : {}) } };
  },
  'papers/reader-related': async (store, request) => {
    if (typeof request.ref !== 'string') throw new StoreFailure('invalid', 'The request is missing its ref.');
    const ids = [...new Set((requireArray(request.ids, 'paper ids') as string[]).map((id) => normaliseId(String(id))).filter(Boolean))];
    return { payload: { related: await answerReaderRelated(store, request.ref, ids) } };
  },
  'listing/settled': async (store, request) => {
    if (typeof request.receipt !== 'string') throw new StoreFailure('invalid', 'The request is missing its receipt.');
    return { payload: { recorded: await store.pendingWrites.settled(request.receipt) } };
  },
  'page/analyse': async (store, request) => {
    if ('ref' in request) {
      const analysis = await store.analyses.take(String(request.ref));
      return { payload: analysis ? { analysis } : {} };
    }
    return { payload: { analysis: await analyseInBackground(requireArray(request.papers, 'papers'), request.options) } };
  },
  'papers/for-you': async (store, request) => ({
    payload: { picks: await forYouPicks(store, requireArray(request.papers, 'papers') as typeof request.papers) },
  }),
  'papers/seen': async (store, request) => {
    if (!request.page?.key) throw new StoreFailure('invalid', 'The listing has no page key.');
    const ids = requireArray(request.ids, 'paper ids') as string[];
    return { payload: { states: await recordSeen(store, request.page, ids) } };
  },
  'paper/set-read': async (store, request) => {
    const state = await setMark(store, request.id, 'read', request.read === true, request.paper);
    return { payload: { state }, changedIds: [state.id] };
  },
  'paper/set-starred': async (store, request) => {
    const state = await setMark(store, request.id, 'starred', request.starred === true, request.paper);
    return { payload: { state }, changedIds: [state.id] };
  },
  'paper/set-annotations': async (store, request) => {
    const state = await setAnnotations(store, request.id, { tags: request.tags, note: request.note });
    return { payload: { state }, changedIds: [state.id] };
  },
  'tags/list': async (store) => ({ payload: { tags: await listTags(store) } }),
  'paper/opened': async (store, request) => {
    const state = await setMark(store, request.id, 'read', true, request.paper);
    return { payload: { state }, changedIds: [state.id] };
  },
  'states/get': async (store, request) => {
    const ids = (requireArray(request.ids, 'paper ids') as string[]).map((id) => normaliseId(String(id)));
    return { payload: { states: await store.statesOf(ids) } };
  },
  'history/list': async (store, request) => ({
    payload: typeof request.tag === 'string' && request.tag !== ''
      ? await listTaggedHistory(store, request.view, request.tag, request.query, request.offset, request.limit)
      : await listHistory(store, request.view, request.query, request.offset, request.limit),
  }),
  'stats/get': async (store) => ({ payload: { stats: await readStats(store) } }),
  'papers/get': async (store, request) => {
    const ids = (requireArray(request.ids, 'paper ids') as string[]).map((id) => normaliseId(String(id)));
    const found = await store.db.papers.bulkGet(ids);
    return { payload: { papers: found.filter((paper) => paper !== undefined).map(toPaperRecord) } };
  },
  'settings/get': async (store) => ({ payload: { settings: await store.settings() } }),
  'settings/set': async (store, request) => {
    const settings = await store.db.transaction('rw', store.db.kv, async () => {
      const row = await store.db.kv.get('settings');
      const next = mergeSettings(normaliseSettings(row?.value), request.patch);
      await store.db.kv.put({ key: 'settings', value: next });
      return next;
    });
    store.rememberSettings(settings);
    return { payload: { settings }, broadcast: { type: 'settings/changed', settings } };
  },
  'data/clear': async (store, request) => {
    const sync = store.sync?.isEnabled ? store.sync : null;
    // With sync on: either every browser clears its stars and read marks too, or this one stops syncing.
    if (sync && request.everywhere === true) await sync.clearEverywhere();
    else if (sync) await sync.setEnabled(false);
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
  'sync/status': async (store) => ({ payload: { status: await syncOf(store).currentStatus() } }),
  'sync/set-enabled': async (store, request) => ({ payload: { status: await syncOf(store).setEnabled(request.on === true) } }),
  'sync/remove-remote': async (store) => {
    const sync = syncOf(store);
    const removed = await sync.removeRemote();
    return { payload: { removed, status: await sync.currentStatus() } };
  },
  'sync/forget-device': async (store, request) => {
    if (typeof request.id !== 'string' || request.id === '') throw new StoreFailure('invalid', 'Paper Lens did not understand which browser to forget.');
    return { payload: { status: await syncOf(store).forgetDevice(request.id) } };
  },
  'sync/flush': async (store) => {
    const sync = syncOf(store);
    if (sync.isEnabled) await sync.syncNow();
    return { payload: { status: await sync.currentStatus() } };
  },
  'backup/read': async (store, request) => ({ payload: await readBackup(store, request.table, request.offset, request.limit) }),
  'backup/merge': async (store, request) => ({
    payload: await mergeBackup(store, requireArray(request.papers ?? [], 'papers'), requireArray(request.sightings ?? [], 'listings'), request.requestId),
  }),
};

export async function route<T extends RequestType>(store: Store, request: Request<T>): Promise<Routed<T>> {
  const handler = handlers[request.type as T] as (store: Store, request: Request<T>) => Promise<Routed<T>>;
  return handler(store, request);
}
