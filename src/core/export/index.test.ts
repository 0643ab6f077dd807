import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFileName, exportPapers, isExportFormat, type ExportFormat } from './index';
import { EDGE_CASES } from './test-papers';

const FORMATS = Object.keys(EXPORT_FORMATS) as ExportFormat[];

describe('export registry', () => {
  it('lists the seven formats with a label, extension and MIME type', () => {
    expect(FORMATS).toEqual(['bibtex', 'biblatex', 'ris', 'csl-json', 'csv', 'markdown', 'json']);
    for (const format of FORMATS) {
      const info = EXPORT_FORMATS[format];
      expect(info.label.length).toBeGreaterThan(0);
      expect(info.extension).toMatch(/^[a-z.]+$/);
      expect(info.mimeType).toMatch(/^[a-z]+\/[\w.+-]+$/);
    }
    expect(isExportFormat('ris')).toBe(true);
    expect(isExportFormat('toString')).toBe(false);
  });

  it('names files with the count and the local date', () => {
    const date = new Date(2024, 2, 9, 23, 59);
    expect(exportFileName('bibtex', 12, date)).toBe('paper-lens-12-papers-2024-03-09.bib');
    expect(exportFileName('biblatex', 1, date)).toBe('paper-lens-1-paper-2024-03-09-biblatex.bib');
    expect(exportFileName('csl-json', 3, date)).toBe('paper-lens-3-papers-2024-03-09.csl.json');
    expect(exportFileName('markdown', 0, date)).toBe('paper-lens-0-papers-2024-03-09.md');
  });

  it('exports an empty list validly in every format', () => {
    expect(exportPapers([], 'bibtex')).toBe('');
    expect(JSON.parse(exportPapers([], 'csl-json'))).toEqual([]);
    expect(exportPapers([], 'csv').split('\r\n')).toHaveLength(2);
    expect(JSON.parse(exportPapers([], 'json')).count).toBe(0);
  });

  it('is deterministic and uses the same citation keys in every format', () => {
    const now = new Date('2024-03-11T00:00:00Z');
    for (const format of FORMATS) expect(exportPapers(EDGE_CASES, format, { now })).toBe(exportPapers(EDGE_CASES, format, { now }));
    const bibKeys = [...exportPapers(EDGE_CASES, 'bibtex').matchAll(/^@misc\{([^,]+),/gm)].map((match) => match[1]);
    const cslKeys = (JSON.parse(exportPapers(EDGE_CASES, 'csl-json')) as Array<{ id: string }>).map((item) => item.id);
    const risKeys = [...exportPapers(EDGE_CASES, 'ris').matchAll(/^ID {2}- (.+)\r$/gm)].map((match) => match[1]);
    expect(cslKeys).toEqual(bibKeys);
    expect(risKeys).toEqual(bibKeys);
  });

  // How fast is the bench's to say (files_export_2000_papers_ms, scripts/bench-files.ts): this checks the output.
  it('writes 2,000 papers in every format, each of them', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...EDGE_CASES[i % EDGE_CASES.length]!, id: `2401.${String(10000 + i)}` }));
    for (const format of FORMATS) {
      const written = new Set([...exportPapers(many, format).matchAll(/2401\.1\d{4}/g)].map((match) => match[0]));
      expect(written.size, format).toBe(2000);
    }
  });
});
