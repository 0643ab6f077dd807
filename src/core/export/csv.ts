/**
 * CSV (RFC 4180): a header row, CRLF line ends, a field quoted when it holds a quote, comma or line break
 * (quotes doubled). Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a
 * formula, so such a cell is prefixed with an apostrophe (the OWASP guard against CSV injection).
 * Times are ISO 8601 in UTC; lists (authors, keywords, tags) are joined with "; "; the note keeps its line breaks.
 */
import type { PaperRecord } from '../records';
import { displayName } from './names';
import type { ExportEntry } from './paper-fields';

const CRLF = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function csvCell(value: string): string {
  const guarded = guardFormula(value);
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const iso = (ms: number | undefined): string => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '');
const num = (value: number | undefined): string => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

type Column = readonly [header: string, value: (entry: ExportEntry, record: Partial<PaperRecord>) => string];

export const CSV_COLUMNS: readonly Column[] = [
  ['citation_key', (e) => e.key],
  ['id', (e) => e.paper.id],
  ['title', (e) => e.title],
  ['authors', (e) => e.authors.map(displayName).join('; ')],
  ['year', (e) => (e.date ? String(e.date.year) : '')],
  ['month', (e) => (e.date?.month ? String(e.date.month) : '')],
  ['published', (e) => e.paper.publishedAt ?? ''],
  ['url', (e) => e.url],
  ['pdf_url', (e) => e.pdfUrl ?? ''],
  ['doi', (e) => e.doi ?? ''],
  ['primary_class', (e) => e.primaryClass ?? ''],
  ['abstract', (e) => e.abstract],
  ['keywords', (e) => e.keywords.join('; ')],
  ['upvotes', (e) => num(e.paper.upvotes)],
  ['github', (e) => e.paper.githubRepo ?? ''],
  ['starred_at', (_, r) => iso(r.starredAt)],
  ['read_at', (_, r) => iso(r.readAt)],
  ['first_listed_at', (_, r) => iso(r.firstListedAt)],
  ['last_listed_at', (_, r) => iso(r.lastListedAt)],
  ['listed_count', (_, r) => num(r.listedCount)],
  ['seen_count', (_, r) => num(r.seenCount)],
  ['last_seen_at', (_, r) => iso(r.lastSeenAt)],
  ['tags', (e) => e.tags.join('; ')],
  ['note', (e) => e.note],
];

export function toCsv(entries: readonly ExportEntry[]): string {
  const rows = [CSV_COLUMNS.map(([header]) => header).join(',')];
  for (const entry of entries) {
    const record = entry.paper as Partial<PaperRecord>;
    rows.push(CSV_COLUMNS.map(([, value]) => csvCell(value(entry, record))).join(','));
  }
  return rows.join(CRLF) + CRLF;
}
