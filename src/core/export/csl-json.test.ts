/**
 * CSL-JSON export validated with ajv against the CSL input schema (csl-data-schema.ts), then read by
 * citation.js and rendered by its citeproc engine into an APA bibliography.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../types';
import { CSL_DATA_SCHEMA } from './csl-data-schema';
import { exportPapers } from './index';
import { EDGE_CASES, SHARED_PAPERS, syntheticPapers } from './test-papers';
import { expectedAuthorWords, expectedKeywords, isNewStyleArxiv, oneLineText, partsWords } from './test-expect';

const validate = new Ajv({ allErrors: true, strict: false }).compile(CSL_DATA_SCHEMA);

interface CslName { family?: string; given?: string; literal?: string; suffix?: string; 'non-dropping-particle'?: string }
interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  number?: string;
  publisher?: string;
  URL: string;
  DOI?: string;
  abstract?: string;
  keyword?: string;
}

function checkCsl(papers: Paper[]): CslItem[] {
  const text = exportPapers(papers, 'csl-json');
  const items = JSON.parse(text) as CslItem[];
  const valid = validate(items);
  expect(validate.errors ?? [], 'schema errors').toEqual([]);
  expect(valid).toBe(true);
  expect(items).toHaveLength(papers.length);
  expect(new Set(items.map((item) => item.id)).size).toBe(papers.length);
  papers.forEach((paper, index) => {
    const item = items[index] as CslItem;
    const where = `csl ${paper.id}`;
    expect(item.type).toBe('article');
    expect(item.title ?? '', where).toBe(oneLineText(paper.title));
    const authors = (item.author ?? []).map((name) => partsWords(name.literal, name.given, name['non-dropping-particle'], name.family, name.suffix));
    expect(authors, where).toEqual(expectedAuthorWords(paper));
    for (const name of item.author ?? []) {
      // A name is either split (family [+ given]) or literal, never both.
      expect(name.literal === undefined ? typeof name.family : typeof name.literal, where).toBe('string');
      if (name.literal !== undefined) expect(name.family, where).toBeUndefined();
    }
    expect(item.abstract ?? '', where).toBe(oneLineText(paper.abstract));
    expect((item.keyword ?? '').split(', ').filter(Boolean), where).toEqual(expectedKeywords(paper));
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(paper.publishedAt ?? '');
    if (date) expect(item.issued?.['date-parts'], where).toEqual([[Number(date[1]), Number(date[2]), Number(date[3])]]);
    if (isNewStyleArxiv(paper.id)) {
      expect([item.number, item.publisher, item.URL, item.DOI], where).toEqual([
        `arXiv:${paper.id}`, 'arXiv', `https://arxiv.org/abs/${paper.id}`, `10.48550/arXiv.${paper.id}`,
      ]);
    }
  });
  return items;
}

describe('CSL-JSON export', () => {
  it('hand-made edge cases are valid and complete', () => {
    const items = checkCsl(EDGE_CASES);
    const braces = items[1] as CslItem;
    expect(braces.author).toEqual([
      { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
      { family: 'Cruz', given: 'Juan', 'non-dropping-particle': 'de la' },
      { family: 'Torre', given: 'Fernando', 'non-dropping-particle': 'De la' },
      { family: 'Smith', given: 'John', suffix: 'Jr.' },
      { literal: 'DeepSeek-AI' },
      { literal: 'Plato' },
    ]);
    expect(items[2]?.author).toBeUndefined();
  });
  it('synthetic papers, one with 300 authors', () => {
    const items = checkCsl(syntheticPapers());
    expect(items.some((item) => item.author?.length === 300)).toBe(true);
  });
  it.skipIf(!SHARED_PAPERS)('the 491 real papers (needs ../shared/data; skipped where it is absent)', () => checkCsl(SHARED_PAPERS ?? []));

  it('the schema refuses what CSL-JSON does not allow (the validator can fail)', () => {
    expect(validate([{ id: 'x', type: 'preprint' }])).toBe(false);
    expect(validate([{ id: 'x', type: 'article', author: [{ first: 'A' }] }])).toBe(false);
    expect(validate([{ type: 'article' }])).toBe(false);
    expect(validate([{ id: 'x', type: 'article', issued: { 'date-parts': [[2024, 1, 2, 3]] } }])).toBe(false);
  });

  it('renders as an APA bibliography with citeproc', () => {
    const text = exportPapers(EDGE_CASES.slice(0, 2), 'csl-json');
    const html = new Cite(JSON.parse(text)).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string;
    expect(html).toContain('Touvron, H., Martin, L., & Stone, K. (2023)');
    expect(html).toContain('LLaMA 2: Open Foundation and Fine-Tuned Chat Models');
    expect(html).toContain('https://doi.org/10.48550/arXiv.2307.09288');
    expect(html).toContain('van der Berg, J.');
  });
});
