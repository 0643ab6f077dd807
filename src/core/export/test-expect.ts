/**
 * What a reader of an export should get back, computed from the raw paper without the export code, so the
 * format tests compare a parser's view with the source and not with the writer's own helpers. Test-only.
 */
import type { Paper } from '../types';

export const oneLineText = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** An author name as a sorted bag of words: "Smith, Jr., John" and "John Smith Jr." agree. */
export function nameWords(name: string): string {
  return name.replace(/,/g, ' ').split(/\s+/).filter(Boolean).sort().join(' ');
}

/** The authors an export keeps: names with at least one letter or digit. */
export function expectedAuthorWords(paper: Paper): string[] {
  return paper.authors.filter((name) => /[\p{L}\p{N}]/u.test(name)).map(nameWords);
}

/** Parts of a person as parsers hand them out, joined in any order into the same bag of words. */
export function partsWords(...parts: Array<string | undefined>): string {
  return nameWords(parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' '));
}

/** Year and month as written in the paper's ISO date (the edge-case papers without one are checked by hand). */
export function isoYearMonth(paper: Paper): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})/.exec(paper.publishedAt ?? '');
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

export function isNewStyleArxiv(id: string): boolean {
  return /^\d{4}\.\d{4,5}$/.test(id);
}

/** Keywords as read back from a comma-separated field (documented rule: a comma inside a keyword becomes a space). */
export function expectedKeywords(paper: Paper): string[] {
  return (paper.keywords ?? []).map((keyword) => oneLineText(keyword.replace(/,/g, ' '))).filter(Boolean);
}
