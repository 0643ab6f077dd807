/**
 * What a search box query asks for: nothing (empty), a paper by its arXiv id (bare, with a version, `arXiv:` or
 * an arXiv or Hugging Face URL), the start of an id (`2401.102`), or words (folded, stop words dropped when other
 * words remain). A query whose characters the tokenizer drops entirely (`<img …>`, `+++`) asks for nothing findable:
 * it matches no paper, rather than every paper.
 */
import { normaliseId } from './ids';
import { words as foldedWords } from './text';
import { STOP_WORDS } from './text-stopwords';

export type SearchQuery =
  | { kind: 'all' }
  | { kind: 'unsearchable' }
  | { kind: 'id'; id: string }
  | { kind: 'id-prefix'; prefix: string }
  | { kind: 'words'; terms: string[] };

const FULL_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})$/;
const ID_PREFIX = /^\d{4}\.\d{1,4}$/;

export function parseSearchQuery(query: string | undefined): SearchQuery {
  const text = (query ?? '').trim();
  if (text === '') return { kind: 'all' };
  const id = normaliseId(text);
  // `2401.1024` may be a whole 2007-2014 id or the start of a newer one: as typed, it is both (a prefix).
  if (id === text && ID_PREFIX.test(id)) return { kind: 'id-prefix', prefix: id };
  if (FULL_ID.test(id)) return { kind: 'id', id };
  const all = [...new Set(foldedWords(text))];
  if (all.length === 0) return { kind: 'unsearchable' };
  const content = all.filter((word) => !STOP_WORDS.has(word));
  return { kind: 'words', terms: content.length > 0 ? content : all };
}
