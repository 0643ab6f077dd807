/**
 * The reader's tags and note read back from every export format by the same independent parsers the format tests
 * use: citation.js (BibTeX, BibLaTeX, RIS, CSL-JSON), @retorquere/bibtex-parser (BibTeX, BibLaTeX), papaparse
 * (CSV), marked (Markdown) and JSON.parse. Expected values come from the source records, not the writers.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import { parse as parseBib } from '@retorquere/bibtex-parser';
import { marked, type Tokens } from 'marked';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH, MAX_TAGS, MAX_TAG_LENGTH } from '../annotations';
import type { PaperRecord } from '../records';
import { exportPapers } from './index';
import { EDGE_CASES } from './test-papers';
import { oneLineText } from './test-expect';

const base = EDGE_CASES[0] as PaperRecord;
const longNote = Array.from({ length: MAX_NOTE_LENGTH / 10 }, (_, i) => `word${String(i).padStart(4, '0')} `).join('').slice(0, MAX_NOTE_LENGTH).trim();

/** Papers carrying tags and notes that stress each format (TeX specials, Unicode, line breaks, list-like lines). */
const ANNOTATED: PaperRecord[] = [
  { ...base, id: '2307.09288', tags: ['to read', 'RLHF', 'Ünïcödé — 日本語'], note: 'Compare with §3 of the GPT-4 report.\nSecond line: 50% of $x_i$ & {braces} -- ~tilde^ \\cite{x} <b>not html</b>.\n\n- not a list\n1. not a list either' },
  { ...base, id: '2401.00010', title: 'Tagged Only', keywords: ['graphs', 'to read'], tags: ['To Read', 'survey'], note: undefined },
  { ...base, id: '2401.00011', title: 'Note Only', keywords: [], tags: undefined, note: 'ER  - does not end the record; TY  - nor start one. "Quotes", commas; and =formula' },
  { ...base, id: '2401.00012', title: 'At The Limits', keywords: [], tags: Array.from({ length: MAX_TAGS }, (_, i) => `tag ${i} ${'x'.repeat(MAX_TAG_LENGTH - 8)}`.slice(0, MAX_TAG_LENGTH)), note: longNote },
  { ...base, id: '2401.00013', title: 'Nothing Of The Reader', keywords: ['plain'], tags: undefined, note: undefined },
];

const tagsOf = (paper: PaperRecord): string[] => paper.tags ?? [];
const noteOf = (paper: PaperRecord): string => paper.note ?? '';
/** What a keyword field should hold: the tags, then the site keywords that are not tags (ignoring case). */
function expectedKeywordList(paper: PaperRecord): string[] {
  const tags = tagsOf(paper);
  const taken = new Set(tags.map((tag) => tag.toLowerCase()));
  return [...tags, ...(paper.keywords ?? []).filter((keyword) => !taken.has(keyword.toLowerCase()))];
}
const splitKeywords = (field: string | undefined): string[] => (field ?? '').split(',').map((part) => part.trim()).filter(Boolean);

interface CslRead { id: string; keyword?: string; annote?: string; note?: string }

describe.each(['bibtex', 'biblatex'] as const)('%s carries tags in keywords and the note in its annotation field', (format) => {
  const text = exportPapers(ANNOTATED, format);
  const noteField = format === 'bibtex' ? 'annote' : 'annotation';

  it('reads back with citation.js', () => {
    const read = new Cite(text, { forceType: '@biblatex/text' }).data as CslRead[];
    expect(read).toHaveLength(ANNOTATED.length);
    ANNOTATED.forEach((paper, i) => {
      expect(splitKeywords(read[i]?.keyword), paper.id).toEqual(expectedKeywordList(paper));
      expect(read[i]?.annote ?? '', paper.id).toBe(oneLineText(noteOf(paper)));
      expect(read[i]?.note, `${paper.id}: never the printed note field`).toBeUndefined();
    });
  });

  it('reads back with @retorquere/bibtex-parser', () => {
    const library = parseBib(text, { sentenceCase: false, english: false, caseProtection: 'strict' });
    expect(library.errors).toEqual([]);
    ANNOTATED.forEach((paper, i) => {
      const fields = library.entries[i]?.fields ?? {};
      // This parser hands keywords out as a sorted set.
      expect([...(fields.keywords ?? [])].sort(), paper.id).toEqual(expectedKeywordList(paper).sort());
      expect(fields[noteField] ?? '', paper.id).toBe(oneLineText(noteOf(paper)));
      expect(fields.note, paper.id).toBeUndefined();
    });
  });
});

