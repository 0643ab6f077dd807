/**
 * The reader's tags and note on a paper: what a valid tag and a valid note are, with the limits said in plain
 * words. The card editor, the popup, the background (at the message boundary) and backup restore all check
 * with these same functions. Pure: no browser API.
 *
 * A tag is short plain text without the characters that separate or mark up tags in the export formats
 * (, ; in keyword lists, < > " { } \ in HTML and BibTeX), so every format carries it back unchanged.
 * Tags are kept as typed; two tags that differ only in case are the same tag (the first spelling stays).
 * A note is plain text with line breaks, never markup.
 */

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_NOTE_LENGTH = 10_000;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const FORBIDDEN_IN_TAG = /[,;<>"{}\\]/;
// Control characters other than tab and line feed (a carriage return is folded into a line feed first).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** The characters a tag cannot hold, as shown to the reader. */
export const FORBIDDEN_TAG_CHARACTERS = ', ; < > " { } \\';

/** A tag as stored: spaces folded, control characters dropped, trimmed. */
export function cleanTag(raw: string): string {
  return raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

export function checkTag(raw: unknown): Checked<string> {
  if (typeof raw !== 'string') return { ok: false, problem: 'A tag must be text.' };
  const tag = cleanTag(raw);
  if (tag === '') return { ok: false, problem: 'A tag cannot be empty.' };
  if ([...tag].length > MAX_TAG_LENGTH) return { ok: false, problem: `A tag can be at most ${MAX_TAG_LENGTH} characters long (this one has ${[...tag].length}).` };
  if (FORBIDDEN_IN_TAG.test(tag)) return { ok: false, problem: `A tag cannot hold ${FORBIDDEN_TAG_CHARACTERS} (“${tag.slice(0, MAX_TAG_LENGTH)}” does); use a space or a dash instead.` };
  return { ok: true, value: tag };
}

export const tagKey = (tag: string): string => tag.toLocaleLowerCase('en');

/** A tag list as stored: each tag checked, repeats (ignoring case) dropped, at most MAX_TAGS. */
export function checkTags(raw: unknown): Checked<string[]> {
  if (!Array.isArray(raw)) return { ok: false, problem: 'Tags must be a list of words.' };
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const checked = checkTag(item);
    if (!checked.ok) return checked;
    const key = tagKey(checked.value);
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(checked.value);
  }
  if (tags.length > MAX_TAGS) return { ok: false, problem: `A paper can carry at most ${MAX_TAGS} tags (this list has ${tags.length}).` };
  return { ok: true, value: tags };
}

/** A note as stored: line breaks as \n, control characters dropped, trailing space trimmed; '' means no note. */
export function cleanNote(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(/[ \t]+$/gm, '').trim();
}

export function checkNote(raw: unknown): Checked<string> {
  if (typeof raw !== 'string') return { ok: false, problem: 'A note must be text.' };
  const note = cleanNote(raw);
  const length = [...note].length;
  if (length > MAX_NOTE_LENGTH) {
    return { ok: false, problem: `A note can be at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters long (this one has ${length.toLocaleString('en')}).` };
  }
  return { ok: true, value: note };
}

/** Splits what the reader typed into a tag field ("a, b; c") into candidate tags. */
export function splitTagInput(text: string): string[] {
  return text.split(/[,;\n]/).map(cleanTag).filter(Boolean);
}

export interface TagCount {
  tag: string;
  count: number;
}

/**
 * Tags used before that complete what the reader is typing: those starting with it first, then those containing
 * it, each group most used first; tags the paper already carries are left out.
 */
export function suggestTags(known: readonly TagCount[], typed: string, exclude: readonly string[], limit = 8): string[] {
  const needle = tagKey(cleanTag(typed));
  const taken = new Set(exclude.map(tagKey));
  const candidates = known.filter(({ tag }) => !taken.has(tagKey(tag)));
  const rank = (entry: TagCount): number => {
    const key = tagKey(entry.tag);
    if (needle === '') return 0;
    if (key.startsWith(needle)) return 0;
    if (key.includes(needle)) return 1;
    return -1;
  };
  return candidates
    .map((entry) => ({ entry, rank: rank(entry) }))
    .filter(({ rank: r }) => r >= 0)
    .sort((a, b) => a.rank - b.rank || b.entry.count - a.entry.count || (a.entry.tag < b.entry.tag ? -1 : 1))
    .slice(0, limit)
    .map(({ entry }) => entry.tag);
}
