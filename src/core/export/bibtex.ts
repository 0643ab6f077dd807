/**
 * BibTeX, as Zotero and arXiv's own export write preprints: @misc, with eprint, archivePrefix and primaryClass,
 * which natbib/biblatex styles and every reference manager understand. Escaping rules: see latex.ts.
 */
import { bibAuthors, bibEntry, braced, verbatim } from './bib-common';
import { escapeLatex, protectTitle } from './latex';
import { joinKeywords, type ExportEntry } from './paper-fields';

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function bibtexEntry(entry: ExportEntry): string {
  const month = entry.date?.month;
  return bibEntry('misc', entry.key, [
    ['title', braced(protectTitle(entry.title))],
    ['author', braced(bibAuthors(entry.authors))],
    ['year', entry.date ? `{${entry.date.year}}` : undefined],
    // Month macros (jan..dec) are what BibTeX styles expect; a braced number would print as a number.
    ['month', month ? MONTH_MACROS[month - 1] : undefined],
    ['eprint', entry.arxiv ? verbatim(entry.id) : undefined],
    ['archivePrefix', entry.arxiv ? '{arXiv}' : undefined],
    ['primaryClass', entry.arxiv ? verbatim(entry.primaryClass) : undefined],
    ['doi', verbatim(entry.doi)],
    ['url', verbatim(entry.url)],
    ['abstract', braced(escapeLatex(entry.abstract))],
    ['keywords', braced(escapeLatex(joinKeywords(entry.keywords)))],
  ]);
}

export function toBibtex(entries: readonly ExportEntry[]): string {
  return entries.map(bibtexEntry).join('\n');
}
