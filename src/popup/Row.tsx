/** One paper in the history list: title link, short authors, when and where, notes, star and read toggles. */
import type { JSX } from 'preact';
import type { HistoryRow, HistoryView } from '../core/records';
import { describePageKey, localDay, paperUrl, shortAuthors, shortDate, shortPageKey, timeOfDay } from '../ui/format';
import { CopiesIcon, LinkIcon, ReadIcon, StarIcon, TagIcon } from '../ui/icons';

export type ToggleKind = 'star' | 'read';
/** Opens the tags-and-note sheet for a starred row. */
export type AnnotateRow = (row: HistoryRow) => void;

export interface RowProps {
  row: HistoryRow;
  view: HistoryView;
  /** The row that takes Tab focus in the list (roving tabindex). */
  active: boolean;
  now: number;
  onToggle: (row: HistoryRow, kind: ToggleKind) => void;
  onAnnotate?: AnnotateRow;
}

type Activity = { verb: string; at: number };

/** The latest thing that happened to the paper, which is what the row is grouped under. */
export function lastActivity(row: HistoryRow, view: HistoryView): Activity {
  const { paper } = row;
  if (view === 'starred' && paper.starredAt) return { verb: 'Starred', at: paper.starredAt };
  if (view === 'read' && paper.readAt) return { verb: 'Read', at: paper.readAt };
  const candidates: Activity[] = [{ verb: 'Listed', at: paper.lastListedAt }];
  if (paper.lastSeenAt) candidates.push({ verb: 'Seen', at: paper.lastSeenAt });
  if (paper.readAt) candidates.push({ verb: 'Read', at: paper.readAt });
  if (paper.starredAt) candidates.push({ verb: 'Starred', at: paper.starredAt });
  return candidates.reduce((best, candidate) => (candidate.at >= best.at ? candidate : best));
}

/** "Seen 2:32 PM on Daily Mar 11 · seen 3× · first listed Mar 4 · read Mar 12". */
export function whenAndWhere(row: HistoryRow, view: HistoryView, now: number): string {
  const { paper } = row;
  const activity = lastActivity(row, view);
  const page = shortPageKey(row.lastPageKey, now);
  const parts = [`${activity.verb} ${timeOfDay(activity.at)}${page ? ` on ${page}` : ''}`];
  if (paper.seenCount > 1) parts.push(`seen ${paper.seenCount}×`);
  if (localDay(paper.firstListedAt) !== localDay(activity.at) && paper.firstListedAt < activity.at) {
    parts.push(`first listed ${shortDate(paper.firstListedAt, now)}`);
  }
  if (paper.readAt && activity.verb !== 'Read') parts.push(`read ${shortDate(paper.readAt, now)}`);
  if (paper.starredAt && activity.verb !== 'Starred') parts.push(`starred ${shortDate(paper.starredAt, now)}`);
  return parts.join(' · ');
}

function duplicateNote(row: HistoryRow, now: number): string | null {
  const known = row.historyDuplicate;
  if (!known) return null;
  if (known.knownReadAt) return `you read it on ${shortDate(known.knownReadAt, now)}`;
  if (known.knownStarredAt) return `you starred it on ${shortDate(known.knownStarredAt, now)}`;
  if (known.knownLastSeenAt) return `you saw it on ${shortDate(known.knownLastSeenAt, now)}`;
  return `first listed ${shortDate(known.knownFirstListedAt, now)}`;
}

export function Row({ row, view, active, now, onToggle, onAnnotate }: RowProps): JSX.Element {
  const { paper } = row;
  const tabIndex = active ? 0 : -1;
  const titleId = `row-title-${paper.id}`;
  const authors = shortAuthors(paper.authors);
  const duplicate = row.historyDuplicate;
  const related = row.readerRelated?.[0];
  const moreRelated = (row.readerRelated?.length ?? 0) - 1;
  const starred = paper.starredAt !== undefined;
  const read = paper.readAt !== undefined;
  const tags = paper.tags ?? [];
  const annotated = tags.length > 0 || !!paper.note;
  return (
    <article class={`row${read ? ' is-read' : ''}`} data-paper-lens-row="" data-id={paper.id} aria-labelledby={titleId}>
      <div class="row-body">
        <a id={titleId} class="row-title" href={paperUrl(paper.id)} target="_blank" rel="noopener noreferrer" tabIndex={tabIndex}
          title={paper.title}>
          {paper.title || paper.id}
        </a>
        {authors && <p class="row-authors">{authors}</p>}
        <p class="row-when" title={row.lastPageKey ? `Last listed on the ${describePageKey(row.lastPageKey)}` : undefined}>{whenAndWhere(row, view, now)}</p>
        {tags.length > 0 && (
          <ul class="row-tags" aria-label="Tags">{tags.map((tag) => <li class="row-tag" key={tag}>{tag}</li>)}</ul>
        )}
        {paper.note && <p class="row-note" title={paper.note}>{paper.note}</p>}
        {duplicate && (
          <p class="note note-duplicate">
            <CopiesIcon size={13} />
            <span>
              Same work as{' '}
              <a href={paperUrl(duplicate.knownId)} target="_blank" rel="noopener noreferrer" tabIndex={tabIndex}>“{duplicate.knownTitle}”</a>
              {`, ${duplicateNote(row, now)}`}
            </span>
          </p>
        )}
        {related && (
          <p class="note note-related" title={row.readerRelated?.map((link) => `${link.title} (${link.sharedTerms.join(', ')})`).join('\n')}>
            <LinkIcon size={13} />
            <span>
              Close to{' '}
              <a href={paperUrl(related.id)} target="_blank" rel="noopener noreferrer" tabIndex={tabIndex}>“{related.title}”</a>
              {` you ${related.state === 'starred' ? 'starred' : 'read'}`}
              {related.sharedTerms.length > 0 && <span class="terms">{` · ${related.sharedTerms.slice(0, 3).join(', ')}`}</span>}
              {moreRelated > 0 && ` · +${moreRelated} more`}
            </span>
          </p>
        )}
      </div>
      <div class="row-actions">
        <button type="button" class={`toggle toggle-star${starred ? ' on' : ''}`} aria-pressed={starred} aria-label="Star" tabIndex={tabIndex}
          title={starred ? 'Starred (s to unstar)' : 'Star (s)'} data-action="star" onClick={() => onToggle(row, 'star')}>
          <StarIcon filled={starred} size={18} />
        </button>
        <button type="button" class={`toggle toggle-read${read ? ' on' : ''}`} aria-pressed={read} aria-label="Read" tabIndex={tabIndex}
          title={read ? 'Read (r to mark unread)' : 'Mark as read (r)'} data-action="read" onClick={() => onToggle(row, 'read')}>
          <ReadIcon filled={read} size={18} />
        </button>
        {starred && onAnnotate && (
          <button type="button" class={`toggle toggle-annotate${annotated ? ' on' : ''}`} aria-label="Tags and note" aria-haspopup="dialog" tabIndex={tabIndex}
            title={annotated ? 'Edit tags and note (t)' : 'Add tags or a note (t)'} data-action="annotate" onClick={() => onAnnotate(row)}>
            <TagIcon size={17} />
          </button>
        )}
      </div>
    </article>
  );
}
