/**
 * The hydration payload: JSON in a `data-props` attribute that server-rendered listings carry. Every field is
 * treated as untrusted and optional; anything unexpected yields fewer papers, never an exception.
 */
import type { Paper } from '../../core/types';
import { normaliseId } from '../../core/ids';
import { collapseWhitespace } from '../../core/text';
import { STEP_PARSE_CHARS, splitPayloadInSteps } from './payload-split';

export interface Payload {
  /** Papers by normalised id, in payload order (first listing wins when an id repeats). */
  papers: Map<string, Paper>;
  periodType?: 'day' | 'week' | 'month';
  /** The listing's date, week or month as the payload names it. */
  dateString?: string;
}

export type PayloadResult = { status: 'ok'; payload: Payload } | { status: 'missing' } | { status: 'malformed'; reason: string };

/** Hydrater components known to carry a paper list; any other `data-props` element is checked only by content. */
const PAPER_TARGETS = ['DailyPapers', 'PaperSearch', 'TrendingPapers', 'PapersPage'];
const LIST_KEYS = ['dailyPapers', 'papers', 'trendingPapers', 'searchResults', 'results'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optionalText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function number(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function authorNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const author of value) {
    const name = typeof author === 'string' ? author : isObject(author) ? text(author.name) : '';
    if (name.trim()) names.push(name.trim());
  }
  return names;
}

function keywords(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return list.length ? list : undefined;
}

/** One list entry (`{paper: {...}, title}` as on daily pages, or a bare paper object) as a Paper. */
export function paperFromEntry(entry: unknown): Paper | null {
  if (!isObject(entry)) return null;
  const inner = isObject(entry.paper) ? entry.paper : entry;
  const rawId = typeof inner.id === 'string' ? inner.id : typeof inner.id === 'number' ? String(inner.id) : '';
  const id = normaliseId(rawId);
  if (!id) return null;
  const paper: Paper = {
    id,
    title: collapseWhitespace(text(inner.title) || text(entry.title)),
    abstract: text(inner.summary ?? inner.abstract).trim(),
    authors: authorNames(inner.authors),
  };
  const publishedAt = optionalText(inner.publishedAt) ?? optionalText(entry.publishedAt);
  if (publishedAt) paper.publishedAt = publishedAt;
  const submitted = optionalText(inner.submittedOnDailyAt);
  if (submitted) paper.submittedOnDailyAt = submitted;
  const upvotes = number(inner.upvotes);
  if (upvotes !== undefined) paper.upvotes = upvotes;
  const words = keywords(inner.ai_keywords ?? inner.keywords);
  if (words) paper.keywords = words;
  const repo = optionalText(inner.githubRepo);
  if (repo) paper.githubRepo = repo;
  return paper;
}

const ENTRIES_PER_STEP = 500;

function* payloadFromPropsInSteps(props: unknown): Generator<void, Payload | null, void> {
  if (!isObject(props)) return null;
  let list: unknown[] | null = null;
  for (const key of LIST_KEYS) {
    const value = props[key];
    if (Array.isArray(value)) {
      list = value;
      break;
    }
  }
  if (!list) return null;
  const papers = new Map<string, Paper>();
  for (let i = 0; i < list.length; i++) {
    if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    const paper = paperFromEntry(list[i]);
    if (paper && !papers.has(paper.id)) papers.set(paper.id, paper);
  }
  const payload: Payload = { papers };
  const periodType = props.periodType;
  if (periodType === 'day' || periodType === 'week' || periodType === 'month') payload.periodType = periodType;
  const dateString = optionalText(props.dateString);
  if (dateString) payload.dateString = dateString;
  return payload;
}

function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Reads the paper list out of parsed `data-props`; null when the shape holds no papers at all. */
export function payloadFromProps(props: unknown): Payload | null {
  return runSteps(payloadFromPropsInSteps(props));
}

function candidateElements(doc: Document): Element[] {
  const known = PAPER_TARGETS.map((target) => `[data-target="${target}"][data-props]`).join(',');
  const found = Array.from(doc.querySelectorAll(known));
  if (found.length) return found;
  // Unknown component names: any hydrater whose props mention a paper list.
  return Array.from(doc.querySelectorAll('[data-props]')).filter((element) => /"(?:dailyPapers|papers)"\s*:/.test(element.getAttribute('data-props') ?? ''));
}

/** The last payload text parsed and its result: re-scans of an unchanged page skip the parse. */
let cached: { raw: string; result: PayloadResult } | null = null;

function* parsePropsInSteps(raw: string): Generator<void, PayloadResult, void> {
  if (cached?.raw === raw) return cached.result;
  let props: unknown;
  if (raw.length > STEP_PARSE_CHARS) {
    const split = yield* splitPayloadInSteps(raw, LIST_KEYS);
    if (split && isObject(split.top)) props = { ...split.top, [split.key]: split.elements };
  }
  let result: PayloadResult | null = null;
  if (props === undefined) {
    try {
      props = JSON.parse(raw);
    } catch {
      result = { status: 'malformed', reason: 'the payload is not JSON' };
    }
  }
  if (!result) {
    const payload = yield* payloadFromPropsInSteps(props);
    result = payload ? { status: 'ok', payload } : { status: 'malformed', reason: 'no paper list in the payload' };
  }
  cached = { raw, result };
  return result;
}

/** Finds and parses the page's hydration payload, in steps for big ones. */
export function* readPayloadInSteps(doc: Document): Generator<void, PayloadResult, void> {
  const elements = candidateElements(doc);
  if (elements.length === 0) return { status: 'missing' };
  let failure: PayloadResult = { status: 'malformed', reason: 'no paper list in the payload' };
  for (const element of elements) {
    const result = yield* parsePropsInSteps(element.getAttribute('data-props') ?? '');
    if (result.status === 'ok') return result;
    failure = result;
  }
  return failure;
}

export function readPayload(doc: Document): PayloadResult {
  return runSteps(readPayloadInSteps(doc));
}
