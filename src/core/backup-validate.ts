/**
 * Checks one backup record at a time and says, in plain words, what is wrong with the first bad field.
 * Known fields are checked strictly; fields a later version of the extension may add are kept as they are.
 * An optional field written as null counts as absent (and is removed).
 */
import { isStamp } from './hlc';
import type { PaperRecord, Sighting } from './records';
import type { ListingKind } from './types';

const LISTING_KINDS = ['day', 'week', 'month', 'trending', 'search', 'landing', 'paper', 'other'] as const satisfies readonly ListingKind[];
// Fails to compile when ListingKind gains a kind this list lacks.
type MissingKind = Exclude<ListingKind, (typeof LISTING_KINDS)[number]>;
const allKindsListed: MissingKind extends never ? true : never = true;
void allKindsListed;

const KIND_SET: ReadonlySet<string> = new Set(LISTING_KINDS);

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

type Field = Record<string, unknown>;

const isObject = (value: unknown): value is Field => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Runs the checks in order and stops at the first problem. */
function firstProblem(record: Field, checks: ReadonlyArray<readonly [string, (value: unknown) => boolean, string, boolean]>): string | null {
  for (const [name, test, expected, optional] of checks) {
    const value = record[name];
    if (optional && (value === undefined || value === null)) {
      delete record[name];
      continue;
    }
    if (!test(value)) return `${name} ${value === undefined ? 'is missing' : 'is not valid'} (expected ${expected})`;
  }
  return null;
}

const nonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const string = (value: unknown): boolean => typeof value === 'string';
const count = (value: unknown): boolean => isFiniteNumber(value) && value >= 0;
const kinds = (value: unknown): boolean => isStringArray(value) && value.every((kind) => KIND_SET.has(kind));

const PAPER_CHECKS = [
  ['id', nonEmptyString, 'a non-empty text id', false],
  ['title', string, 'text', false],
  ['abstract', string, 'text', false],
  ['authors', isStringArray, 'a list of names', false],
  ['publishedAt', string, 'a date text', true],
  ['submittedOnDailyAt', string, 'a date text', true],
  ['upvotes', isFiniteNumber, 'a number', true],
  ['keywords', isStringArray, 'a list of words', true],
  ['githubRepo', string, 'a link text', true],
  ['firstListedAt', isFiniteNumber, 'a time', false],
  ['lastListedAt', isFiniteNumber, 'a time', false],
  ['listedCount', count, 'a count', false],
  ['firstSeenAt', isFiniteNumber, 'a time', true],
  ['lastSeenAt', isFiniteNumber, 'a time', true],
  ['seenCount', count, 'a count', false],
  ['pageKinds', kinds, `a list of page kinds (${LISTING_KINDS.join(', ')})`, false],
  ['readAt', isFiniteNumber, 'a time', true],
  ['starredAt', isFiniteNumber, 'a time', true],
  ['readStamp', isStamp, 'a change stamp', true],
  ['starStamp', isStamp, 'a change stamp', true],
  ['updatedAt', isFiniteNumber, 'a time', false],
] as const;

const SIGHTING_CHECKS = [
  ['paperId', nonEmptyString, 'a non-empty text id', false],
  ['pageKind', (value: unknown) => typeof value === 'string' && KIND_SET.has(value), `a page kind (${LISTING_KINDS.join(', ')})`, false],
  ['pageKey', string, 'text', false],
  ['at', isFiniteNumber, 'a time', false],
  ['seen', (value: unknown) => typeof value === 'boolean', 'true or false', false],
] as const;

/** A checked copy of a paper record (never the input object itself). */
export function checkPaperRecord(input: unknown): Checked<PaperRecord> {
  if (!isObject(input)) return { ok: false, problem: 'it is not an object' };
  const record: Field = { ...input };
  const problem = firstProblem(record, PAPER_CHECKS);
  if (problem) return { ok: false, problem };
  record.authors = [...(record.authors as string[])];
  record.pageKinds = [...(record.pageKinds as string[])];
  if (record.keywords) record.keywords = [...(record.keywords as string[])];
  return { ok: true, value: record as unknown as PaperRecord };
}

export function checkSighting(input: unknown): Checked<Sighting> {
  if (!isObject(input)) return { ok: false, problem: 'it is not an object' };
  const sighting: Field = { ...input };
  const problem = firstProblem(sighting, SIGHTING_CHECKS);
  return problem ? { ok: false, problem } : { ok: true, value: sighting as unknown as Sighting };
}
