/**
 * BibTeX and BibLaTeX exports read back by two independent parsers: citation.js (its BibTeX plugin) and
 * @retorquere/bibtex-parser (the parser behind Better BibTeX for Zotero). Every field is compared with the
 * source paper, never with the writer's own helpers.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { parse as parseBib, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../types';
import { exportPapers, type ExportFormat } from './index';
import { EDGE_CASES, SHARED_PAPERS, syntheticPapers } from './test-papers';
import { expectedAuthorWords, expectedKeywords, isNewStyleArxiv, isoYearMonth, nameWords, oneLineText, partsWords } from './test-expect';

interface CslPerson { given?: string; family?: string; literal?: string; suffix?: string; 'non-dropping-particle'?: string; 'dropping-particle'?: string }
interface CslRead {
  id: string;
  type: string;
  title?: string;
  author?: CslPerson[];
  issued?: { 'date-parts': number[][] };
  URL?: string;
  DOI?: string;
  abstract?: string;
  keyword?: string;
}

function readWithCitationJs(text: string): CslRead[] {
  return new Cite(text, { forceType: '@biblatex/text' }).data as CslRead[];
}

function readWithRetorquere(text: string): Entry[] {
  const library = parseBib(text, { sentenceCase: false, english: false, caseProtection: 'strict' });
  expect(library.errors).toEqual([]);
  return library.entries;
}

/**
 * The title fields of an export as Zotero and Better BibTeX import them, by citation key: sentence-cased, except
 * what braces protect. Only the title lines are parsed again (the whole file is read by the two parsers above).
 */
