/**
 * Citation keys in the style reference managers and Google Scholar use: first author's surname, year, first
 * title word that is not a stop word, all folded to ASCII lower case: `vaswani2017attention`. Keys that
 * collide are made unique with a, b, c... in the order of the papers' ids (not the order of the list), so
 * the same set of papers always gets the same keys and adding a later paper does not rename earlier ones.
 */
import type { Paper } from '../types';
import { foldText, stripMarkup } from '../text';
import { splitAuthorName } from './names';
import { paperDate } from './paper-fields';

const KEY_STOP_WORDS = new Set([
  'a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'or', 'with', 'at', 'by', 'from', 'via', 'into', 'onto',
  'is', 'are', 'be', 'do', 'does', 'can', 'towards', 'toward', 'as', 'its', 'your', 'our', 'not',
]);

/** ASCII letters and digits only, lower case. */
export function keyPart(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, '');
}

function firstTitleWord(title: string): string {
  const words = foldText(stripMarkup(title)).split(/[^a-z0-9]+/).filter(Boolean);
  return words.find((word) => !KEY_STOP_WORDS.has(word)) ?? '';
}

function firstSurname(authors: readonly string[]): string {
  for (const author of authors) {
    const name = typeof author === 'string' ? splitAuthorName(author) : null;
    if (!name) continue;
    const surname = keyPart(name.family);
    if (surname) return surname;
  }
  return 'anon';
}

/** The key before collisions are resolved. */
export function baseCitationKey(paper: Paper): string {
  const year = paperDate(paper)?.year ?? '';
  const authors = Array.isArray(paper.authors) ? paper.authors : [];
  return `${firstSurname(authors)}${year}${firstTitleWord(paper.title ?? '')}`;
}

/** a..z, aa..az, ba.. */
function suffix(n: number): string {
  let out = '';
  let rest = n;
  do {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return out;
}

/** One unique key per paper, indexed like the input. */
export function citationKeys(papers: readonly Paper[]): string[] {
  const bases = papers.map(baseCitationKey);
  const groups = new Map<string, number[]>();
  bases.forEach((base, index) => {
    const group = groups.get(base);
    if (group) group.push(index);
    else groups.set(base, [index]);
  });
  const used = new Set(bases);
  const keys = [...bases];
  for (const [base, indexes] of groups) {
    if (indexes.length < 2) continue;
    const byId = [...indexes].sort((a, b) => {
      const idA = papers[a]?.id ?? '';
      const idB = papers[b]?.id ?? '';
      return idA < idB ? -1 : idA > idB ? 1 : a - b;
    });
    let n = 0;
    for (const index of byId.slice(1)) {
      let candidate: string;
      do candidate = `${base}${suffix(n++)}`;
      while (used.has(candidate));
      used.add(candidate);
      keys[index] = candidate;
    }
  }
  return keys;
}
