/**
 * BibLaTeX: @misc, the type Zotero writes for its preprint items, with eprinttype = {arxiv} (biblatex links it
 * to arxiv.org), an ISO date (YYYY-MM) and eprintclass. Non-arXiv papers are @misc entries with their URL only.
 * Escaping rules: see latex.ts.
 */
import { bibAuthors, bibEntry, braced, verbatim } from './bib-common';
import { escapeLatex, protectTitle } from './latex';
import { joinKeywords, type ExportEntry, type PaperDate } from './paper-fields';

function isoMonth(date: PaperDate | undefined): string | undefined {
  if (!date) return undefined;
  return date.month ? `${date.year}-${String(date.month).padStart(2, '0')}` : String(date.year);
}

export function biblatexEntry(entry: ExportEntry): string {
  return bibEntry('misc', entry.key, [
    ['title', braced(protectTitle(entry.title))],
    ['author', braced(bibAuthors(entry.authors))],
    ['date', braced(isoMonth(entry.date))],
    ['eprinttype', entry.arxiv ? '{arxiv}' : undefined],
    ['eprint', entry.arxiv ? verbatim(entry.id) : undefined],
    ['eprintclass', entry.arxiv ? verbatim(entry.primaryClass) : undefined],
    ['doi', verbatim(entry.doi)],
    ['url', verbatim(entry.url)],
    ['abstract', braced(escapeLatex(entry.abstract))],
    ['keywords', braced(escapeLatex(joinKeywords(entry.keywords)))],
  ]);
}

export function toBiblatex(entries: readonly ExportEntry[]): string {
  return entries.map(biblatexEntry).join('\n');
}
