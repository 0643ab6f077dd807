/**
 * Text for BibTeX and BibLaTeX fields. The choice, applied to every field the same way:
 *  - Text is text. Titles and abstracts are exported as the site shows them, so TeX's special characters are
 *    escaped (# $ % & _ { } ~ ^ \, and < > | which OT1 fonts print as ¡ ¿ —) and the printed bibliography
 *    shows exactly those characters. Math written in a title ("$\alpha$") therefore prints literally instead
 *    of as math: passing it through would break the document whenever the math is unbalanced or holds
 *    Unicode that pdfLaTeX cannot typeset.
 *  - Unicode is kept as UTF-8, not turned into LaTeX accents: biber, bibtex8, Zotero, JabRef and Mendeley read
 *    UTF-8, and LaTeX has read UTF-8 input by default since 2018.
 *  - TeX ligatures (-- --- `` '' !` ?` ,,) are broken with an empty group so they print as typed.
 *  - Braces are always escaped with \textbraceleft{} / \textbraceright{}: BibTeX counts a `\{` as a brace too,
 *    so a title with one lone brace would otherwise end the field early.
 */

const LATEX_SPECIALS = /[\\{}#$%&_~^<>|]/g;

const REPLACEMENTS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In LaTeX's default OT1 font encoding these print as ¡ ¿ and a dash.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

// Control characters other than tab and newline have no place in a .bib file.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * TeX joins -- and --- into dashes and `` '' !` ?` ,, into other glyphs; an empty group between the two
 * characters keeps them as typed (parsers read `-{}-` back as "--").
 */
const LIGATURE = /([-`',])(?=\1)|([!?])(?=`)/g;

export function escapeLatex(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(LATEX_SPECIALS, (char) => REPLACEMENTS[char] ?? char)
    .replace(LIGATURE, '$1$2{}');
}

/** A run of letters and digits (one word, or one part of a hyphenated word: "LLaMA" in "LLaMA-2"). */
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const CAPITAL_AFTER_FIRST = /^.[\p{L}\p{N}\p{M}]*\p{Lu}/u;

/**
 * Whether BibTeX styles that lower-case titles would damage the word: acronyms and CamelCase (LLaMA, GPT,
 * BERT, iPhone, 3D, ImageNet). A word capitalised only at its first letter is left to the style.
 */
export function needsCaseProtection(word: string): boolean {
  return CAPITAL_AFTER_FIRST.test(word);
}

/** A title escaped for BibTeX, with acronyms and CamelCase words protected by braces: {LLaMA}-2, {GPT}-4. */
export function protectTitle(title: string): string {
  let out = '';
  let last = 0;
  for (const match of title.matchAll(WORD_RUN)) {
    const word = match[0];
    const start = match.index;
    out += escapeLatex(title.slice(last, start));
    out += needsCaseProtection(word) ? `{${escapeLatex(word)}}` : escapeLatex(word);
    last = start + word.length;
  }
  return out + escapeLatex(title.slice(last));
}
