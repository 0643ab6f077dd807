/**
 * The one typed message API between contexts. Content script, popup and options send `Request`s to the
 * background; the background answers with `Response<T>` and broadcasts `Broadcast`s to tabs and pages.
 * Pure types plus tiny pure helpers: no browser API here (see src/platform/messaging.ts for transport).
 */
import type { AnalysisOptions, ListingPage, PageAnalysis, Paper } from './types';
import type { HistoryRow, HistoryView, PaperRecord, PaperState, ReaderRelated, Sighting, Stats } from './records';
import type { Settings } from './settings';
import type { ForYouPick } from './for-you/rank';
import type { TagCount } from './annotations';
import type { SyncStatus } from './sync/status';

export type SettingsPatch = Partial<Omit<Settings, 'marks'>> & { marks?: Partial<Settings['marks']> };

/** A request that carries nothing but its type (and its requestId). */
export type NoBody = Record<never, never>;

export interface RequestMap {
  /**
   * A listing page was read: record the sightings, answer each paper's state. With `analyse`, `papers` is the
   * whole list in page order and its analysis starts at once under `analyse.ref`, for the page/analyse that asks
   * for it by that ref: the page's papers cross to the background once, and the analysis never waits for the store.
   */
  'page/listed': { req: { page: ListingPage; papers: Paper[]; analyse?: { options: AnalysisOptions; ref: string } }; res: { states: PaperState[]; receipt?: string; relatedRef?: string } };
  /**
   * The reader-related links ("Close to 2 papers you starred") of papers a page/listed answered, which come after
   * its states: asked with the answer's `relatedRef` and the ids it listed. Links only for `ids`, by id (a worker
   * that does not know the ref, because it was stopped in between, scores the stored papers instead).
   */
  'papers/reader-related': { req: { ref: string; ids: string[] }; res: { related: Array<{ id: string; readerRelated: ReaderRelated[] }> } };
  /**
   * The states of page/listed are answered before the listing is stored; its `receipt` asks whether it was. Answers
   * once the write committed; `recorded: false` when the worker cannot say so (it was stopped and woke again):
   * the listing must then be sent again (idempotent within its visit).
   */
  'listing/settled': { req: { receipt: string }; res: { recorded: boolean } };
  /**
   * Duplicates and related papers of one listing, worked out in the background (where the analysis code stays
   * compiled between visits) instead of on the page's main thread. Needs no database. With `ref`, the analysis
   * page/listed started under that ref; `analysis` is absent when there is none (the worker restarted in between).
   */
  'page/analyse': { req: { papers: Paper[]; options: AnalysisOptions } | { ref: string }; res: { analysis?: PageAnalysis } };
  /**
   * "For you": the listed papers closest to what the reader starred and read, best first (indexes into `ids`, papers
   * page/listed brought to the store; ids the store lacks are left out), each with the liked papers and words it is
   * close to; none for a reader with nothing starred or read.
   */
  'papers/for-you': { req: { ids: string[] }; res: { picks: ForYouPick[] } };
  /** Cards that were actually on screen. */
  'papers/seen': { req: { page: ListingPage; ids: string[] }; res: { states: PaperState[] } };
  'paper/set-read': { req: { id: string; read: boolean; paper?: Paper }; res: { state: PaperState } };
  'paper/set-starred': { req: { id: string; starred: boolean; paper?: Paper }; res: { state: PaperState } };
  /**
   * The reader's tags and note on a starred paper: each given field replaces the stored one (an empty list or text
   * clears it); an absent field is left as it is. Checked against core/annotations; refused for a paper that is
   * not starred unless it clears.
   */
  'paper/set-annotations': { req: { id: string; tags?: string[]; note?: string }; res: { state: PaperState } };
  /** Every tag in use, most used first, for autocomplete and the popup's tag filter. */
  'tags/list': { req: Record<string, never>; res: { tags: TagCount[] } };
  /** The reader opened the paper (its page, arXiv or PDF link): marks it read. */
  'paper/opened': { req: { id: string; paper?: Paper }; res: { state: PaperState } };
  'states/get': { req: { ids: string[] }; res: { states: PaperState[] } };
  'history/list': {
    /** `tag`: only papers carrying this tag (exactly as tags/list spells it). */
    req: { view: HistoryView; query?: string; tag?: string; offset: number; limit: number };
    res: { rows: HistoryRow[]; total: number };
  };
  'stats/get': { req: NoBody; res: { stats: Stats } };
  'papers/get': { req: { ids: string[] }; res: { papers: PaperRecord[] } };
  'settings/get': { req: NoBody; res: { settings: Settings } };
  'settings/set': { req: { patch: SettingsPatch }; res: { settings: Settings } };
  /**
   * Deletes every paper and sighting here. With sync on, `everywhere` first un-stars and un-reads every synced
   * paper (stamped, so the other browsers follow; their seen history stays); without it sync is turned off here,
   * or the synced copy would bring everything back.
   */
  'data/clear': { req: { everywhere?: boolean }; res: { cleared: { papers: number; sightings: number } } };
  'sync/status': { req: NoBody; res: { status: SyncStatus } };
  /** Turns sync through the browser's account on or off for this browser (off stops writing; nothing is removed). */
  'sync/set-enabled': { req: { on: boolean }; res: { status: SyncStatus } };
  /** Removes what Paper Lens put in the browser's sync area. */
  'sync/remove-remote': { req: NoBody; res: { removed: number; status: SyncStatus } };
  /**
   * Forgets another browser that syncs (its device item): un-stars and un-reads stop waiting for it to see them
   * before they leave the synced copy. It is listed again if it syncs again.
   */
  'sync/forget-device': { req: { id: string }; res: { status: SyncStatus } };
  /** Merges and writes now (after a restore finished: the merged result is written once). */
  'sync/flush': { req: NoBody; res: { status: SyncStatus } };
  /** Reads one page of a table for a backup file (ordered by primary key). */
  'backup/read': {
    req: { table: 'papers' | 'sightings'; offset: number; limit: number };
    res: { papers?: PaperRecord[]; sightings?: Sighting[]; total: number };
  };
  /**
   * Merges one chunk of a validated backup into the store: the reader's state field by field by its change
   * stamps, nothing dropped. `skipped` counts records whose paper id is not one the site could show.
   */
  'backup/merge': {
    req: { papers: PaperRecord[]; sightings: Sighting[] };
    res: { added: number; updated: number; unchanged: number; sightingsAdded: number; skipped: number };
  };
}

