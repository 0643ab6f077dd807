/**
 * Text folding shared by duplicate and related detection: markup removal (HTML, LaTeX), accent and case
 * folding, title keys and word tokens.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Letters NFKD does not decompose, and Greek letters that titles write either as LaTeX or as symbols. */
const LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i', þ: 'th',
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', θ: 'theta', λ: 'lambda', μ: 'mu', π: 'pi', σ: 'sigma',
  τ: 'tau', φ: 'phi', ω: 'omega',
};
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Removes HTML tags and entities and LaTeX markup, keeping the words they wrap. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    // Accents (\"o, \'{e}, \c{c}) keep the letter: folding drops the accent anyway.
    .replace(/\\["'`^~=.]\{?([a-zA-Z])\}?|\\[cvuHkr]\{([a-zA-Z])\}/g, (_, plain?: string, braced?: string) => plain ?? braced ?? '')
    // \emph{x}, \textbf{x}, \mathrm{x} keep x; \alpha becomes "alpha"; \& and \% become the character.
    .replace(/\\([a-zA-Z]+)\*?\s*(?=\{)/g, '')
    .replace(/\\([a-zA-Z]+)/g, ' $1 ')
    .replace(/\\([^a-zA-Z])/g, '$1')
    .replace(/[{}$~^_]/g, ' ');
}

/** Lower case, accents removed, a few special letters spelled out. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(LETTER_PATTERN, (letter) => LETTERS[letter] ?? letter);
}

const MARKUP_HINT = /[<&\\${}~^_]/;
const NON_ASCII = /[^\u0000-\u007f]/;

/** Equal for titles that differ only in case, punctuation, accents, LaTeX or HTML markup and spacing. */
export function titleKey(title: string): string {
  const plain = MARKUP_HINT.test(title) ? stripMarkup(title) : title;
  if (!NON_ASCII.test(plain)) return plain.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return foldText(plain).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Folded words of a text, markup removed, in order (numbers and one-letter words included). */
export function words(text: string): string[] {
  const plain = MARKUP_HINT.test(text) ? stripMarkup(text) : text;
  // Most abstracts are plain ASCII: skip Unicode normalisation for them (it dominates the cost).
  const tokens = NON_ASCII.test(plain) ? foldText(plain).split(/[^\p{L}\p{N}]+/u) : plain.toLowerCase().split(/[^a-z0-9]+/);
  if (tokens.length > 0 && tokens[0] === '') tokens.shift();
  if (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  return tokens;
}

/** Whitespace that collapseWhitespace would change: any but a lone inner space. */
const LOOSE_SPACE = /[^\S ]| {2}|^ | $/;

/**
 * Runs of white space as one space, trimmed. Most titles are already like that: they are tested first (a scan
 * that allocates nothing) and returned as they are, which on a 1000-card page is a few ms of the read.
 */
export function collapseWhitespace(text: string): string {
  return LOOSE_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}
