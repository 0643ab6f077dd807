/** RIS export read back by citation.js's RIS plugin, plus the tagged-line structure checked line by line. */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../types';
import { exportPapers } from './index';
import { EDGE_CASES, SHARED_PAPERS, syntheticPapers } from './test-papers';
import { expectedAuthorWords, isNewStyleArxiv, oneLineText, partsWords } from './test-expect';

interface CslRead {
  id: string;
  type: string;
  title?: string;
  author?: Array<{ given?: string; family?: string; literal?: string; suffix?: string; 'non-dropping-particle'?: string }>;
  issued?: { 'date-parts': number[][] };
  'container-title'?: string;
  publisher?: string;
  number?: string;
  URL?: string;
  DOI?: string;
  abstract?: string;
  keyword?: string;
}

function checkRis(papers: Paper[]): void {
  const text = exportPapers(papers, 'ris');
  // Structure: CRLF only, every line a `XX  - value` tag, records from TY to ER.
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.split('\r\n').filter((line) => line !== '');
  for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
  expect(lines.filter((line) => line.startsWith('TY  - '))).toHaveLength(papers.length);
  expect(lines.filter((line) => line === 'ER  - ')).toHaveLength(papers.length);

  const read = new Cite(text, { forceType: '@ris/file' }).data as CslRead[];
  expect(read).toHaveLength(papers.length);
  papers.forEach((paper, index) => {
    const item = read[index] as CslRead;
    const where = `ris ${paper.id}`;
    expect(item.title ?? '', where).toBe(oneLineText(paper.title));
    const authors = (item.author ?? []).map((person) => partsWords(person.literal, person.given, person['non-dropping-particle'], person.family, person.suffix));
    expect(authors, where).toEqual(expectedAuthorWords(paper));
    expect(item.abstract ?? '', where).toBe(oneLineText(paper.abstract));
    const keywords = (paper.keywords ?? []).map(oneLineText).filter(Boolean);
    const itemKeywords = (item as { keyword?: string | string[] }).keyword;
    if (keywords.length > 0) expect(itemKeywords, where).toBeDefined();
    const dateMatch = /^(\d{4})-(\d{2})-(\d{2})/.exec(paper.publishedAt ?? '');
    if (dateMatch) expect(item.issued?.['date-parts'][0], where).toEqual([Number(dateMatch[1]), Number(dateMatch[2]), Number(dateMatch[3])]);
    if (isNewStyleArxiv(paper.id)) {
      // Zotero writes its preprint items as TY GEN, with arXiv as the publisher and no journal: citation.js
      // reads that back as a CSL document published by arXiv with the arXiv number, as the CSL-JSON export has it.
      expect(item.type, where).toBe('document');
      expect(item['container-title'], where).toBeUndefined();
      expect(item.publisher, where).toBe('arXiv');
      expect(item.number, where).toBe(`arXiv:${paper.id}`);
      expect(item.URL, where).toBe(`https://arxiv.org/abs/${paper.id}`);
      expect(item.DOI, where).toBe(`10.48550/arXiv.${paper.id}`);
    }
  });
}

describe('RIS export read back field by field', () => {
  it('hand-made edge cases', () => checkRis(EDGE_CASES));
  it('synthetic papers, one with 300 authors', () => checkRis(syntheticPapers()));
  it.skipIf(!SHARED_PAPERS)('the 491 real papers (needs ../shared/data; skipped where it is absent)', () => checkRis(SHARED_PAPERS ?? []));

  it('writes one AU line per author, surname first, suffix last', () => {
    const text = exportPapers([{ id: '2401.00001', title: 't', abstract: '', authors: ['Jan van der Berg', 'John Smith Jr.', 'Plato', ':'] }], 'ris');
    expect(text.split('\r\n').filter((line) => line.startsWith('AU'))).toEqual(['AU  - van der Berg, Jan', 'AU  - Smith, John, Jr.', 'AU  - Plato']);
  });

  it('writes one KW line per keyword, keeping commas inside a keyword', () => {
    const text = exportPapers([{ id: '2401.00001', title: 't', abstract: '', authors: [], keywords: ['a, b', 'c'] }], 'ris');
    expect(text.split('\r\n').filter((line) => line.startsWith('KW'))).toEqual(['KW  - a, b', 'KW  - c']);
  });

  it('writes an arXiv preprint as Zotero does: a generic record published by arXiv, not a journal article', () => {
    const lines = exportPapers([{ id: '2401.00001', title: 't', abstract: '', authors: [] }], 'ris').split('\r\n');
    expect(lines[0]).toBe('TY  - GEN');
    expect(lines).toEqual(expect.arrayContaining(['PB  - arXiv', 'M1  - arXiv:2401.00001', 'AN  - arXiv:2401.00001', 'DO  - 10.48550/arXiv.2401.00001']));
    expect(lines.filter((line) => /^(T2|JO|JF) /.test(line))).toEqual([]);
  });

  it('writes a non-arXiv paper as a generic record without arXiv tags', () => {
    const text = exportPapers([{ id: 'elsewhere-1', title: 't', abstract: '', authors: [] }], 'ris');
    expect(text).toContain('TY  - GEN');
    expect(text).not.toMatch(/arXiv|DO {2}-|M1 {2}-/);
    expect(text).toContain('UR  - https://huggingface.co/papers/elsewhere-1');
  });
});