function sentenceCasedTitles(text: string): Map<string, string> {
  const bib = text
    .split(/^(?=@)/m)
    .map((entry) => {
      const key = /^@\w+\{([^,]+),/.exec(entry)?.[1];
      const title = /^ {2}title += (.*),$/m.exec(entry)?.[1];
      return key && title ? `@misc{${key},\n  title = ${title}\n}\n` : '';
    })
    .join('');
  const library = parseBib(bib, { sentenceCase: { guess: false }, caseProtection: 'strict' });
  expect(library.errors).toEqual([]);
  // In strict mode the parser marks each protected group as `<span class="nocase">`; the text is what counts here.
  return new Map(library.entries.map((entry) => [entry.key, (entry.fields.title ?? '').replace(/<span class="nocase">|<\/span>/g, '')]));
}

const creatorWords = (creator: Creator): string => partsWords(creator.name, creator.firstName, creator.prefix, creator.lastName, creator.suffix);
// citation.js drops some punctuation from names ("=Formula Person" comes back without "="), so its view is
// compared on letters, digits and spaces; the Better BibTeX parser is compared on the exact words.
const lettersOnly = (words: string): string => nameWords(words.replace(/[^\p{L}\p{N}\s]/gu, ''));
const cslWords = (person: CslPerson): string =>
  lettersOnly(partsWords(person.literal, person.given, person['dropping-particle'], person['non-dropping-particle'], person.family, person.suffix));

/** BibTeX's own rule: within a field, `{` and `}` balance, counted with no regard to backslashes. */
function expectBalancedBraces(text: string): void {
  for (const line of text.split('\n')) {
    if (!line.startsWith('  ')) continue;
    let depth = 0;
    let lowest = 0;
    for (const char of line) {
      if (char === '{') depth++;
      if (char === '}') depth--;
      lowest = Math.min(lowest, depth);
    }
    expect([lowest, depth], line).toEqual([0, 0]);
  }
}

function checkFormat(format: 'bibtex' | 'biblatex', papers: Paper[]): void {
  const text = exportPapers(papers, format);
  expectBalancedBraces(text);
  const viaCitationJs = readWithCitationJs(text);
  const viaRetorquere = readWithRetorquere(text);
  expect(viaCitationJs).toHaveLength(papers.length);
  expect(viaRetorquere).toHaveLength(papers.length);
  const sentenceCased = sentenceCasedTitles(text);
  const keys = viaRetorquere.map((entry) => entry.key);
  expect(new Set(keys).size).toBe(papers.length);

  papers.forEach((paper, index) => {
    const csl = viaCitationJs[index] as CslRead;
    const entry = viaRetorquere[index] as Entry;
    const fields = entry.fields;
    const where = `${format} ${paper.id}`;
    expect(csl.id, where).toBe(entry.key);
    // Zotero writes an arXiv preprint as @misc in both formats; citation.js reads @misc as a CSL document.
    expect(entry.type, where).toBe('misc');
    expect(csl.type, where).toBe('document');

    const title = oneLineText(paper.title);
    expect(csl.title ?? '', where).toBe(title);
    expect(fields.title ?? '', where).toBe(title);
    // Every capital a style could lower-case is protected, so a sentence-casing reader keeps the title as written.
    expect(sentenceCased.get(entry.key) ?? '', where).toBe(title);

    const authors = expectedAuthorWords(paper);
    expect((csl.author ?? []).map(cslWords), where).toEqual(authors.map(lettersOnly));
    expect((fields.author ?? []).map(creatorWords), where).toEqual(authors);

    expect(csl.abstract ?? '', where).toBe(oneLineText(paper.abstract));
    expect(fields.abstract ?? '', where).toBe(oneLineText(paper.abstract));
    // The Better BibTeX parser hands keywords back sorted.
    expect([...(fields.keywords ?? [])].sort(), where).toEqual(expectedKeywords(paper).sort());
    expect((csl.keyword ?? '').split(',').filter(Boolean), where).toEqual(expectedKeywords(paper));

    const date = isoYearMonth(paper);
    if (date) {
      expect(csl.issued?.['date-parts'][0]?.slice(0, 2), where).toEqual([date.year, date.month]);
      if (format === 'bibtex') {
        expect([fields.year, fields.month], where).toEqual([String(date.year), String(date.month)]);
      } else {
        expect(fields.date, where).toBe(`${date.year}-${String(date.month).padStart(2, '0')}`);
      }
    }

    if (isNewStyleArxiv(paper.id)) {
      expect(fields.eprint, where).toBe(paper.id);
      expect(format === 'bibtex' ? fields.archiveprefix : fields.eprinttype, where).toBe(format === 'bibtex' ? 'arXiv' : 'arxiv');
      expect(fields.primaryclass ?? fields.eprintclass, where).toBeUndefined();
      expect(fields.url, where).toBe(`https://arxiv.org/abs/${paper.id}`);
      expect(csl.URL, where).toBe(`https://arxiv.org/abs/${paper.id}`);
      expect(fields.doi, where).toBe(`10.48550/arXiv.${paper.id}`);
    }
  });
}

// Three parses of a 491-paper file take tens of seconds on a loaded machine; the limit only guards against a hang.
const READ_BACK_LIMIT_MS = 180_000;

describe('BibTeX and BibLaTeX exports read back field by field', () => {
  for (const format of ['bibtex', 'biblatex'] as const) {
    it(`${format}: hand-made edge cases`, () => checkFormat(format, EDGE_CASES));
    it(`${format}: synthetic papers, one with 300 authors`, () => {
      const papers = syntheticPapers();
      expect(papers.some((paper) => paper.authors.length === 300)).toBe(true);
      checkFormat(format, papers);
    }, READ_BACK_LIMIT_MS);
    it.skipIf(!SHARED_PAPERS)(`${format}: the 491 real papers (needs ../shared/data; skipped where it is absent)`, () => checkFormat(format, SHARED_PAPERS ?? []), READ_BACK_LIMIT_MS);
  }
});

describe('BibTeX details', () => {
  const bib = (paper: Paper, format: ExportFormat = 'bibtex'): string => exportPapers([paper], format);
  const base: Paper = { id: '2307.09288', title: 'x', abstract: '', authors: ['Hugo Touvron'], publishedAt: '2023-07-18T00:00:00Z' };

  const title = (paper: Paper, format: ExportFormat = 'bibtex'): string => /^ {2}title +=(.*),$/m.exec(bib(paper, format))?.[1]?.trim() ?? '';

  it('protects acronyms and CamelCase words, at the start of a title too', () => {
    expect(title({ ...base, title: 'LLaMA 2: Open Foundation Models for iPhone, GPT-4V and 3D Scenes' })).toBe(
      '{{LLaMA} 2: {Open Foundation Models} for {iPhone}, {GPT-4V} and {3D Scenes}}',
    );
    expect(title({ ...base, title: 'iPhone photos of NeRF scenes' })).toBe('{{iPhone} photos of {NeRF} scenes}');
    expect(title({ ...base, title: '3D Gaussian Splatting' })).toBe('{{3D} {Gaussian Splatting}}');
  });

  it('protects every capitalised word after the first, as Better BibTeX does: proper nouns keep their capital', () => {
    expect(title({ ...base, title: 'Benchmarking LLM Inference on Intel GPUs' })).toBe('{Benchmarking {LLM Inference} on {Intel GPUs}}');
    expect(title({ ...base, title: 'Scaling laws for Intel hardware' })).toBe('{Scaling laws for {Intel} hardware}');
    expect(title({ ...base, title: 'A Survey on LLMs' })).toBe('{A {Survey} on {LLMs}}');
    expect(title({ ...base, title: 'Über Intel und Ärzte' })).toBe('{Über {Intel} und {Ärzte}}');
    expect(title({ ...base, title: 'Scaling laws for Intel hardware' }, 'biblatex')).toBe('{Scaling laws for {Intel} hardware}');
    // A reader that sentence-cases titles on import (Zotero, Better BibTeX) keeps "Intel".
    expect([...sentenceCasedTitles(bib({ ...base, title: 'Scaling laws for Intel hardware' })).values()]).toEqual(['Scaling laws for Intel hardware']);
  });

  it('leaves words without a capital, and scripts without case, unbraced', () => {
    expect(title({ ...base, title: 'learning to rank, with 2 passes' })).toBe('{learning to rank, with 2 passes}');
    expect(title({ ...base, title: '日本語 Model' })).toBe('{日本語 {Model}}');
  });

  it('keeps escaping inside a protected group', () => {
    expect(title({ ...base, title: 'Q&A -- R&D Work' })).toBe('{Q\\&{A} -{}- {R}\\&{D Work}}');
  });

  it('escapes every TeX special character so it prints as written', () => {
    const text = bib({ ...base, title: 'a # $ % & _ { } ~ ^ \\ < > | z' });
    expect(text).toContain(
      '{a \\# \\$ \\% \\& \\_ \\textbraceleft{} \\textbraceright{} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{} \\textgreater{} \\textbar{} z}',
    );
  });

  it('breaks TeX ligatures so -- and \'\' print as typed', () => {
    const text = bib({ ...base, title: "a -- b --- c `` d '' e" });
    expect(text).toContain("{a -{}- b -{}-{}- c `{}` d '{}' e}");
  });

  it('keeps Unicode as UTF-8', () => {
    expect(bib({ ...base, title: 'Ünïcödé π 日本語', authors: ['José Müller'] })).toContain('{Ünïcödé π 日本語}');
  });

  it('writes particles, suffixes and single names so BibTeX splits them right', () => {
    const text = bib({ ...base, authors: ['Jan van der Berg', 'John Smith Jr.', 'DeepSeek-AI', 'Research and Development Team'] });
    expect(text).toContain('author        = {van der Berg, Jan and Smith, Jr., John and {DeepSeek-AI} and {Research and Development Team}}');
    const [entry] = parseBib(text).entries;
    expect(entry?.fields.author).toEqual([
      { lastName: 'Berg', firstName: 'Jan', prefix: 'van der' },
      { lastName: 'Smith', firstName: 'John', suffix: 'Jr.' },
      { name: 'DeepSeek-AI' },
      { name: 'Research and Development Team' },
    ]);
  });

  it('writes month macros in BibTeX and an ISO month in BibLaTeX', () => {
    expect(bib(base)).toMatch(/month\s+= jul,/);
    expect(bib(base, 'biblatex')).toMatch(/date\s+= \{2023-07\},/);
  });

  it('names primaryClass only when it is known', () => {
    expect(bib(base)).not.toContain('primaryClass');
    const old = bib({ ...base, id: 'math.gt/0309136' });
    expect(old).toContain('primaryClass  = {math.GT}');
    expect(old).toContain('eprint        = {math.GT/0309136}');
    const given = bib({ ...base, primaryClass: 'cs.CL' } as Paper);
    expect(given).toContain('primaryClass  = {cs.CL}');
    expect(bib({ ...base, primaryClass: 'cs.CL' } as Paper, 'biblatex')).toContain('eprintclass = {cs.CL}');
  });

  it('writes a non-arXiv paper without eprint fields, linked to its page on the site', () => {
    const text = bib({ ...base, id: 'some-other-id' });
    expect(text).not.toMatch(/eprint|archivePrefix|doi/);
    expect(text).toMatch(/url\s+= \{https:\/\/huggingface\.co\/papers\/some-other-id\}/);
  });

  it('writes every one of 300 authors', () => {
    const authors = Array.from({ length: 300 }, (_, i) => `Given${i} Family${i}`);
    const [entry] = parseBib(bib({ ...base, authors })).entries;
    expect(entry?.fields.author).toHaveLength(300);
    expect(entry?.fields.author?.[299]).toEqual({ firstName: 'Given299', lastName: 'Family299' });
    expect(nameWords('Family299, Given299')).toBe(nameWords('Given299 Family299'));
  });
});
