/**
 * Big hydration payloads (thousands of papers, megabytes of JSON) are not parsed in one JSON.parse call, which
 * would block the page for a long task: the paper list is cut into its elements by a small scanner and each
 * element parsed on its own, a slice at a time. Small payloads take the one-call path (faster overall).
 */

/** Above this many characters the payload is parsed in steps. */
export const STEP_PARSE_CHARS = 3_000_000;
/** Scanner tokens, or list elements parsed, per step. */
const TOKENS_PER_STEP = 20_000;
const ELEMENTS_PER_STEP = 150;

const STRUCTURE = /[{}[\]"]/g;
const STRING_REST = /(?:[^"\\]|\\[\s\S])*"/y;

export interface SplitPayload {
  /** The top-level object with the list emptied. */
  top: unknown;
  key: string;
  /** The list's elements, parsed one by one (null where an element is not JSON). */
  elements: unknown[];
}

/**
 * Finds the top-level array under one of `keys` and parses it element by element. Returns null when the text is
 * not shaped like that (the caller then falls back to one JSON.parse, which reports real syntax errors).
 */
export function* splitPayloadInSteps(raw: string, keys: readonly string[]): Generator<void, SplitPayload | null, void> {
  const wanted = new Set(keys);
  STRUCTURE.lastIndex = 0;
  let depth = 0;
  let tokens = 0;
  let lastString: { text: string; end: number } | null = null;
  let listKey: string | null = null;
  let listStart = -1;
  let listEnd = -1;
  const bounds: number[] = [];
  let elementStart = -1;
  for (let match = STRUCTURE.exec(raw); match; match = STRUCTURE.exec(raw)) {
    if (++tokens % TOKENS_PER_STEP === 0) yield;
    const at = match.index;
    const char = raw[at];
    if (char === '"') {
      STRING_REST.lastIndex = at + 1;
      if (!STRING_REST.exec(raw)) return null;
      const end = STRING_REST.lastIndex;
      if (depth === 1 && listKey === null) lastString = { text: raw.slice(at + 1, end - 1), end };
      STRUCTURE.lastIndex = end;
      continue;
    }
    if (char === '{' || char === '[') {
      depth++;
      if (char === '[' && depth === 2 && listStart < 0 && lastString && wanted.has(lastString.text) && /^\s*:\s*$/.test(raw.slice(lastString.end, at))) {
        listKey = lastString.text;
        listStart = at;
      } else if (depth === 3 && listStart >= 0 && listEnd < 0 && char === '{') {
        elementStart = at;
      }
    } else {
      if (depth === 3 && elementStart >= 0 && char === '}') {
        bounds.push(elementStart, at + 1);
        elementStart = -1;
      }
      if (depth === 2 && listStart >= 0 && listEnd < 0 && char === ']') listEnd = at + 1;
      depth--;
      if (depth < 0) return null;
    }
  }
  if (depth !== 0 || listKey === null || listEnd < 0) return null;
  let top: unknown;
  try {
    top = JSON.parse(`${raw.slice(0, listStart)}[]${raw.slice(listEnd)}`);
  } catch {
    return null;
  }
  const elements: unknown[] = [];
  for (let i = 0; i < bounds.length; i += 2) {
    if ((i / 2) % ELEMENTS_PER_STEP === ELEMENTS_PER_STEP - 1) yield;
    try {
      elements.push(JSON.parse(raw.slice(bounds[i], bounds[i + 1])));
    } catch {
      elements.push(null);
    }
  }
  return { top, key: listKey, elements };
}