export type RequestType = keyof RequestMap;
/**
 * Every request is idempotent: sending it again after its reply was lost (the worker stopped mid-request) leaves
 * the store as sending it once did. Requests set absolute states (starred = true, a settings patch), a listing
 * and a seen report count once per visit, and a backup merge is a join. `requestId` is the same on every send of
 * one request: the requests whose answer reports what they changed (data/clear, backup/merge) answer a repeat
 * with the first answer. `sentAt` is when the request was first sent (the same on every send): a listing or seen
 * report sent before "clear all data" and handled after it must not write the cleared history back.
 */
export type Request<T extends RequestType = RequestType> = T extends RequestType ? { type: T; requestId?: string; sentAt?: number } & RequestMap[T]['req'] : never;
export type ResponsePayload<T extends RequestType> = RequestMap[T]['res'];

export type ErrorCode = 'quota' | 'blocked' | 'open-failed' | 'invalid' | 'not-found' | 'internal';
export interface ErrorBody {
  code: ErrorCode;
  /** Plain words for the reader. */
  message: string;
}
export type Response<T extends RequestType> = ({ ok: true } & ResponsePayload<T>) | { ok: false; error: ErrorBody };

/** Background -> tabs, popup and options. */
export type Broadcast =
  | { type: 'state/changed'; states: PaperState[] }
  | { type: 'settings/changed'; settings: Settings }
  | { type: 'data/cleared' }
  | { type: 'store/error'; error: ErrorBody }
  | { type: 'sync/status'; status: SyncStatus };

const REQUEST_TYPES: ReadonlySet<string> = new Set<RequestType>([
  'page/listed', 'papers/reader-related', 'listing/settled', 'page/analyse', 'papers/for-you', 'papers/seen', 'paper/set-read', 'paper/set-starred', 'paper/set-annotations', 'tags/list',
  'paper/opened', 'states/get',
  'history/list', 'stats/get', 'papers/get', 'settings/get', 'settings/set', 'data/clear', 'backup/read', 'backup/merge',
  'sync/status', 'sync/set-enabled', 'sync/remove-remote', 'sync/forget-device', 'sync/flush',
] satisfies RequestType[]);

export function isRequest(value: unknown): value is Request {
  return typeof value === 'object' && value !== null && REQUEST_TYPES.has((value as { type?: unknown }).type as string);
}

const BROADCAST_TYPES: ReadonlySet<string> = new Set<Broadcast['type']>(['state/changed', 'settings/changed', 'data/cleared', 'store/error', 'sync/status']);

export function isBroadcast(value: unknown): value is Broadcast {
  return typeof value === 'object' && value !== null && BROADCAST_TYPES.has((value as { type?: unknown }).type as string);
}
