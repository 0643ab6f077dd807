/**
 * What each card shows, computed from the page analysis, the stored states, the settings and the reader's
 * filters. Pure: the DOM side only renders a CardView.
 */
import type { DuplicateMatch, PageAnalysis, Paper, RelatedLink } from '../../core/types';
import type { PaperState, ReaderRelated } from '../../core/records';
import type { Settings } from '../../core/settings';
import { duplicateLabel, duplicateReason, duplicateShortLabel, historyDuplicateLabel, historyDuplicateShortLabel, readLabel, seenLabel, seenShortLabel } from './labels';

export type FilterMode = 'show' | 'dim' | 'hide';
export interface Filters {
  duplicates: FilterMode;
  seen: FilterMode;
  onlyNew: boolean;
}

export function defaultFilters(settings: Settings): Filters {
  return { duplicates: 'show', seen: settings.hideSeenByDefault ? 'dim' : 'show', onlyNew: false };
}

export type CardMark = 'new' | 'seen-before' | 'read' | 'starred' | 'duplicate' | 'related' | 'for-you';

export interface CardView {
  index: number;
  id: string;
  title: string;
  marks: CardMark[];
  /** data-paper-lens-duplicate-of: the earlier listing on this page, else the known paper from history. */
  duplicateOf: string | null;
  /** data-paper-lens-related: ids of related papers on this page, best first. */
  relatedIds: string[];
  view: '' | 'dim' | 'hide';
  starred: boolean;
  read: boolean;
  /** A star or read toggle the store has not confirmed yet (the button says it is busy). */
  saving: { starred: boolean; read: boolean };
  /** null when the store has not answered (or cannot). */
  isNew: boolean | null;
  /** The "New" tag shows only on pages that mix new and seen papers (on an all-new page it says nothing). */
  newChip: boolean;
  seenText: string | null;
  /** The seen chip's shorter form, for a line without room for `seenText` (null: there is none). */
  seenShort: string | null;
  readText: string | null;
  duplicate: { ofIndex: number; text: string; short: string; reason: string } | null;
  historyDuplicate: { text: string; short: string; knownId: string } | null;
  related: RelatedLink[];
  readerRelated: ReaderRelated[];
  /** Why the paper is among the page's "For you" picks, or null when it is not. */
  forYou: string | null;
  /** The reader's tags and note ('' when none). */
  tags: string[];
  note: string;
}

/** Star/read changes the reader made that the store has not confirmed yet. */
export interface PendingToggle {
  starred?: boolean;
  read?: boolean;
}

export interface ViewInput {
  papers: readonly Paper[];
  analysis: PageAnalysis;
  states: ReadonlyMap<string, PaperState>;
  pending: ReadonlyMap<string, PendingToggle>;
  settings: Settings;
  filters: Filters;
  /** The page's "For you" picks: paper id -> why. */
  forYou?: ReadonlyMap<string, string>;
  now?: number;
}

function viewFor(index: number, input: ViewInput): CardView {
  const { papers, analysis, settings, filters } = input;
  const paper = papers[index] as Paper;
  const state = input.states.get(paper.id);
  const pending = input.pending.get(paper.id);
  const now = input.now ?? Date.now();
  const starred = pending?.starred ?? state?.starredAt !== undefined;
  const read = pending?.read ?? state?.readAt !== undefined;
  const readAt = read ? (state?.readAt ?? now) : undefined;

  const pageDuplicate: DuplicateMatch | null = settings.marks.duplicates ? (analysis.duplicateOf[index] ?? null) : null;
  const history = settings.marks.duplicates && !pageDuplicate ? state?.historyDuplicate : undefined;
  const related = settings.marks.related ? (analysis.related[index] ?? []).slice(0, settings.relatedCount) : [];
  const readerRelated = settings.marks.related ? (state?.readerRelated ?? []) : [];
  const tracked = settings.marks.seenBefore && state !== undefined;
  const isNew = tracked ? !state.seenBefore : null;
  const seenBefore = tracked && state.seenBefore;

  const marks: CardMark[] = [];
  if (isNew) marks.push('new');
  if (seenBefore) marks.push('seen-before');
  if (read) marks.push('read');
  if (starred) marks.push('starred');
  if (pageDuplicate || history) marks.push('duplicate');
  if (related.length > 0 || readerRelated.length > 0) marks.push('related');
  const forYou = settings.marks.forYou ? (input.forYou?.get(paper.id) ?? null) : null;
  if (forYou !== null) marks.push('for-you');

  const isDuplicate = pageDuplicate !== null || history !== undefined;
  const hidden = (isDuplicate && filters.duplicates === 'hide') || (seenBefore && filters.seen === 'hide') || (filters.onlyNew && isNew === false);
  const dimmed = (isDuplicate && filters.duplicates === 'dim') || (seenBefore && filters.seen === 'dim') || (read && settings.marks.dimRead);

  return {
    index,
    id: paper.id,
    title: paper.title,
    marks,
    duplicateOf: pageDuplicate?.ofId ?? history?.knownId ?? null,
    relatedIds: related.map((link) => link.id),
    view: hidden ? 'hide' : dimmed ? 'dim' : '',
    starred,
    read,
    saving: { starred: pending?.starred !== undefined, read: pending?.read !== undefined },
    isNew,
    newChip: false,
    seenText: seenBefore ? seenLabel(state, now) : null,
    seenShort: seenBefore ? seenShortLabel(state, now) : null,
    readText: readAt !== undefined ? readLabel(readAt, now) : null,
    duplicate: pageDuplicate ? { ofIndex: pageDuplicate.ofIndex, text: duplicateLabel(pageDuplicate.ofIndex), short: duplicateShortLabel(pageDuplicate.ofIndex), reason: duplicateReason(pageDuplicate.rule) } : null,
    historyDuplicate: history ? { text: historyDuplicateLabel(history, now), short: historyDuplicateShortLabel(history, now), knownId: history.knownId } : null,
    related,
    readerRelated,
    forYou,
    tags: state?.tags ?? [],
    note: state?.note ?? '',
  };
}

export function buildViews(input: ViewInput): CardView[] {
  const views = input.papers.map((_, index) => viewFor(index, input));
  if (views.some((view) => view.isNew === false)) for (const view of views) view.newChip = view.isNew === true;
  return views;
}

export interface PageCounts {
  papers: number;
  newCount: number | null;
  seenBefore: number | null;
  duplicates: number;
  relatedGroups: number;
  hidden: number;
}

export function countViews(views: readonly CardView[], analysis: PageAnalysis, settings: Settings): PageCounts {
  let newCount = 0;
  let seenBefore = 0;
  let duplicates = 0;
  let hidden = 0;
  let known = views.length > 0;
  for (const view of views) {
    if (view.isNew === null) known = false;
    if (view.isNew) newCount++;
    if (view.marks.includes('seen-before')) seenBefore++;
    if (view.marks.includes('duplicate')) duplicates++;
    if (view.view === 'hide') hidden++;
  }
  return {
    papers: views.length,
    newCount: known ? newCount : null,
    seenBefore: known ? seenBefore : null,
    duplicates,
    relatedGroups: settings.marks.related ? analysis.relatedGroups : 0,
    hidden,
  };
}