describe('RIS carries tags as KW and the note as N1', () => {
  it('reads back with citation.js', () => {
    const text = exportPapers(ANNOTATED, 'ris');
    for (const line of text.split('\r\n').filter(Boolean)) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    const read = new Cite(text, { forceType: '@ris/file' }).data as CslRead[];
    expect(read).toHaveLength(ANNOTATED.length);
    ANNOTATED.forEach((paper, i) => {
      expect(splitKeywords(read[i]?.keyword), paper.id).toEqual(expectedKeywordList(paper));
      expect(read[i]?.note ?? '', paper.id).toBe(oneLineText(noteOf(paper)));
    });
  });
});

describe('CSL-JSON carries tags in keyword and the note in annote', () => {
  it('reads back with citation.js, line breaks kept', () => {
    const text = exportPapers(ANNOTATED, 'csl-json');
    const read = new Cite(JSON.parse(text)).data as CslRead[];
    ANNOTATED.forEach((paper, i) => {
      expect(splitKeywords(read[i]?.keyword), paper.id).toEqual(expectedKeywordList(paper));
      expect(read[i]?.annote ?? '', paper.id).toBe(noteOf(paper));
    });
  });
});

describe('CSV has a tags and a note column', () => {
  it('reads back with papaparse, line breaks kept', () => {
    const text = exportPapers(ANNOTATED, 'csv');
    const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(result.errors).toEqual([]);
    ANNOTATED.forEach((paper, i) => {
      const row = result.data[i] as Record<string, string>;
      expect(row.tags ? row.tags.split('; ') : [], paper.id).toEqual(tagsOf(paper));
      // A note starting with = would run as a formula: it is guarded like every cell.
      expect(row.note, paper.id).toBe(/^[=+\-@]/.test(noteOf(paper)) ? `'${noteOf(paper)}` : noteOf(paper));
    });
  });
});

describe('Markdown shows tags and quotes the note', () => {
  const plain = (tokens: Tokens.Generic[] | undefined): string =>
    (tokens ?? []).map((token) => (token.tokens ? plain(token.tokens as Tokens.Generic[]) : token.type === 'escape' || token.type === 'text' ? (token.text as string) : token.type === 'br' ? '\n' : token.raw)).join('');

  it('reads back with marked: a Tags line and the note as a block quote, nothing turned into markup', () => {
    const text = exportPapers(ANNOTATED, 'markdown', { now: new Date(2024, 2, 11) });
    const list = marked.lexer(text).find((token) => token.type === 'list') as Tokens.List;
    expect(list.items).toHaveLength(ANNOTATED.length);
    ANNOTATED.forEach((paper, i) => {
      const item = list.items[i] as Tokens.ListItem;
      const paragraphs = item.tokens.filter((token) => token.type !== 'blockquote');
      const tagsLine = plain(paragraphs as Tokens.Generic[]).split('\n').find((line) => line.startsWith('Tags: '));
      expect(tagsLine?.slice('Tags: '.length).split(', ') ?? [], paper.id).toEqual(tagsOf(paper));
      const quote = item.tokens.find((token) => token.type === 'blockquote') as Tokens.Blockquote | undefined;
      if (!noteOf(paper)) {
        expect(quote, paper.id).toBeUndefined();
        return;
      }
      expect(quote?.tokens.every((token) => token.type === 'paragraph' || token.type === 'space'), `${paper.id}: no list or heading inside`).toBe(true);
      const lines = (quote?.tokens ?? []).filter((token) => token.type === 'paragraph').map((token) => plain((token as Tokens.Paragraph).tokens as Tokens.Generic[]));
      const expected = noteOf(paper).split(/\n\s*\n/).map((paragraph) => paragraph.split('\n').map((line) => line.trim()).join('\n'));
      expect(lines.map((line) => line.split('\n').map((part) => part.trim()).join('\n')), paper.id).toEqual(expected);
    });
  });
});

describe('JSON export keeps tags, note and their stamps', () => {
  it('reads back with JSON.parse', () => {
    const stamped = ANNOTATED.map((paper) => ({ ...paper, ...(paper.tags ? { tagsStamp: '00lrmxyz0.0000.dev1' } : {}) }));
    const document = JSON.parse(exportPapers(stamped, 'json')) as { papers: Array<Partial<PaperRecord>> };
    stamped.forEach((paper, i) => {
      expect(document.papers[i]?.tags, paper.id).toEqual(paper.tags);
      expect(document.papers[i]?.note, paper.id).toEqual(paper.note);
      expect(document.papers[i]?.tagsStamp, paper.id).toEqual(paper.tagsStamp);
    });
  });
});
