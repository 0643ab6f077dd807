/**
 * Which listing a URL shows. Only the URL is read here; the hydration payload may refine the period later.
 */
import type { ListingPage } from '../../core/types';
import { normaliseId } from '../../core/ids';

/** Path segments under /papers/ that are listing routes, not paper ids. */
export const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(['date', 'week', 'month', 'trending', 'search', 'submit', 'index']);

export function listingPageFromUrl(url: string): ListingPage {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'other', key: 'other', url };
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  const clean = parsed.origin + parsed.pathname + parsed.search;
  const query = (parsed.searchParams.get('q') ?? '').trim();
  if (query && /^\/papers(\/search)?$/.test(path)) return { kind: 'search', key: `search:${query.toLowerCase()}`, url: clean };

  const day = /^\/papers\/date\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (day?.[1]) return { kind: 'day', key: `day:${day[1]}`, url: clean, period: day[1] };
  const week = /^\/papers\/week\/(\d{4})-w(\d{1,2})$/i.exec(path);
  if (week?.[1] && week[2]) {
    const period = `${week[1]}-W${week[2].padStart(2, '0')}`;
    return { kind: 'week', key: `week:${period}`, url: clean, period };
  }
  const month = /^\/papers\/month\/(\d{4}-\d{2})$/.exec(path);
  if (month?.[1]) return { kind: 'month', key: `month:${month[1]}`, url: clean, period: month[1] };
  if (path === '/papers/trending') return { kind: 'trending', key: 'trending', url: clean };
  if (path === '/papers') return { kind: 'landing', key: 'landing', url: clean };

  const paper = OLD_STYLE_PATH.exec(path) ?? /^\/papers\/([^/]+)$/.exec(path);
  if (paper?.[1] && !RESERVED_SEGMENTS.has(paper[1].toLowerCase())) {
    const id = paperIdFromSegment(paper[1]);
    if (id) return { kind: 'paper', key: `paper:${id}`, url: clean };
  }
  return { kind: 'other', key: `other:${path}`, url: clean };
}

/** Old-style arXiv ids carry a slash: /papers/hep-th/9901001. */
const OLD_STYLE_PATH = /^\/papers\/([a-z-]+(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?)$/i;

function paperIdFromSegment(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const id = normaliseId(decoded);
  return id === '' ? null : id;
}

/** `/papers/2403.12345`, with a version, a trailing slash, a query or a fragment: the id is the digits. */
const SITE_PAPER_HREF = /^\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?(?:[?#].*)?$/i;

/**
 * The paper id a link points at (`/papers/<id>`, `https://huggingface.co/papers/<id>#community`,
 * `https://arxiv.org/abs/<id>`, `https://arxiv.org/pdf/<id>v2.pdf`), or null for any other link.
 */
export function paperIdFromHref(href: string | null): string | null {
  if (!href) return null;
  // Nearly every link on a listing: answered by one small pattern (a 1000-card page has about 2000 of them).
  const bare = SITE_PAPER_HREF.exec(href);
  if (bare?.[1]) return bare[1];
  const text = href.trim();
  const local = /^(?:https?:\/\/(?:www\.)?huggingface\.co)?\/papers\/([a-z-]+(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?|[^/?#]+)\/?(?:[?#].*)?$/i.exec(text);
  if (local?.[1]) return RESERVED_SEGMENTS.has(local[1].toLowerCase()) ? null : paperIdFromSegment(local[1]);
  const arxiv = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/([^?#]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(text);
  if (arxiv?.[1]) return paperIdFromSegment(arxiv[1]);
  return null;
}
