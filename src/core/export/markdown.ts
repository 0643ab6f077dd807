/**
 * Markdown: a numbered reading list. Each paper is a linked title, then its authors, date and links on the
 * next line. Text is escaped so titles with * _ [ ] ` $ < > render as written (CommonMark backslash escapes,
 * `$` for renderers with math such as GitHub's).
 */
import { displayName } from './names';
import type { ExportEntry } from './paper-fields';
import { siteUrl } from './paper-fields';

/** Authors shown before "et al.": a 300-author paper stays readable. */
export const MARKDOWN_MAX_AUTHORS = 10;

const MARKDOWN_SPECIALS = /[\\`*_[\]<>|~$#!]/g;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
    // "\](" inside link text still ends the link for some parsers (marked); escaping the parenthesis too is safe.
    .replace(/\\\]\(/g, '\\]\\(')
    // An entity reference (&amp; &#955;) would be decoded; a lone & is fine.
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** A note line that starts like a list item, a heading underline or a quote would be read as one: escaped. */
const escapeLineStart = (line: string): string => line.replace(/^(\s*)([-+=]|\d+(?=[.)]))/, (_, space: string, mark: string) => (/\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));

/** Link destinations in <...> so parentheses and spaces in a URL cannot end the link. */
const link = (text: string, url: string): string => `[${text}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;

function authorLine(entry: ExportEntry): string {
  const names = entry.authors.map(displayName);
  if (names.length === 0) return '';
  if (names.length <= MARKDOWN_MAX_AUTHORS) return names.map(escapeMarkdown).join(', ');
  return `${names.slice(0, MARKDOWN_MAX_AUTHORS).map(escapeMarkdown).join(', ')} et al. (${names.length} authors)`;
}

function dateText(entry: ExportEntry): string {
  const date = entry.date;
  if (!date) return '';
  return date.month ? `${MONTHS[date.month - 1]} ${date.year}` : String(date.year);
}

export function markdownItem(entry: ExportEntry, index: number): string {
  const title = escapeMarkdown(entry.title || entry.paper.id);
  const details = [
    authorLine(entry),
    dateText(entry),
    entry.arxiv ? `arXiv:${escapeMarkdown(entry.id)}` : '',
    entry.pdfUrl ? link('PDF', entry.pdfUrl) : '',
    link('Hugging Face', siteUrl(entry.id)),
  ].filter(Boolean);
  const lines = [`${index + 1}. **${link(title, entry.url)}**`, `   ${details.join(' · ')}`];
  if (entry.keywords.length > 0) lines.push(`   Keywords: ${entry.keywords.map(escapeMarkdown).join(', ')}`);
  if (entry.tags.length > 0) lines.push(`   Tags: ${entry.tags.map(escapeMarkdown).join(', ')}`);
  const item = lines.join('  \n');
  if (!entry.note) return item;
  // The note as a quote under the item, its line breaks kept (an empty line stays inside the quote).
  const quote = entry.note.split('\n').map((line) => (line.trim() ? `   > ${escapeLineStart(escapeMarkdown(line))}` : '   >'));
  return `${item}\n${quote.join('  \n')}`;
}

export function toMarkdown(entries: readonly ExportEntry[], now: Date): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const heading = `# Papers (${entries.length}) — exported from Paper Lens on ${day}`;
  return `${[heading, ...entries.map(markdownItem)].join('\n\n')}\n`;
}
