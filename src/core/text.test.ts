import { describe, expect, it } from 'vitest';
import { collapseWhitespace, foldText, stripMarkup, titleKey, words } from './text';
import { authorKeys, authorsAgree } from './text-authors';
import { displayWord, tokenize } from './text-tokens';

describe('titleKey', () => {
  const base = 'SparseFlow: Efficient Mixture-of-Experts Routing for Long-Context Language Models';
  it.each([
    'sparseflow: efficient mixture-of-experts routing for long-context language models',
    'SPARSEFLOW -- EFFICIENT MIXTURE OF EXPERTS ROUTING FOR LONG CONTEXT LANGUAGE MODELS.',
    '{SparseFlow}: \\emph{Efficient} Mixture-of-Experts Routing for Long-Context Language Models',
    '$\\mathrm{SparseFlow}$: Efficient Mixture-of-Experts Routing for Long-Context Language  Models',
    '<i>SparseFlow</i>: Efficient Mixture-of-Experts Routing for Long&#8209;Context Language Models',
    ' SparseFlow:\tEfficient   Mixture-of-Experts Routing for Long-Context Language Models ',
  ])('folds %s', (variant) => {
    expect(titleKey(variant)).toBe(titleKey(base));
  });

  it('folds accents and special letters', () => {
    expect(titleKey('Schrödinger Bridges for Naïve Fréchet Estimation')).toBe(titleKey('Schrodinger bridges for naive Frechet estimation'));
    expect(titleKey('Straße & Œuvre')).toBe('strasse oeuvre');
  });

  it('reads LaTeX and Unicode Greek letters alike', () => {
    expect(titleKey('$\\alpha$-Flow: Tuning')).toBe(titleKey('α-Flow: Tuning'));
    expect(titleKey('PanGu-$\\pi$')).toBe('pangu pi');
  });

  it('keeps words apart and non-Latin scripts intact', () => {
    expect(titleKey('A Survey of Large Language Models')).toBe('a survey of large language models');
    expect(titleKey('大规模 语言模型')).toBe('大规模 语言模型');
    expect(titleKey('')).toBe('');
    expect(titleKey('?!')).toBe('');
  });

  it('does not fold away real differences', () => {
    expect(titleKey('Learning to Reason')).not.toBe(titleKey('Learning to Reason at Scale'));
    expect(titleKey('GPT-4 Technical Report')).not.toBe(titleKey('GPT-3 Technical Report'));
  });
});

describe('stripMarkup, foldText, words', () => {
  it('removes HTML tags and decodes entities', () => {
    expect(stripMarkup('<b>Fast</b> &amp; <i>small</i> &lt;models&gt; &#x41;&#66;')).toBe('Fast & small <models> AB');
  });
  it('keeps the content of LaTeX commands and drops math delimiters', () => {
    expect(stripMarkup('\\textbf{Bold} $O(n^2)$ 50\\% \\&').replace(/\s+/g, ' ').trim()).toBe('Bold O(n 2) 50% &');
  });
  it('folds case and accents', () => {
    expect(foldText('Élan Über Ærø')).toBe('elan uber aero');
  });
  it('splits into folded words', () => {
    expect(words('Chain-of-Thought (CoT) prompting, 3D scenes & GSM8K!')).toEqual(['chain', 'of', 'thought', 'cot', 'prompting', '3d', 'scenes', 'gsm8k']);
    expect(words('  ')).toEqual([]);
    expect(words('Schrödinger \\emph{bridges}')).toEqual(['schrodinger', 'bridges']);
  });
});

