/**
 * The reader's own tags and note as the export formats carry them. Tags go first in each format's keyword field,
 * ahead of the site's keywords (a keyword equal to a tag, ignoring case, is not repeated): reference managers
 * import that field as their tags. The note goes in each format's field for the reader's annotations (BibTeX
 * `annote`, BibLaTeX `annotation`, CSL `annote`, RIS `N1`), which bibliography styles do not print, so a private
 * note never reaches a reference list.
 */
import type { PaperRecord } from '../records';
import type { Paper } from '../types';

/** The tags a paper carries (only text ones, trimmed). */
export function readerTags(paper: Paper): string[] {
  const tags = (paper as Partial<PaperRecord>).tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string').map((tag) => tag.trim()).filter(Boolean) : [];
}

/** The note, line breaks as \n; '' when there is none. */
export function readerNote(paper: Paper): string {
  const note = (paper as Partial<PaperRecord>).note;
  return typeof note === 'string' ? note.replace(/\r\n?/g, '\n').trim() : '';
}

/** Tags first, then the site's keywords that are not already there. */
export function tagsAndKeywords(tags: readonly string[], keywords: readonly string[]): string[] {
  const seen = new Set(tags.map((tag) => tag.toLowerCase()));
  return [...tags, ...keywords.filter((keyword) => !seen.has(keyword.toLowerCase()))];
}
