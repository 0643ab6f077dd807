/**
 * Splits an author name as reference managers store it: given names, a particle ("van der", "de la"), the
 * surname and a suffix (Jr., III). Reads "First Middle Last", "Last, First", "Last, Jr., First" and
 * "First Last, Jr.". Family-name-first order without a comma ("Qi Penghui") cannot be told apart and is read
 * as written, like BibTeX does. One-word names and organisations are kept whole (`literal`).
 */

export interface AuthorName {
  /** Surname without its particle; for a literal name, the whole name. */
  family: string;
  given: string;
  /** "van der", "de la", "von": written before the surname, not part of the sort key. */
  particle: string;
  /** "Jr.", "III". */
  suffix: string;
  /** The name as one unit (one word, or a name that must not be split, e.g. one containing "and"). */
  literal?: string;
}

const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv', 'v', 'vi', 'jnr', 'snr']);

/** Particles that also start with a capital letter in some names ("De la Torre", "Van der Berg"). */
const PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'dei', 'degli', 'di', 'da', 'das', 'dos', 'do', 'du', 'des',
  'la', 'le', 'les', 'lo', 'ten', 'ter', 'te', 'op', "van't", 'zu', 'zum', 'zur', 'af', 'av', 'al', 'el', 'bin', 'ibn', 'y',
]);

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
const STARTS_LOWERCASE = /^\p{Ll}/u;

const isSuffix = (token: string): boolean => SUFFIXES.has(token.toLowerCase());
const isParticleWord = (token: string): boolean => PARTICLES.has(token.toLowerCase());
const isLowercaseWord = (token: string): boolean => STARTS_LOWERCASE.test(token);

/**
 * The surname part of "Last, First": leading lowercase words are the particle ("van der Berg"), and so is a
 * capitalised known particle when a lowercase one follows ("De la Torre"). "García Márquez" stays whole.
 */
function splitParticle(words: string[]): { particle: string; family: string } {
  let end = 0;
  if (words.length > 2 && isParticleWord(words[0] as string) && isLowercaseWord(words[1] as string)) end = 1;
  while (end < words.length - 1 && isLowercaseWord(words[end] as string)) end++;
  return { particle: words.slice(0, end).join(' '), family: words.slice(end).join(' ') };
}

/**
 * In "Given [particle] Family": the particle is the run of lowercase words before the surname, plus one
 * capitalised known particle directly in front of that run ("De la Torre", "Van der Berg").
 */
function splitGivenFirst(words: string[]): Pick<AuthorName, 'given' | 'particle' | 'family'> {
  const family = words[words.length - 1] as string;
  let start = words.length - 1;
  while (start > 1 && isLowercaseWord(words[start - 1] as string)) start--;
  if (start < words.length - 1 && start > 1 && isParticleWord(words[start - 1] as string)) start--;
  return { given: words.slice(0, start).join(' '), particle: words.slice(start, words.length - 1).join(' '), family };
}

function literalName(name: string): AuthorName {
  return { family: name, given: '', particle: '', suffix: '', literal: name };
}

/** Null for a name with no letter or digit at all (a stray ":" in an author list). */
export function splitAuthorName(raw: string): AuthorName | null {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim().replace(/^,+|,+$/g, '').trim();
  if (!HAS_WORD_CHARACTER.test(name)) return null;
  // BibTeX splits author lists on the word "and": such a name is an organisation, kept whole.
  if (/(?:^|\s)and(?:\s|$)/i.test(name)) return literalName(name);

  const parts = name.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length >= 2) {
    const [first, second] = parts as [string, string];
    if (parts.length === 2 && isSuffix(second)) {
      const inner = splitAuthorName(first);
      if (!inner || inner.literal !== undefined) return literalName(name);
      return { ...inner, suffix: second };
    }
    const withSuffix = parts.length >= 3 && isSuffix(second);
    const givenWords = (withSuffix ? parts.slice(2) : parts.slice(1)).join(', ').split(' ');
    // "Cruz, Juan de la": some catalogues write the particle after the given names.
    let givenEnd = givenWords.length;
    while (givenEnd > 1 && isLowercaseWord(givenWords[givenEnd - 1] as string)) givenEnd--;
    const { particle, family } = splitParticle(first.split(' '));
    const trailing = givenWords.slice(givenEnd).join(' ');
    return {
      family,
      given: givenWords.slice(0, givenEnd).join(' '),
      particle: [trailing, particle].filter(Boolean).join(' '),
      suffix: withSuffix ? second : '',
    };
  }

  const words = name.split(' ');
  let suffix = '';
  if (words.length >= 3 && isSuffix(words[words.length - 1] as string)) suffix = words.pop() as string;
  if (words.length === 1) return literalName(name);
  return { ...splitGivenFirst(words), suffix };
}

/** "Given particle Family, Suffix" as one display string. */
export function displayName(name: AuthorName): string {
  if (name.literal !== undefined) return name.literal;
  const main = [name.given, name.particle, name.family].filter(Boolean).join(' ');
  return name.suffix ? `${main}, ${name.suffix}` : main;
}

/** "particle Family" : the surname as cited. */
export function citedFamily(name: AuthorName): string {
  return name.literal ?? [name.particle, name.family].filter(Boolean).join(' ');
}
