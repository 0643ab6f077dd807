/**
 * Every request's payload is checked here, once, as it arrives: one parse function per request type of
 * src/core/messages.ts. A parse either returns the payload in the shape the handlers rely on (ids folded to one
 * form, lists that are lists, papers that are objects with text fields) or throws an `invalid` RequestFailure in
 * plain words. Past this point nothing checks a payload's shape again.
 */
import type { Request, RequestMap, RequestType } from '../../core/messages';
import type { PaperRecord, Sighting } from '../../core/records';
import type { AnalysisOptions, ListingPage, Paper } from '../../core/types';
import { isPaperId, normaliseId } from '../../core/ids';
import { plainPaper } from '../db/derive';
import { RequestFailure } from './request-failure';

/** A page/listed's analysis, or why it cannot run (answered to the page/analyse that asks for it). */
export type AnalysisInput = { ok: true; papers: Paper[]; options: AnalysisOptions } | { ok: false; failure: RequestFailure };

/** The payloads as the handlers get them, where they differ from what was sent. */
interface ParsedPayloads {
  'page/listed': { page: ListingPage; papers: Paper[]; analyse?: { ref: string; input: AnalysisInput } };
  'papers/reader-related': { ref: string; ids: string[] };
  'listing/settled': { receipt: string };
  'page/analyse': { ref: string } | { papers: Paper[]; options: AnalysisOptions };
  'papers/for-you': { ids: string[] };
  'papers/seen': { page: ListingPage; ids: string[] };
  'paper/set-read': { id: string; read: boolean; paper?: Paper };
  'paper/set-starred': { id: string; starred: boolean; paper?: Paper };
  'paper/set-annotations': { id: string; tags?: unknown; note?: unknown };
  'paper/opened': { id: string; paper?: Paper };
  'states/get': { ids: string[] };
  'papers/get': { ids: string[] };
  'history/list': { view: RequestMap['history/list']['req']['view']; query?: string; tag?: string; offset: number; limit: number };
  'settings/set': { patch: unknown };
  'data/clear': { everywhere: boolean };
  'sync/set-enabled': { on: boolean };
  'backup/read': { table: 'papers' | 'sightings'; offset: number; limit: number };
  'backup/merge': { papers: PaperRecord[]; sightings: Sighting[] };
}

type PayloadOf<T extends RequestType> = T extends keyof ParsedPayloads ? ParsedPayloads[T] : RequestMap[T]['req'];
export type Parsed<T extends RequestType = RequestType> = T extends RequestType ? { type: T; requestId?: string; sentAt?: number } & PayloadOf<T> : never;

const invalid = (message: string): RequestFailure => new RequestFailure('invalid', message);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(`The request is missing its list of ${what}.`);
  return value;
}

function listingPage(value: unknown): ListingPage {
  if (!isObject(value) || typeof value.key !== 'string' || value.key === '') throw invalid('The listing has no page key.');
  return value as unknown as ListingPage;
}

/** An id folded to its one form; empty when there is none. */
const idOf = (value: unknown): string => normaliseId(typeof value === 'string' ? value : String(value ?? ''));

/** Distinct non-empty ids, in order. */
const distinctIds = (values: unknown[]): string[] => [...new Set(values.map(idOf).filter(Boolean))];

function paperId(value: unknown): string {
  const id = idOf(value);
  if (!id) throw invalid('This paper has no id Paper Lens can use.');
  return id;
}

/** A paper's text fields as stored papers keep them (plainPaper); an entry that is no object is an empty paper. */
function paperAsSent(value: unknown): Paper {
  const paper = (isObject(value) ? value : {}) as unknown as Paper;
  return { ...plainPaper(paper), id: typeof paper.id === 'string' ? paper.id : '' };
}

/** As paperAsSent, with the id folded to its one form (the store's papers are kept by that id). */
function paperToStore(value: unknown): Paper {
  const paper = paperAsSent(value);
  return { ...paper, id: idOf(isObject(value) ? value.id : undefined) };
}

const optionalPaper = (value: unknown): Paper | undefined => (isObject(value) ? paperToStore(value) : undefined);

function analysisOptions(value: unknown): AnalysisOptions {
  const raw = isObject(value) ? value : {};
  const { relatedThreshold, maxRelated } = raw;
  if (typeof relatedThreshold !== 'number' || typeof maxRelated !== 'number' || !Number.isFinite(relatedThreshold) || !Number.isFinite(maxRelated)) {
    throw invalid('The analysis request has no valid related-paper settings.');
  }
  return { relatedThreshold, maxRelated };
}

function analysisInput(papers: unknown[], options: unknown): AnalysisInput {
  try {
    return { ok: true, papers: papers.map(paperAsSent), options: analysisOptions(options) };
  } catch (error) {
    if (error instanceof RequestFailure) return { ok: false, failure: error };
    throw error;
  }
}

function backupPaper(value: unknown, index: number): PaperRecord {
  if (!isObject(value) || typeof value.id !== 'string' || value.id.trim() === '' || typeof value.title !== 'string') {
    throw invalid(`Paper ${index + 1} of this backup chunk has no id or title.`);
  }
  return value as unknown as PaperRecord;
}

function backupSighting(value: unknown, index: number): Sighting {
  if (!isObject(value) || typeof value.paperId !== 'string' || value.paperId === '' || typeof value.pageKey !== 'string'
    || typeof value.pageKind !== 'string' || typeof value.at !== 'number' || !Number.isFinite(value.at)) {
    throw invalid(`Listing ${index + 1} of this backup chunk is incomplete.`);
  }
  return value as unknown as Sighting;
}

