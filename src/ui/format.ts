/**
 * Plain-words formatting shared by the popup and the options page: author lists, dates, listing pages.
 * Pure functions (no DOM); the locale defaults to the browser's.
 */
import { formatDate, formatNumber } from '../core/locale-format';

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'bin', 'al', 'el']);

/** "Ashish Vaswani" -> "A. Vaswani", "Jean-Pierre de la Tour" -> "J.-P. de la Tour", "Vaswani, Ashish" -> "A. Vaswani". */
export function shortName(raw: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name === '') return '';
  let given: string[];
  let family: string[];
  const comma = name.indexOf(',');
  if (comma > 0) {
    family = name.slice(0, comma).trim().split(' ');
    given = name.slice(comma + 1).trim().split(' ').filter(Boolean);
  } else {
    const words = name.split(' ');
    if (words.length === 1) return name;
    let start = words.length - 1;
    while (start > 1 && PARTICLES.has((words[start - 1] ?? '').toLowerCase())) start--;
    given = words.slice(0, start);
    family = words.slice(start);
  }
  const initials = given.map(initialOf).filter(Boolean).join(' ');
  return initials ? `${initials} ${family.join(' ')}` : family.join(' ');
}

function initialOf(word: string): string {
  return word
    .split('-')
    .map((part) => {
      const letter = Array.from(part.replace(/^[^\p{L}]+/u, ''))[0];
      return letter ? `${letter.toUpperCase()}.` : '';
    })
    .filter(Boolean)
    .join('-');
}

/** "A. Author, B. Author et al." for three or more; every name for one or two; '' for none. */
export function shortAuthors(authors: readonly string[], shown = 2): string {
  const names = authors.map(shortName).filter(Boolean);
  if (names.length === 0) return '';
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} et al.`;
}

/** Local calendar day YYYY-MM-DD of a time. */
export function localDay(time: number): string {
  const date = new Date(time);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

function parseLocalDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** Group heading for a local day: "Today", "Yesterday", "Monday, March 11" (year added when not this year). */
export function dayHeading(day: string, now: number = Date.now(), locale?: string): string {
  const date = parseLocalDay(day);
  if (!date) return day;
  const today = localDay(now);
  if (day === today) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === localDay(yesterday.getTime())) return 'Yesterday';
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return formatDate(date, { weekday: 'long', month: 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }, locale);
}

/** "14:32" for today, "Mar 11" this year, "Mar 11, 2023" otherwise. */
export function shortDate(time: number, now: number = Date.now(), locale?: string): string {
  const date = new Date(time);
  if (localDay(time) === localDay(now)) return formatDate(date, { hour: '2-digit', minute: '2-digit' }, locale);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return formatDate(date, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }, locale);
}

/** Time of day, "14:32" or "2:32 PM" as the locale writes it. */
export function timeOfDay(time: number, locale?: string): string {
  return formatDate(time, { hour: 'numeric', minute: '2-digit' }, locale);
}

/** A listing page key in a few words for a list row: "Daily Mar 11", "Weekly W11 2024", "Search “diffusion”". */
export function shortPageKey(key: string | undefined, now: number = Date.now(), locale?: string): string {
  if (!key) return '';
  const colon = key.indexOf(':');
  const kind = colon < 0 ? key : key.slice(0, colon);
  const rest = colon < 0 ? '' : key.slice(colon + 1);
  const thisYear = new Date(now).getFullYear();
  switch (kind) {
    case 'day': {
      const date = parseLocalDay(rest);
      if (!date) return 'Daily';
      return `Daily ${formatDate(date, { month: 'short', day: 'numeric', ...(date.getFullYear() === thisYear ? {} : { year: 'numeric' }) }, locale)}`;
    }
    case 'week': {
      const match = /^(\d{4})-W(\d{1,2})$/i.exec(rest);
      return match ? `Weekly W${Number(match[2])}${Number(match[1]) === thisYear ? '' : ` ${match[1]}`}` : 'Weekly';
    }
    case 'month': {
      const match = /^(\d{4})-(\d{2})$/.exec(rest);
      if (!match) return 'Monthly';
      return `Monthly ${formatDate(new Date(Number(match[1]), Number(match[2]) - 1, 1), { month: 'short', ...(Number(match[1]) === thisYear ? {} : { year: 'numeric' }) }, locale)}`;
    }
    case 'trending': return 'Trending';
    case 'search': return rest ? `Search “${rest}”` : 'Search';
    case 'landing': return 'Papers front page';
    case 'paper': return 'Paper page';
    default: return 'Papers page';
  }
}

/** A listing page key (`day:2024-03-11`, `week:2024-W11`, `search:diffusion`...) in words. */
export function describePageKey(key: string | undefined, locale?: string): string {
  if (!key) return '';
  const colon = key.indexOf(':');
  const kind = colon < 0 ? key : key.slice(0, colon);
  const rest = colon < 0 ? '' : key.slice(colon + 1);
  switch (kind) {
    case 'day': {
      const date = parseLocalDay(rest);
      return date ? `daily list of ${formatDate(date, { month: 'short', day: 'numeric', year: 'numeric' }, locale)}` : 'a daily list';
    }
    case 'week': {
      const match = /^(\d{4})-W(\d{1,2})$/i.exec(rest);
      return match ? `weekly list, week ${Number(match[2])} of ${match[1]}` : 'a weekly list';
    }
    case 'month': {
      const match = /^(\d{4})-(\d{2})$/.exec(rest);
      if (!match) return 'a monthly list';
      const date = new Date(Number(match[1]), Number(match[2]) - 1, 1);
      return `monthly list of ${formatDate(date, { month: 'long', year: 'numeric' }, locale)}`;
    }
    case 'trending':
      return 'trending list';
    case 'search':
      return rest ? `search for “${rest}”` : 'a search';
    case 'landing':
      return 'papers front page';
    case 'paper':
      return 'the paper’s own page';
    default:
      return 'a papers page';
  }
}

/** Page address of a paper on the site. */
export function paperUrl(id: string): string {
  return `https://huggingface.co/papers/${encodeURIComponent(id).replace(/%2F/gi, '/')}`;
}

/** "1,234" in the reader's locale. */
export function count(value: number, locale?: string): string {
  return formatNumber(value, locale);
}

/** "1 paper" / "3 papers". */
export function plural(value: number, one: string, many = `${one}s`, locale?: string): string {
  return `${count(value, locale)} ${value === 1 ? one : many}`;
}
