/**
 * Paper Lens's own JSON export: every field the extension holds for each paper (reading state and counters
 * included, times in ms since epoch as stored), plus the citation key and links the other formats derive.
 * Not a backup: importing it is not supported (see core/backup for that).
 */
import type { ExportEntry } from './paper-fields';

export const JSON_EXPORT_FORMAT = 'paper-lens-export';
export const JSON_EXPORT_VERSION = 1;

export interface JsonExport {
  format: typeof JSON_EXPORT_FORMAT;
  version: typeof JSON_EXPORT_VERSION;
  exportedAt: string;
  count: number;
  papers: Array<Record<string, unknown> & { id: string; citationKey: string; url: string }>;
}

export function toJsonExport(entries: readonly ExportEntry[], now: Date): string {
  const document: JsonExport = {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    count: entries.length,
    papers: entries.map((entry) => {
      const extra: Record<string, unknown> = { citationKey: entry.key, url: entry.url };
      if (entry.pdfUrl) extra.pdfUrl = entry.pdfUrl;
      if (entry.doi) extra.doi = entry.doi;
      return { ...(entry.paper as unknown as Record<string, unknown>), ...extra, id: entry.paper.id, citationKey: entry.key, url: entry.url };
    }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