const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value) || 0);

type Parsers = { [T in RequestType]: (request: Request<T>) => Parsed<T> };

const parsers: Parsers = {
  'page/listed': (request) => {
    const page = listingPage(request.page);
    const papers = list(request.papers, 'papers');
    const analyse = request.analyse as unknown;
    const parsed: Parsed<'page/listed'> = { type: request.type, page, papers: papers.map(paperToStore) };
    // A malformed `analyse` only means no analysis runs on arrival: the page falls back to page/analyse with papers.
    if (isObject(analyse) && typeof analyse.ref === 'string') parsed.analyse = { ref: analyse.ref, input: analysisInput(papers, analyse.options) };
    return parsed;
  },
  'papers/reader-related': (request) => {
    if (typeof request.ref !== 'string') throw invalid('The request is missing its ref.');
    return { type: request.type, ref: request.ref, ids: distinctIds(list(request.ids, 'paper ids')) };
  },
  'listing/settled': (request) => {
    if (typeof request.receipt !== 'string') throw invalid('The request is missing its receipt.');
    return { type: request.type, receipt: request.receipt };
  },
  'page/analyse': (request) => {
    if ('ref' in request) return { type: request.type, ref: String(request.ref) };
    const papers = list(request.papers, 'papers').map(paperAsSent);
    return { type: request.type, papers, options: analysisOptions(request.options) };
  },
  // Not made distinct: the picks' indexes point into the page's list.
  'papers/for-you': (request) => ({ type: request.type, ids: list(request.ids, 'paper ids').map(idOf) }),
  'papers/seen': (request) => ({ type: request.type, page: listingPage(request.page), ids: distinctIds(list(request.ids, 'paper ids')) }),
  'paper/set-read': (request) => withPaper({ type: request.type, id: paperId(request.id), read: request.read === true }, request.paper),
  'paper/set-starred': (request) => withPaper({ type: request.type, id: paperId(request.id), starred: request.starred === true }, request.paper),
  'paper/set-annotations': (request) => {
    const parsed: Parsed<'paper/set-annotations'> = { type: request.type, id: paperId(request.id) };
    if (request.tags !== undefined) parsed.tags = request.tags;
    if (request.note !== undefined) parsed.note = request.note;
    return parsed;
  },
  'tags/list': (request) => request,
  'paper/opened': (request) => {
    const id = paperId(request.id);
    // Opening marks read and keeps the paper: only a paper the site can show is kept (as a restore keeps only those).
    if (!isPaperId(id)) throw invalid('Paper Lens keeps only arXiv papers, and this link is not to one.');
    return withPaper({ type: request.type, id }, request.paper);
  },
  'states/get': (request) => ({ type: request.type, ids: list(request.ids, 'paper ids').map(idOf) }),
  'history/list': (request) => {
    const parsed: Parsed<'history/list'> = { type: request.type, view: request.view, offset: toNumber(request.offset), limit: toNumber(request.limit) };
    if (typeof request.query === 'string') parsed.query = request.query;
    if (typeof request.tag === 'string' && request.tag !== '') parsed.tag = request.tag;
    return parsed;
  },
  'stats/get': (request) => request,
  'papers/get': (request) => ({ type: request.type, ids: list(request.ids, 'paper ids').map(idOf) }),
  'settings/get': (request) => request,
  'settings/set': (request) => ({ type: request.type, patch: request.patch }),
  'data/clear': (request) => ({ type: request.type, everywhere: request.everywhere === true }),
  'sync/status': (request) => request,
  'sync/set-enabled': (request) => ({ type: request.type, on: request.on === true }),
  'sync/remove-remote': (request) => request,
  'sync/forget-device': (request) => {
    if (typeof request.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(request.id)) throw invalid('Paper Lens did not understand which browser to forget.');
    return { type: request.type, id: request.id };
  },
  'sync/flush': (request) => request,
  'backup/read': (request) => {
    const table: unknown = request.table;
    if (table !== 'papers' && table !== 'sightings') throw invalid(`There is no table called ${String(table)} to back up.`);
    return { type: request.type, table, offset: toNumber(request.offset), limit: toNumber(request.limit) };
  },
  'backup/merge': (request) => {
    const papers = list(request.papers ?? [], 'papers');
    const sightings = list(request.sightings ?? [], 'listings');
    return { type: request.type, papers: papers.map(backupPaper), sightings: sightings.map(backupSighting) };
  },
};

function withPaper<R extends object>(parsed: R, paper: unknown): R & { paper?: Paper } {
  const found = optionalPaper(paper);
  return found ? { ...parsed, paper: found } : parsed;
}

/** The request's payload checked and in the handlers' shape; throws an `invalid` RequestFailure when it is not usable. */
export function parseRequest<T extends RequestType>(request: Request<T>): Parsed<T> {
  const parse = parsers[request.type as T] as (request: Request<T>) => Parsed<T>;
  const parsed = parse(request);
  // Kept answers are found by it (data/clear, backup/merge): the same on every send of one request.
  const requestId: unknown = request.requestId;
  if (typeof requestId === 'string' && requestId !== '') parsed.requestId = requestId;
  const sentAt: unknown = request.sentAt;
  if (typeof sentAt === 'number' && Number.isFinite(sentAt)) parsed.sentAt = sentAt;
  return parsed;
}
