/**
 * What every export format derives from a paper the same way: whether the id is an arXiv id, its links and DOI,
 * the date, the primary class when it is known, the keywords, and the author names (split once, junk dropped).
 */
import type { Paper } from '../types';
import { splitAuthorName, type AuthorName } from './names';
import { readerNote, readerTags } from './reader-fields';

const NEW_STYLE_ARXIV = /^\d{4}\.\d{4,5}(?:v\d+)?$/;
const OLD_STYLE_ARXIV = /^([a-z-]+(?:\.[A-Z]{2})?)\/\d{7}(?:v\d+)?$/i;
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

export interface PaperDate {
  year: number;
  /** 1..12 */
  month?: number;
  day?: number;
}

/** A paper plus what the formats need, computed once per export. */
export interface ExportEntry {
  paper: Paper;
  key: string;
  arxiv: boolean;
  /** The arXiv id as arXiv writes it (old-style subject class in capitals); the id as given otherwise. */
  id: string;
  url: string;
  /** Only for arXiv papers. */
  pdfUrl?: string;
  /** arXiv's DataCite DOI (10.48550/arXiv.<id>), only for arXiv papers. */
  doi?: string;
  date?: PaperDate;
  primaryClass?: string;
  keywords: string[];
  authors: AuthorName[];
  /** The reader's tags and note (core/annotations); the note keeps its line breaks, '' when none. */
  tags: string[];
  note: string;
  /** The title and abstract on one line each (no line breaks, runs of spaces folded). */
  title: string;
  abstract: string;
}

export function isArxivId(id: string): boolean {
  return NEW_STYLE_ARXIV.test(id) || OLD_STYLE_ARXIV.test(id);
}

/** Ids are stored lower-cased (math.gt/0309136); arXiv writes an old-style subject class in capitals (math.GT). */
export function canonicalArxivId(id: string): string {
  const trimmed = id.trim();
  if (!OLD_STYLE_ARXIV.test(trimmed)) return trimmed;
  return trimmed.replace(/^([a-z-]+)\.([a-z]{2})\//i, (_, archive: string, subject: string) => `${archive.toLowerCase()}.${subject.toUpperCase()}/`);
}

export function paperUrl(id: string): string {
  return isArxivId(id) ? `https://arxiv.org/abs/${canonicalArxivId(id)}` : siteUrl(id);
}

export function siteUrl(id: string): string {
  return `https://huggingface.co/papers/${encodeURIComponent(id)}`;
}

function validDate(year: number, month?: number, day?: number): PaperDate | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  if (month === undefined || !(month >= 1 && month <= 12)) return { year };
  if (day === undefined || !(day >= 1 && day <= 31)) return { year, month };
  return { year, month, day };
}

function fromIso(text: string | undefined): PaperDate | undefined {
  const match = text ? ISO_DATE.exec(text.trim()) : null;
  if (!match) return undefined;
  const part = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));
  return validDate(Number(match[1]), part(match[2]), part(match[3]));
}

/** arXiv ids carry the submission month: 2401.xxxxx is January 2024, hep-th/9901001 January 1999. */
function fromArxivId(id: string): PaperDate | undefined {
  const digits = NEW_STYLE_ARXIV.test(id) ? id.slice(0, 4) : OLD_STYLE_ARXIV.test(id) ? id.split('/')[1]?.slice(0, 4) : undefined;
  if (!digits) return undefined;
  const yy = Number(digits.slice(0, 2));
  return validDate(yy >= 91 ? 1900 + yy : 2000 + yy, Number(digits.slice(2, 4)));
}

/**
 * The date a citation shows: the arXiv submission date the site gives (publishedAt, as arXiv's own BibTeX
 * export does), else the month in the arXiv id, else the day the paper was featured on the site.
 */
export function paperDate(paper: Paper): PaperDate | undefined {
  return fromIso(paper.publishedAt) ?? fromArxivId(paper.id) ?? fromIso(paper.submittedOnDailyAt);
}

/**
 * The arXiv primary class when known: a `primaryClass` field on the input (the listing does not carry one
 * today), or the archive named in an old-style id (math.GT/0309136).
 */
export function primaryClassOf(paper: Paper): string | undefined {
  const given = (paper as Paper & { primaryClass?: unknown }).primaryClass;
  if (typeof given === 'string' && /^[a-z-]+(?:\.[A-Za-z-]+)?$/.test(given.trim())) return given.trim();
  return OLD_STYLE_ARXIV.exec(canonicalArxivId(paper.id))?.[1];
}

/** Keywords as one comma-separated field; a comma inside one keyword would split it, so it becomes a space. */
export function joinKeywords(keywords: readonly string[]): string {
  return keywords.map((keyword) => keyword.replace(/\s*,\s*/g, ' ').trim()).filter(Boolean).join(', ');
}

export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function buildEntry(paper: Paper, key: string): ExportEntry {
  const arxiv = isArxivId(paper.id.trim());
  const id = arxiv ? canonicalArxivId(paper.id) : paper.id.trim();
  const entry: ExportEntry = {
    paper,
    key,
    arxiv,
    id,
    url: paperUrl(id),
    keywords: (Array.isArray(paper.keywords) ? paper.keywords : []).map(oneLine).filter(Boolean),
    authors: (Array.isArray(paper.authors) ? paper.authors : []).map(splitAuthorName).filter((name): name is AuthorName => name !== null),
    tags: readerTags(paper),
    note: readerNote(paper),
    title: oneLine(paper.title),
    abstract: oneLine(paper.abstract),
  };
  if (arxiv) {
    entry.pdfUrl = `https://arxiv.org/pdf/${id}`;
    entry.doi = `10.48550/arXiv.${id}`;
  }
  const date = paperDate(paper);
  if (date) entry.date = date;
  const primaryClass = primaryClassOf(paper);
  if (primaryClass) entry.primaryClass = primaryClass;
  return entry;
}