describe('tokens', () => {
  it('marks stop words, stems content words and keeps display forms', () => {
    const tokens = tokenize('We propose NeRFs for the rendering of 3D scenes in 2024');
    const byWord = new Map(tokens.map((token) => [token.surface, token]));
    expect(byWord.get('the')?.hash).toBe(0);
    expect(byWord.get('the')?.stem).toBeNull();
    expect(byWord.get('2024')?.stem).toBeNull();
    expect(byWord.get('2024')?.hash).not.toBe(0);
    expect(byWord.get('rendering')?.stem).toBe('render');
    expect(byWord.get('NeRFs')?.display).toBe('NeRFs');
    expect(byWord.get('3D')?.display).toBe('3D');
    expect(tokenize('Rendering')[0]?.stemId).toBe(byWord.get('rendering')?.stemId);
  });
  it('reads plain ASCII text word by word exactly like a split, and reuses tokens', () => {
    const text = 'Mixture-of-Experts (MoE) routing: 2x faster, GSM8K +3.5%; MoE again... end';
    const expected = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.surface)).toEqual(expected);
    expect(tokens[3]).toBe(tokens.find((token, i) => i > 3 && token.surface === 'MoE'));
    expect(tokenize('moe')[0]?.surface).toBe('moe');
    expect(tokenize('')).toEqual([]);
  });

  it('stays exact while its word table grows past tens of thousands of words', () => {
    const vocabulary = Array.from({ length: 40_000 }, (_, i) => `w${i.toString(36)}x`);
    const tokens = tokenize(vocabulary.join(' '));
    expect(tokens.map((token) => token.surface)).toEqual(vocabulary);
    expect(tokenize(vocabulary.slice(0, 5).join(' ')).map((token) => token.surface)).toEqual(vocabulary.slice(0, 5));
  });

  it('shows ordinary words in lower case', () => {
    expect(displayWord('Diffusion')).toBe('diffusion');
    expect(displayWord('LLMs')).toBe('LLMs');
    expect(displayWord('GSM8K')).toBe('GSM8K');
  });
});

describe('authors', () => {
  it('agree on one shared surname and first initial, in either name order form', () => {
    const a = authorKeys(['Penghui Qi', 'Xinyi Wan', 'Min Lin']);
    expect(authorsAgree(a, authorKeys(['P. Qi', 'Someone Else']))).toBe(true);
    expect(authorsAgree(a, authorKeys(['Lin, Min']))).toBe(true);
    expect(authorsAgree(a, authorKeys(['José García']))).toBe(false);
    expect(authorsAgree(authorKeys(['José García']), authorKeys(['Jose Garcia']))).toBe(true);
  });
  it('disagree when initials differ even with the same surname', () => {
    expect(authorsAgree(authorKeys(['Wei Zhang']), authorKeys(['Jun Zhang']))).toBe(false);
    expect(authorsAgree(authorKeys(['Wei Zhang']), authorKeys(['Wei Zhou']))).toBe(false);
  });
  it('never disagree when a side has no authors', () => {
    expect(authorsAgree(authorKeys([]), authorKeys(['Ada Lovelace']))).toBe(true);
    expect(authorsAgree(authorKeys(['', '  ']), authorKeys(['Ada Lovelace']))).toBe(true);
  });
  it('handles 300-author lists', () => {
    const letters = (i: number): string => i.toString(26).replace(/./g, (c) => String.fromCharCode(97 + Number.parseInt(c, 26)));
    const many = Array.from({ length: 300 }, (_, i) => `Ann Sur${letters(i)}`);
    expect(authorKeys(many).size).toBe(300);
    expect(authorsAgree(authorKeys(many), authorKeys([`A. Sur${letters(299)}`]))).toBe(true);
    expect(authorsAgree(authorKeys(many), authorKeys([`B. Sur${letters(299)}`]))).toBe(false);
  });
});

describe('collapseWhitespace', () => {
  it('gives what collapsing every run of white space and trimming gives', () => {
    const cases = ['Plain title', ' leading', 'trailing ', 'two  spaces', 'tab\there', 'line\nbreak', 'nbsp\u00a0inside', '\u2003em space', '', ' ', 'a'];
    for (const text of cases) expect(collapseWhitespace(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('returns a text that needs nothing as it is', () => {
    const title = 'Attention Is All You Need';
    expect(collapseWhitespace(title)).toBe(title);
  });
});
