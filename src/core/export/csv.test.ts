/** CSV export read back with papaparse, cell by cell; RFC 4180 quoting and the formula guard. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../records';
import type { Paper } from '../types';
import { exportPapers } from './index';
import { EDGE_CASES, SHARED_PAPERS, syntheticPapers } from './test-papers';
import { oneLineText } from './test-expect';

const FORMULA = /^[=+\-@\t\r]/;
/** What a spreadsheet cell should show: the text, with an apostrophe in front when it would start a formula. */
const shown = (text: string): string => (FORMULA.test(text) ? `'${text}` : text);

function parseCsv(text: string): Array<Record<string, string>> {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

function checkCsv(papers: Paper[]): Array<Record<string, string>> {
  const text = exportPapers(papers, 'csv');
  expect(text.endsWith('\r\n')).toBe(true);
  // Every line break outside quoted cells is CRLF (cells never hold line breaks: text is kept on one line).
  expect(text.split('\r\n')).toHaveLength(papers.length + 2);
  const rows = parseCsv(text);
  expect(rows).toHaveLength(papers.length);
  papers.forEach((paper, index) => {
    const row = rows[index] as Record<string, string>;
    const where = `csv ${paper.id}`;
    expect(row.id, where).toBe(shown(paper.id));
    expect(row.title, where).toBe(shown(oneLineText(paper.title)));
    expect(row.abstract, where).toBe(shown(oneLineText(paper.abstract)));
    const authors = paper.authors.filter((name) => /[\p{L}\p{N}]/u.test(name));
    expect(row.authors ? row.authors.split('; ').length : 0, where).toBe(authors.length);
    if (authors.length > 0 && !/,/.test(authors[0] as string)) expect(row.authors?.startsWith(shown(oneLineText(authors[0]))), where).toBe(true);
    expect(row.upvotes, where).toBe(paper.upvotes === undefined ? '' : String(paper.upvotes));
    expect(row.published, where).toBe(paper.publishedAt ?? '');
    const record = paper as Partial<PaperRecord>;
    expect(row.starred_at, where).toBe(record.starredAt === undefined ? '' : new Date(record.starredAt).toISOString());
    expect(row.read_at, where).toBe(record.readAt === undefined ? '' : new Date(record.readAt).toISOString());
    for (const [column, value] of Object.entries(row)) expect(FORMULA.test(value), `${where} ${column}`).toBe(false);
  });
  return rows;
}

describe('CSV export', () => {
  it('hand-made edge cases read back cell by cell', () => {
    const rows = checkCsv(EDGE_CASES);
    const evil = rows[6] as Record<string, string>;
    expect(evil.title).toBe('\'=HYPERLINK("http://evil.example","click") +1 -1 @SUM');
    expect(evil.abstract).toBe("'@cmd|' /C calc'!A0");
    expect(evil.authors).toBe("'-Minus Person; +Plus Person; =Formula Person");
    const braces = rows[1] as Record<string, string>;
    expect(braces.authors).toBe('Jan van der Berg; Juan de la Cruz; Fernando De la Torre; John Smith, Jr.; DeepSeek-AI; Plato');
    expect(rows[0]?.keywords).toBe('large language models; RLHF');
    expect(rows[0]?.citation_key).toBe('touvron2023llama');
    expect(rows[0]?.doi).toBe('10.48550/arXiv.2307.09288');
  });
  it('synthetic papers, one with 300 authors', () => {
    const rows = checkCsv(syntheticPapers());
    expect(rows.some((row) => row.authors?.split('; ').length === 300)).toBe(true);
  });
  it.skipIf(!SHARED_PAPERS)('the 491 real papers (needs ../shared/data; skipped where it is absent)', () => checkCsv(SHARED_PAPERS ?? []));

  it('starts with a header row and quotes only where RFC 4180 needs it', () => {
    const text = exportPapers([{ id: '2401.00001', title: 'Say "hi", then go', abstract: 'plain', authors: ['A B'] }], 'csv');
    const [header, row] = text.split('\r\n');
    expect(header?.startsWith('citation_key,id,title,authors,year,month,published,url')).toBe(true);
    expect(row).toContain(',"Say ""hi"", then go",A B,');
    expect(row).toContain(',plain,');
  });
});
