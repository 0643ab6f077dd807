/**
 * The request loop, free of browser globals so unit tests can drive it: waits for the database (a waking
 * worker answers with real data, never a default), routes, answers {ok:false, error} in plain words, and
 * broadcasts what changed and any storage fault.
 */
import type { ErrorBody, Request, RequestType, Response } from '../../core/messages';
import { isRequest } from '../../core/messages';
import { errorBody, RequestFailure } from './request-failure';
import { route } from './router';
import { parseRequest, type Parsed } from './parse-request';
import { startListingAnalysis } from '../analysis/background-analysis';
import type { Store } from '../store';
import type { Broadcaster } from './broadcast';
import type { SyncEngine } from '../sync/engine';
import type { PaperRecord } from '../../core/records';
import { normaliseId } from '../../core/ids';

const STORAGE_FAULTS = new Set<ErrorBody['code']>(['quota', 'blocked', 'open-failed']);
/** Requests answered without the database: a page keeps its marks even when the store cannot open. */
const NEEDS_NO_DATABASE = new Set<RequestType>(['page/analyse']);

export class RequestLoop {
  private opening: Promise<void> | null = null;
  /** Sync through the browser's storage.sync (set by the worker's entry; absent in most tests). */
  sync: SyncEngine | null = null;

  constructor(readonly store: Store, readonly broadcaster: Broadcaster) {
    store.onLateChange = (ids) => this.afterwards(ids, undefined);
  }

  /** Opens the database once; a blocked upgrade or a failed open is answered, and retried by the next request. */
  ready(): Promise<void> {
    if (this.opening && this.store.db.isOpen()) return this.opening;
    const db = this.store.db;
    this.opening = new Promise<void>((resolve, reject) => {
      const onBlocked = (): void => reject(new RequestFailure('blocked', 'Paper Lens is waiting to update its database: another window still uses the old version. Close other Paper Lens pages and try again.'));
      db.on('blocked', onBlocked);
      db.open().then(() => {
        resolve();
        // Index rows a stopped worker or an import left unwritten are written in the background, and the listings
        // checked without them are checked again after.
        void this.store.indexer.catchUp().catch(() => undefined);
        void this.store.duplicateRecheck.resume().catch(() => undefined);
        void this.sync?.start().catch(() => undefined);
      }, reject).finally(() => db.on('blocked').unsubscribe(onBlocked));
    }).catch((error: unknown) => {
      this.opening = null;
      if (error instanceof RequestFailure || errorBody(error).code !== 'internal') throw error;
      // Whatever stopped the open, the reader needs to hear the database did not open (nothing was touched).
      throw new RequestFailure('open-failed', `Paper Lens could not open its database (${error instanceof Error ? error.message : String(error)}). Your data was left untouched; restarting the browser usually helps.`);
    });
    return this.opening;
  }

  async handle(message: unknown, sender: { tab?: { id?: number } } = {}): Promise<Response<RequestType>> {
    if (!isRequest(message)) return { ok: false, error: { code: 'invalid', message: 'Paper Lens did not understand this request.' } };
    try {
      const request = parseRequest(message as Request);
      // Before anything is awaited, so the page/analyse that follows always finds it.
      if (request.type === 'page/listed' && request.analyse) startListingAnalysis(this.store.analyses, request.analyse);
      if (!NEEDS_NO_DATABASE.has(request.type)) await this.ready();
      const pageKey = 'page' in request ? request.page?.key : undefined;
      this.broadcaster.noteTab(sender.tab?.id, pageKey);
      const routed = await route({ store: this.store, sync: this.sync }, request);
      this.afterwards(routed.changedIds, routed.broadcast);
      this.toSync(request, routed.changedIds);
      return { ok: true, ...routed.payload } as Response<RequestType>;
    } catch (error) {
      const body = errorBody(error);
      if (STORAGE_FAULTS.has(body.code)) void this.broadcaster.send({ type: 'store/error', error: body });
      return { ok: false, error: body };
    }
  }

  /** Tells sync what changed here: reader state soon, an import's chunks in one batch, settings with a new stamp. */
  private toSync(request: Parsed, changedIds: string[] | undefined): void {
    const sync = this.sync;
    if (!sync?.isEnabled) return;
    if (request.type === 'backup/merge') sync.noteLocalChange(offOnlyIds(request.papers), true);
    else if (request.type === 'settings/set') void sync.noteSettingsChanged().catch(() => undefined);
    else if (changedIds && changedIds.length > 0) sync.noteLocalChange(changedIds);
  }

  /** Papers changed outside any request (a merge from sync): every tab updates their marks. */
  tellTabs(ids: string[]): void {
    this.afterwards(ids, undefined);
  }

  /** Broadcasts after answering; a failure here must not turn a saved change into an error answer. */
  private afterwards(changedIds: string[] | undefined, broadcast: Parameters<Broadcaster['send']>[0] | undefined): void {
    if (broadcast) void this.broadcaster.send(broadcast).catch(() => undefined);
    if (changedIds && changedIds.length > 0) {
      void this.broadcaster
        .sendStates((pageKey) => this.store.statesOf(changedIds, () => pageKey))
        .catch(() => undefined);
    }
  }
}

/** Ids of imported papers that carry only tombstones (an un-star or un-read): the indexes do not find them. */
function offOnlyIds(papers: readonly PaperRecord[]): string[] {
  return papers
    .filter((paper) => paper.starredAt == null && paper.readAt == null && (paper.starStamp || paper.readStamp))
    .map((paper) => normaliseId(paper.id));
}
