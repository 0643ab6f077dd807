/**
 * The paged history list: rows grouped under day headings, more pages fetched as the reader nears the end,
 * arrow keys moving between rows (one row at a time is in the Tab order). Each fetched page renders as its
 * own chunk that only re-renders when its rows change, and off-screen rows skip layout (content-visibility),
 * so a long scroll through a large store stays smooth.
 */
import { Component, type JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HistoryRow, HistoryView } from '../core/records';
import { dayHeading } from '../ui/format';
import { Row, type AnnotateRow, type ToggleKind } from './Row';
import type { PagerSnapshot } from './history-pager';

interface ChunkProps {
  rows: HistoryRow[];
  view: HistoryView;
  previousDay: string | null;
  /** Set only for the chunk that holds the active row, so moving focus re-renders at most two chunks. */
  activeId: string | null;
  now: number;
  onToggle: (row: HistoryRow, kind: ToggleKind) => void;
  onAnnotate?: AnnotateRow;
}

class Chunk extends Component<ChunkProps> {
  override shouldComponentUpdate(next: ChunkProps): boolean {
    const props = this.props;
    return next.rows !== props.rows || next.activeId !== props.activeId || next.previousDay !== props.previousDay || next.view !== props.view;
  }

  override render(): JSX.Element {
    const { rows, view, previousDay, activeId, now, onToggle, onAnnotate } = this.props;
    const out: JSX.Element[] = [];
    let day = previousDay;
    for (const row of rows) {
      if (row.day !== day) {
        day = row.day;
        out.push(<h2 class="day-heading" key={`day-${day}`}>{dayHeading(day, now)}</h2>);
      }
      out.push(<Row key={row.paper.id} row={row} view={view} active={row.paper.id === activeId} now={now} onToggle={onToggle} onAnnotate={onAnnotate} />);
    }
    return <>{out}</>;
  }
}

export interface HistoryListProps {
  snapshot: PagerSnapshot;
  hasMore: boolean;
  onLoadMore: () => void;
  onRetry: () => void;
  onToggle: (row: HistoryRow, kind: ToggleKind) => void;
  onAnnotate?: AnnotateRow;
  empty: JSX.Element;
  label: string;
}

const ROW_SELECTOR = '[data-paper-lens-row]';

function focusRow(row: Element | undefined): void {
  row?.querySelector<HTMLElement>('.row-title')?.focus();
}

export function HistoryList({ snapshot, hasMore, onLoadMore, onRetry, onToggle, onAnnotate, empty, label }: HistoryListProps): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const now = Date.now();
  const { pages, status, error } = snapshot;
  const firstId = pages[0]?.[0]?.paper.id ?? null;
  const effectiveActive = activeId !== null && pages.some((page) => page.some((row) => row.paper.id === activeId)) ? activeId : firstId;

  // A new query starts at the top. The first one already is: scrolling there would only force a layout.
  const shownQuery = useRef<string | null>(null);
  useEffect(() => {
    const key = `${snapshot.query.view}\u0000${snapshot.query.query}\u0000${snapshot.query.tag ?? ''}`;
    if (shownQuery.current !== null && shownQuery.current !== key) scroller.current?.scrollTo({ top: 0 });
    shownQuery.current = key;
    setActiveId(null);
  }, [snapshot.query.view, snapshot.query.query, snapshot.query.tag]);

  useEffect(() => {
    const target = sentinel.current;
    const root = scroller.current;
    if (!target || !root || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onLoadMore();
    }, { root, rootMargin: '0px 0px 800px 0px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore, onLoadMore, pages.length]);

  const onKeyDown = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    const current = target.closest(ROW_SELECTOR);
    if (!current || event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = Array.from(scroller.current?.querySelectorAll(ROW_SELECTOR) ?? []);
    const index = rows.indexOf(current);
    const move = (to: number): void => {
      event.preventDefault();
      focusRow(rows[Math.max(0, Math.min(rows.length - 1, to))]);
      if (to >= rows.length - 5 && hasMore) onLoadMore();
    };
    switch (event.key) {
      case 'ArrowDown': return move(index + 1);
      case 'ArrowUp': return move(index - 1);
      case 'Home': return move(0);
      case 'End': return move(rows.length - 1);
      case 'PageDown': return move(index + 8);
      case 'PageUp': return move(index - 8);
      case 's':
      case 'r': {
        const id = current.getAttribute('data-id');
        const row = pages.flat().find((candidate) => candidate.paper.id === id);
        if (!row) return;
        event.preventDefault();
        onToggle(row, event.key === 's' ? 'star' : 'read');
        return;
      }
      case 't': {
        const row = pages.flat().find((candidate) => candidate.paper.id === current.getAttribute('data-id'));
        if (!row || row.paper.starredAt === undefined || !onAnnotate) return;
        event.preventDefault();
        onAnnotate(row);
        return;
      }
      default:
    }
  };

  const onFocusIn = (event: FocusEvent): void => {
    const id = (event.target as HTMLElement).closest(ROW_SELECTOR)?.getAttribute('data-id');
    if (id && id !== activeId) setActiveId(id);
  };

  const isEmpty = pages.length === 0 && status !== 'loading' && !error;
  let previousDay: string | null = null;
  return (
    <div class="list-scroller" ref={scroller} onKeyDown={onKeyDown} onFocusIn={onFocusIn} aria-label={label} role="region"
      aria-busy={status === 'loading'}>
      {isEmpty ? empty : pages.map((rows, index) => {
        const chunkPrevious = previousDay;
        previousDay = rows[rows.length - 1]?.day ?? previousDay;
        const holdsActive = effectiveActive !== null && rows.some((row) => row.paper.id === effectiveActive);
        return <Chunk key={index} rows={rows} view={snapshot.query.view} previousDay={chunkPrevious} activeId={holdsActive ? effectiveActive : null} now={now} onToggle={onToggle} onAnnotate={onAnnotate} />;
      })}
      {status === 'loading' && (
        <div class="list-status" role="status">
          {pages.length === 0 ? <SkeletonRows /> : <span class="spinner" aria-label="Loading more papers" />}
        </div>
      )}
      {error && (
        <div class="banner banner-error" role="alert">
          <span>{error}</span>
          <button type="button" class="button button-small" onClick={onRetry}>Try again</button>
        </div>
      )}
      {!hasMore && pages.length > 1 && <p class="list-end">That’s everything.</p>}
      <div ref={sentinel} class="sentinel" aria-hidden="true" />
    </div>
  );
}

function SkeletonRows(): JSX.Element {
  return (
    <div class="skeleton" aria-label="Loading papers">
      {[0, 1, 2, 3, 4].map((index) => (
        <div class="skeleton-row" key={index}>
          <span class="skeleton-line wide" />
          <span class="skeleton-line" />
          <span class="skeleton-line short" />
        </div>
      ))}
    </div>
  );
}
