/**
 * Exports papers to the formats reference managers and people read. Pure: returns the text; the popup saves
 * it to a file or copies it. Citation keys are computed once per export so every format agrees on them.
 */
import type { PaperRecord } from '../records';
import type { Paper } from '../types';
import { toBiblatex } from './biblatex';
import { toBibtex } from './bibtex';
import { citationKeys } from './citekey';
import { toCslJson } from './csl-json';
import { toCsv } from './csv';
import { toJsonExport } from './json';
import { toMarkdown } from './markdown';
import { buildEntry, type ExportEntry } from './paper-fields';
import { toRis } from './ris';

export type ExportFormat = 'bibtex' | 'biblatex' | 'ris' | 'csl-json' | 'csv' | 'markdown' | 'json';

export interface ExportFormatInfo {
  label: string;
  /** Without the dot. */
  extension: string;
  mimeType: string;
}

export const EXPORT_FORMATS: Record<ExportFormat, ExportFormatInfo> = {
  bibtex: { label: 'BibTeX', extension: 'bib', mimeType: 'application/x-bibtex' },
  biblatex: { label: 'BibLaTeX', extension: 'bib', mimeType: 'application/x-bibtex' },
  ris: { label: 'RIS', extension: 'ris', mimeType: 'application/x-research-info-systems' },
  'csl-json': { label: 'CSL-JSON', extension: 'csl.json', mimeType: 'application/vnd.citationstyles.csl+json' },
  csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv' },
  markdown: { label: 'Markdown', extension: 'md', mimeType: 'text/markdown' },
  json: { label: 'JSON', extension: 'json', mimeType: 'application/json' },
};

export interface ExportOptions {
  /** Export time (JSON `exportedAt`, Markdown heading); defaults to the current time. */
  now?: Date;
}

type Writer = (entries: readonly ExportEntry[], now: Date) => string;

const WRITERS: Record<ExportFormat, Writer> = {
  bibtex: toBibtex,
  biblatex: toBiblatex,
  ris: toRis,
  'csl-json': toCslJson,
  csv: toCsv,
  markdown: toMarkdown,
  json: toJsonExport,
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value);
}

/** The entries every format is written from, in input order, with unique citation keys. */
export function exportEntries(papers: readonly Paper[]): ExportEntry[] {
  const keys = citationKeys(papers);
  return papers.map((paper, index) => buildEntry(paper, keys[index] as string));
}

export function exportPapers(papers: readonly PaperRecord[] | readonly Paper[], format: ExportFormat, opts: ExportOptions = {}): string {
  const writer = WRITERS[format];
  if (!writer) throw new Error(`Unknown export format: ${String(format)}`);
  return writer(exportEntries(papers), opts.now ?? new Date());
}

/** `paper-lens-12-papers-2024-03-11.bib` (local date); BibLaTeX files end in `-biblatex.bib` to tell them apart. */
export function exportFileName(format: ExportFormat, count: number, date: Date): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const papers = count === 1 ? '1-paper' : `${count}-papers`;
  const variant = format === 'biblatex' ? '-biblatex' : '';
  return `paper-lens-${papers}-${day}${variant}.${EXPORT_FORMATS[format].extension}`;
}

export { citationKeys, baseCitationKey } from './citekey';
export { splitAuthorName, displayName, type AuthorName } from './names';
