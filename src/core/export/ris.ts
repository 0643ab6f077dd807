/**
 * RIS (RefMan tagged format): one `TAG  - value` per line, CRLF line ends as the specification asks, a blank
 * line between records. Every paper is a generic record (TY GEN), which is what Zotero writes for its preprint
 * items: RIS has no preprint type, and JOUR would make arXiv a journal. An arXiv paper names arXiv as its
 * publisher (PB) and its arXiv number in M1 (the generic type's Number) and AN (accession number), as the CSL-JSON
 * export has them; other papers carry their URL. Text is plain Unicode: RIS has no escaping, so values are kept on
 * one line.
 */
import type { AuthorName } from './names';
import type { ExportEntry, PaperDate } from './paper-fields';

const CRLF = '\r\n';

/** "particle Family, Given, Suffix" as the RIS specification writes a person. */
export function risName(name: AuthorName): string {
  if (name.literal !== undefined) return name.literal;
  const family = [name.particle, name.family].filter(Boolean).join(' ');
  return [family, name.given, name.suffix].filter(Boolean).join(', ');
}

const two = (n: number): string => String(n).padStart(2, '0');

/** DA is YYYY/MM/DD/ with empty parts left empty. */
function risDate(date: PaperDate): string {
  return `${date.year}/${date.month ? two(date.month) : ''}/${date.day ? two(date.day) : ''}/`;
}

export function risRecord(entry: ExportEntry): string {
  const lines: string[] = [];
  const tag = (name: string, value: string | undefined): void => {
    const text = (value ?? '').replace(/\s+/g, ' ').trim();
    if (text) lines.push(`${name}  - ${text}`);
  };
  tag('TY', 'GEN');
  tag('ID', entry.key);
  tag('TI', entry.title);
  for (const author of entry.authors) tag('AU', risName(author));
  if (entry.date) {
    tag('PY', String(entry.date.year));
    tag('DA', risDate(entry.date));
  }
  if (entry.arxiv) {
    tag('PB', 'arXiv');
    tag('M1', `arXiv:${entry.id}`);
    tag('AN', `arXiv:${entry.id}`);
  }
  tag('DO', entry.doi);
  tag('UR', entry.url);
  tag('L1', entry.pdfUrl);
  tag('AB', entry.abstract);
  for (const keyword of entry.keywords) tag('KW', keyword);
  lines.push('ER  - ');
  return lines.join(CRLF) + CRLF;
}

export function toRis(entries: readonly ExportEntry[]): string {
  return entries.map(risRecord).join(CRLF);
}
