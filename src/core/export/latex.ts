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
const CAPITAL = /[\p{Lu}\p{Lt}]/u;
const CAPITAL_AFTER_FIRST = /^.[\p{L}\p{N}\p{M}]*[\p{Lu}\p{Lt}]/u;
/** What may sit between two protected words of one brace group: a space, a hyphen, an apostrophe. */
const GROUP_JOINER = /^(?:[ \t]+|[-'’])$/;

/**
 * Whether a style that lower-cases titles could damage the word, by Better BibTeX's rule (Zotero's own BibTeX
 * export follows the same one): every word with a capital letter, except the title's first word when only its
 * first letter is a capital. That covers acronyms and CamelCase (LLaMA, GPT, iPhone, 3D, NeRF) and the proper
 * nouns a title keeps capitalised ("Intel" in "Scaling laws for Intel hardware"); in a title written in Title
 * Case it also keeps each capitalised word, so the title prints as the site shows it.
 */
export function needsCaseProtection(word: string, isFirstWord: boolean): boolean {
  return CAPITAL_AFTER_FIRST.test(word) || (!isFirstWord && CAPITAL.test(word));
}

/**
 * A title escaped for BibTeX, its words protected by braces where `needsCaseProtection` says so. Neighbouring
 * protected words share one group, as Better BibTeX writes them: {LLaMA} 2: {Open Foundation Models}, {GPT-4V}.
 * The first word keeps a group of its own: a title that is one brace group ({{TeleChat Technical Report}}) is
 * read by Better BibTeX's importer as the old whole-title wrap and sentence-cased regardless.
 */
export function protectTitle(title: string): string {
  const words = [...title.matchAll(WORD_RUN)].map((match, index) => ({
    start: match.index,
    end: match.index + match[0].length,
    first: index === 0,
    protect: needsCaseProtection(match[0], index === 0 && title.slice(0, match.index).trim() === ''),
  }));
  let out = '';
  let last = 0;
  let group: { start: number; end: number; closed: boolean } | undefined;
  const closeGroup = (): void => {
    if (!group) return;
    out += `${escapeLatex(title.slice(last, group.start))}{${escapeLatex(title.slice(group.start, group.end))}}`;
    last = group.end;
    group = undefined;
  };
  for (const word of words) {
    if (!word.protect) closeGroup();
    else if (group && !group.closed && GROUP_JOINER.test(title.slice(group.end, word.start))) group.end = word.end;
    else {
      closeGroup();
      group = { start: word.start, end: word.end, closed: word.first };
    }
  }
  closeGroup();
  return out + escapeLatex(title.slice(last));
}
