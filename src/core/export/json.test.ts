/** Paper Lens's own JSON export: every stored field, read back with JSON.parse. */
import { describe, expect, it } from 'vitest';
import { exportPapers } from './index';
import { EDGE_CASES, syntheticPapers } from './test-papers';

describe('JSON export', () => {
  it('keeps every field of every record and adds the citation key and links', () => {
    const now = new Date('2024-03-11T12:00:00Z');
    const document = JSON.parse(exportPapers(EDGE_CASES, 'json', { now })) as {
      format: string; version: number; exportedAt: string; count: number; papers: Array<Record<string, unknown>>;
    };
    expect(document).toMatchObject({ format: 'paper-lens-export', version: 1, exportedAt: '2024-03-11T12:00:00.000Z', count: EDGE_CASES.length });
    EDGE_CASES.forEach((record, index) => {
      const { citationKey, url, pdfUrl, doi, ...rest } = document.papers[index] as Record<string, unknown>;
      expect(rest).toEqual(record);
      expect(typeof citationKey).toBe('string');
      expect(url).toMatch(/^https:\/\//);
      if (/^\d{4}\./.test(record.id)) expect([pdfUrl, doi]).toEqual([`https://arxiv.org/pdf/${record.id}`, `10.48550/arXiv.${record.id}`]);
    });
  });

  it('writes plain papers too (no reading state)', () => {
    const papers = syntheticPapers().slice(0, 5);
    const document = JSON.parse(exportPapers(papers, 'json')) as { papers: Array<Record<string, unknown>> };
    expect(document.papers.map((paper) => paper.title)).toEqual(papers.map((paper) => paper.title));
  });
});
