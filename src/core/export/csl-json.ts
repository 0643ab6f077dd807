/**
 * CSL-JSON (citeproc input, read by Zotero, pandoc, Mendeley): one item per paper, valid against the CSL
 * schema's csl-data.json. An arXiv paper is an `article` (CSL's type for preprints) with publisher "arXiv" and
 * number "arXiv:<id>", which is how Zotero exports its preprint items. Single-word names are `literal`.
 */
import type { AuthorName } from './names';
import { joinKeywords, type ExportEntry } from './paper-fields';
import { tagsAndKeywords } from './reader-fields';

export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article';
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts': [number[]] };
  publisher?: string;
  number?: string;
  DOI?: string;
  URL: string;
  abstract?: string;
  keyword?: string;
  /** The reader's note (CSL: "reader's notes about the item content"). */
  annote?: string;
}

export function cslName(name: AuthorName): CslName {
  if (name.literal !== undefined) return { literal: name.literal };
  const out: CslName = { family: name.family };
  if (name.given) out.given = name.given;
  if (name.particle) out['non-dropping-particle'] = name.particle;
  if (name.suffix) out.suffix = name.suffix;
  return out;
}

export function cslItem(entry: ExportEntry): CslItem {
  const item: CslItem = { id: entry.key, type: 'article', URL: entry.url };
  if (entry.title) item.title = entry.title;
  if (entry.authors.length > 0) item.author = entry.authors.map(cslName);
  if (entry.date) {
    const { year, month, day } = entry.date;
    item.issued = { 'date-parts': [month ? (day ? [year, month, day] : [year, month]) : [year]] };
  }
  if (entry.arxiv) {
    item.publisher = 'arXiv';
    item.number = `arXiv:${entry.id}`;
  }
  if (entry.doi) item.DOI = entry.doi;
  if (entry.abstract) item.abstract = entry.abstract;
  const keywords = tagsAndKeywords(entry.tags, entry.keywords);
  if (keywords.length > 0) item.keyword = joinKeywords(keywords);
  if (entry.note) item.annote = entry.note;
  return item;
}

export function toCslJson(entries: readonly ExportEntry[]): string {
  return `${JSON.stringify(entries.map(cslItem), null, 2)}\n`;
}
