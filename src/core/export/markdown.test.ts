/** Markdown export read with the marked lexer: one list item per paper, its title as the link text. */
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../types';
import { exportPapers } from './index';
import { EDGE_CASES, SHARED_PAPERS, syntheticPapers } from './test-papers';
import { oneLineText } from './test-expect';

const NOW = new Date(2024, 2, 11, 12, 0);

/** Walks the token tree and collects the links in order. */
function links(tokens: Tokens.Generic[] | undefined, out: Tokens.Link[] = []): Tokens.Link[] {
  for (const token of tokens ?? []) {
    if (token.type === 'link') out.push(token as Tokens.Link);
    links(token.tokens as Tokens.Generic[] | undefined, out);
  }
  return out;
}

/** The plain text of a token tree, as a renderer would show it. */
function plainText(tokens: Tokens.Generic[] | undefined): string {
  return (tokens ?? []).map((token) => (token.tokens ? plainText(token.tokens as Tokens.Generic[]) : token.type === 'escape' || token.type === 'text' || token.type === 'codespan' ? (token.text as string) : token.raw)).join('');
}

function checkMarkdown(papers: Paper[]): void {
  const text = exportPapers(papers, 'markdown', { now: NOW });
  const tokens = marked.lexer(text);
  const heading = tokens.find((token) => token.type === 'heading') as Tokens.Heading;
  expect(heading.text).toBe(`Papers (${papers.length}) — exported from Paper Lens on 2024-03-11`);
  const list = tokens.find((token) => token.type === 'list') as Tokens.List;
  expect(list.ordered).toBe(true);
  expect(list.items).toHaveLength(papers.length);
  papers.forEach((paper, index) => {
    const item = list.items[index] as Tokens.ListItem;
    const where = `markdown ${paper.id}`;
    const found = links(item.tokens as Tokens.Generic[]);
    const titleLink = found[0] as Tokens.Link;
    expect(plainText(titleLink.tokens as Tokens.Generic[]), where).toBe(oneLineText(paper.title) || paper.id);
    const arxiv = /^(?:\d{4}\.\d{4,5}|[a-z-]+\/\d{7})$/.test(paper.id);
    expect(titleLink.href, where).toBe(arxiv ? `https://arxiv.org/abs/${paper.id}` : `https://huggingface.co/papers/${encodeURIComponent(paper.id)}`);
    expect(found.map((link) => link.text), where).toEqual(arxiv ? [titleLink.text, 'PDF', 'Hugging Face'] : [titleLink.text, 'Hugging Face']);
    const shownAuthors = paper.authors.filter((name) => /[\p{L}\p{N}]/u.test(name));
    if (shownAuthors.length > 10) expect(item.text, where).toContain(`et al. (${shownAuthors.length} authors)`);
  });
}

describe('Markdown export', () => {
  it('hand-made edge cases: every title and link survives the markdown parser', () => checkMarkdown(EDGE_CASES));
  it('synthetic papers, one with 300 authors shortened to ten', () => checkMarkdown(syntheticPapers()));
  it.skipIf(!SHARED_PAPERS)('the 491 real papers (needs ../shared/data; skipped where it is absent)', () => checkMarkdown(SHARED_PAPERS ?? []));

  it('renders markup characters in titles as text, not as HTML or emphasis', () => {
    const html = marked.parse(exportPapers([EDGE_CASES[7] as Paper], 'markdown', { now: NOW })) as string;
    expect(html).toContain('Markdown *stars* _under_ [brackets](x) `code` &lt;b&gt;tag&lt;/b&gt; | pipe');
    expect(html).not.toMatch(/<em>|<strong>stars|<code>|<b>/);
  });
});
