/**
 * Author lists compared the way reference managers do (Zotero): two lists agree when they share one author
 * with the same surname and first initial. Both "First Last" and "Last, First" are read.
 */
import { foldText } from './text';

/**
 * Surname + first initial of one author name; empty when the name has no letters. Family-name-first order
 * ("Qi Penghui") is not guessed: swapping would make "Wei Zhang" and "Wei Zhou" agree.
 */
function nameKeys(name: string): string[] {
  const folded = foldText(name).replace(/[^\p{L}\s,.'-]/gu, ' ').trim();
  if (!folded) return [];
  const comma = folded.indexOf(',');
  if (comma >= 0) {
    const surname = folded.slice(0, comma).replace(/[^\p{L}]+/gu, '');
    const initial = folded.slice(comma + 1).replace(/[^\p{L}]+/gu, '').charAt(0);
    return surname ? [`${surname} ${initial}`] : [];
  }
  const parts = folded.split(/[\s.]+/).map((part) => part.replace(/[^\p{L}-]+/gu, '')).filter(Boolean);
  if (parts.length === 0) return [];
  if (parts.length === 1) return [`${parts[0]} `];
  return [`${parts[parts.length - 1]} ${(parts[0] as string).charAt(0)}`];
}

export function authorKeys(authors: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const author of authors) for (const key of nameKeys(author)) keys.add(key);
  return keys;
}

/** False only when both lists have authors and none is shared (same surname and first initial). */
export function authorsAgree(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return true;
  return false;
}
