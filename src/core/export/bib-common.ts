/** What BibTeX and BibLaTeX entries share: field layout and the author list. */
import type { AuthorName } from './names';
import { escapeLatex } from './latex';

/**
 * One author in BibTeX's "von Last, Jr, First" form. A one-word or organisation name is braced so BibTeX
 * neither splits it nor reads it as a surname with initials.
 */
export function bibName(name: AuthorName): string {
  if (name.literal !== undefined) return `{${escapeLatex(name.literal)}}`;
  const last = escapeLatex([name.particle, name.family].filter(Boolean).join(' '));
  const given = escapeLatex(name.given);
  if (name.suffix) return `${last}, ${escapeLatex(name.suffix)}, ${given}`;
  return given ? `${last}, ${given}` : `{${last}}`;
}

export function bibAuthors(names: readonly AuthorName[]): string {
  return names.map(bibName).join(' and ');
}

/** `@type{key,` then `  name = {value},` lines (already escaped values), then `}`. */
export function bibEntry(type: string, key: string, fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const present = fields.filter((field): field is readonly [string, string] => field[1] !== undefined && field[1] !== '');
  const width = Math.max(0, ...present.map(([name]) => name.length));
  const lines = present.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`);
  return `@${type}{${key},\n${lines.join(',\n')}\n}\n`;
}

export const braced = (value: string | undefined): string | undefined => (value ? `{${value}}` : undefined);

/** URLs, DOIs and eprint ids are read verbatim by biber and url.sty; only braces would need care, and they cannot occur. */
export const verbatim = (value: string | undefined): string | undefined => (value ? `{${value.replace(/[{}\\]/g, '')}}` : undefined);

