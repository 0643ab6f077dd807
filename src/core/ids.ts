/**
 * Paper ids as the site, arXiv and readers write them, folded to one form: the bare arXiv id without version
 * (`2403.12345`, `hep-th/9901001`). Anything that is not recognisably arXiv is kept as given (trimmed).
 */

const URL_PREFIX = /^(?:https?:\/\/)?(?:www\.|export\.)?(?:arxiv\.org\/(?:abs|pdf|html)\/|huggingface\.co\/papers\/)/i;
const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v\d+)?$/i;
const OLD_STYLE = /^([a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/i;

export function normaliseId(raw: string): string {
  let id = raw.trim();
  const url = URL_PREFIX.exec(id);
  if (url) {
    id = id.slice(url[0].length).replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\.pdf$/i, '');
  }
  id = id.replace(/^arxiv:\s*/i, '');
  const modern = NEW_STYLE.exec(id);
  if (modern?.[1]) return modern[1];
  const old = OLD_STYLE.exec(id);
  if (old?.[1]) return old[1].toLowerCase();
  return id;
}

/** Whether a normalised id is one the site can show a paper under: a new-style or an old-style arXiv id. */
export function isPaperId(id: string): boolean {
  return /^\d{4}\.\d{4,5}$/.test(id) || /^[a-z-]+(?:\.[a-z]{2})?\/\d{7}$/.test(id);
}
