/**
 * The words on the marks. Pure functions of the page analysis and the stored state, so they are tested alone.
 */
import type { DuplicateRule } from '../../core/types';
import type { HistoryDuplicate, PaperState, ReaderRelated } from '../../core/records';
import { formatDate } from '../../core/locale-format';

const DAY_MS = 86_400_000;

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** "today", "yesterday", "Mar 11", or "Mar 11, 2023" for another year. */
export function dayLabel(time: number, now = Date.now(), locale?: string): string {
  const days = Math.round((startOfDay(now) - startOfDay(time)) / DAY_MS);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return formatDate(time, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }, locale);
}

/** "on Mar 11" but "today"/"yesterday" without "on". */
function onDay(time: number, now: number, locale?: string): string {
  const label = dayLabel(time, now, locale);
  return label === 'today' || label === 'yesterday' ? label : `on ${label}`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "Seen Mar 11, 3 times", "Seen today", or "Listed Mar 10" for a paper listed elsewhere but never on screen. */
export function seenLabel(state: PaperState, now = Date.now(), locale?: string): string {
  if (state.seenCount > 0 && state.lastSeenAt !== undefined) {
    const times = state.seenCount > 1 ? `, ${state.seenCount} times` : '';
    return `Seen ${dayLabel(state.lastSeenAt, now, locale)}${times}`;
  }
  const listed = state.earlierListings[0]?.at ?? state.firstListedAt;
  return listed !== undefined ? `Listed ${dayLabel(listed, now, locale)}` : 'Seen before';
}

/** The seen label where its line has no room: the day without the count ("Seen Mar 11"), or null when no shorter. */
export function seenShortLabel(state: PaperState, now = Date.now(), locale?: string): string | null {
  if (state.seenCount > 1 && state.lastSeenAt !== undefined) return `Seen ${dayLabel(state.lastSeenAt, now, locale)}`;
  return null;
}

export function readLabel(readAt: number, now = Date.now(), locale?: string): string {
  return `Read ${dayLabel(readAt, now, locale)}`;
}

/** "Same paper as #3 above" (positions count from 1). */
export function duplicateLabel(ofIndex: number): string {
  return `Same paper as #${ofIndex + 1} above`;
}

/** "Same as #3" where "Same paper as #3 above" has no room. */
export function duplicateShortLabel(ofIndex: number): string {
  return `Same as #${ofIndex + 1}`;
}

const RULE_WORDS: Record<DuplicateRule, string> = {
  'same-id': 'the same arXiv id',
  'same-title': 'the same title',
  'near-abstract': 'a near-identical abstract',
};

export function duplicateReason(rule: DuplicateRule): string {
  return `Matched by ${RULE_WORDS[rule]}.`;
}

/** "Same work as “Title” you read on Mar 3" (read beats starred beats seen beats listed). */
export function historyDuplicateLabel(known: HistoryDuplicate, now = Date.now(), locale?: string): string {
  const title = `“${known.knownTitle || known.knownId}”`;
  if (known.knownReadAt !== undefined) return `Same work as ${title} you read ${onDay(known.knownReadAt, now, locale)}`;
  if (known.knownStarredAt !== undefined) return `Same work as ${title} you starred ${onDay(known.knownStarredAt, now, locale)}`;
  if (known.knownLastSeenAt !== undefined) return `Same work as ${title} you saw ${onDay(known.knownLastSeenAt, now, locale)}`;
  return `Same work as ${title} listed ${onDay(known.knownFirstListedAt, now, locale)}`;
}

/** "Same work, read Mar 3": the history duplicate without the known paper's title (which its full text names). */
export function historyDuplicateShortLabel(known: HistoryDuplicate, now = Date.now(), locale?: string): string {
  if (known.knownReadAt !== undefined) return `Same work, read ${dayLabel(known.knownReadAt, now, locale)}`;
  if (known.knownStarredAt !== undefined) return `Same work, starred ${dayLabel(known.knownStarredAt, now, locale)}`;
  if (known.knownLastSeenAt !== undefined) return `Same work, seen ${dayLabel(known.knownLastSeenAt, now, locale)}`;
  return `Same work, listed ${dayLabel(known.knownFirstListedAt, now, locale)}`;
}

/** "★ 2 close" (starred), "✓ 1 close" (read), "★✓ 3 close" (both): the reader-related chip where it has no room. */
export function readerRelatedShortLabel(related: readonly ReaderRelated[]): string {
  const states = new Set(related.map((item) => item.state));
  const marks = `${states.has('starred') ? '★' : ''}${states.has('read') ? '✓' : ''}`;
  return `${marks} ${related.length} close`;
}

/** "Close to 2 papers you starred", "Close to 1 paper you read", "Close to 3 papers you read or starred". */
export function readerRelatedLabel(related: readonly ReaderRelated[]): string {
  const states = new Set(related.map((item) => item.state));
  const verb = states.size > 1 ? 'read or starred' : states.has('starred') ? 'starred' : 'read';
  return `Close to ${related.length} ${related.length === 1 ? 'paper' : 'papers'} you ${verb}`;
}

export function relatedLabel(count: number): string {
  return `${count} related`;
}

/** "30 papers · 12 new · 3 duplicates · 4 related groups" parts; `newCount` is null when the store is out of reach. */
export function summaryParts(counts: { papers: number; newCount: number | null; duplicates: number; relatedGroups: number; seenBefore: number | null }): string[] {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const parts = [plural(counts.papers, 'paper', 'papers')];
  if (counts.newCount !== null) parts.push(`${counts.newCount} new`);
  if (counts.seenBefore !== null && counts.seenBefore > 0) parts.push(`${counts.seenBefore} seen before`);
  parts.push(plural(counts.duplicates, 'duplicate', 'duplicates'));
  parts.push(plural(counts.relatedGroups, 'related group', 'related groups'));
  return parts;
}

export { capitalise };
