/**
 * The popup: search, History / Starred / Read lists, the dashboard, and export. The shell renders at once;
 * the first small page of rows follows, then the counts.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HistoryRow, HistoryView, Stats } from '../core/records';
import type { TagCount } from '../core/annotations';
import { send } from '../platform/messaging';
import { errorMessage } from '../ui/errors';
import { openOptionsPage } from '../ui/extension';
import { count, plural } from '../ui/format';
import { AlertIcon, CloseIcon, DownloadIcon, GearIcon, LogoMark, SearchIcon, TagIcon } from '../ui/icons';
import { useBroadcast } from '../ui/use-broadcast';
import { useDebounced } from '../ui/use-debounced';
import { Dashboard } from './Dashboard';
import { EmptyState } from './EmptyState';
import { ExportPanel, type ExportScope } from './ExportPanel';
import { HistoryList } from './HistoryList';
import { HistoryPager, type PagerSnapshot } from './history-pager';
import { fetchPage, initialTab, listViewOf, TAB_IDS, TAB_KEY, takeFirstPage, type Tab } from './first-page';
import type { ToggleKind } from './Row';
import { AnnotationSheet } from './AnnotationSheet';
import { KeyedSequence } from '../core/keyed-sequence';

const TAB_LABELS: Record<Tab, string> = { history: 'History', starred: 'Starred', read: 'Read', dashboard: 'Dashboard' };
const TABS: Array<{ id: Tab; label: string }> = TAB_IDS.map((id) => ({ id, label: TAB_LABELS[id] }));
const SEARCH_DEBOUNCE_MS = 140;
const MIN_QUERY_LENGTH = 2;
/** Star and read toggles of one paper reach the store in click order; the popup is one per window, so one queue. */
const toggles = new KeyedSequence();
export const READY_MARK = 'paper-lens:popup-ready';

export function App(): JSX.Element {
  const [tab, setTab] = useState<Tab>(initialTab);
  const [queryText, setQueryText] = useState('');
  const settledText = useDebounced(queryText.trim(), SEARCH_DEBOUNCE_MS);
  // One letter matches most of a large store and tells the reader nothing: search from two.
  const query = [...settledText].length >= MIN_QUERY_LENGTH ? settledText : '';
  const tooShort = queryText.trim() !== '' && [...queryText.trim()].length < MIN_QUERY_LENGTH;
  const [snapshot, setSnapshot] = useState<PagerSnapshot | null>(null);
  const pager = useMemo(() => {
    const made = new HistoryPager(fetchPage, setSnapshot, errorMessage);
    // The first rows: asked for by the boot script before this one loaded, or now, while the shell renders (the
    // effect below opens the list after the first paint).
    const first = takeFirstPage();
    made.prefetch(first?.query ?? { view: listViewOf(tab), query: '' }, first?.answer);
    return made;
  }, []);
  const [stats, setStats] = useState<Stats | null>(null);
  const [statsError, setStatsError] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const listView = listViewOf(tab);
  const marked = useRef(false);
  // Tags in use (for the filter and autocomplete), the tag the list is filtered by, the row whose tags are edited.
  const [knownTags, setKnownTags] = useState<TagCount[]>([]);
  const [tagFilter, setTagFilter] = useState<string | null>(null);
  const [editing, setEditing] = useState<HistoryRow | null>(null);
  const loadTags = useCallback(() => {
    send('tags/list', {}).then(({ tags }) => setKnownTags(tags), () => undefined);
  }, []);

  useEffect(() => {
    void pager.open({ view: listView, query, ...(tagFilter ? { tag: tagFilter } : {}) });
  }, [listView, query, tagFilter]);
  // A filter on a tag no paper carries any more (its last use was removed) is dropped.
  useEffect(() => {
    if (tagFilter && !knownTags.some((entry) => entry.tag.toLowerCase() === tagFilter.toLowerCase())) setTagFilter(null);
  }, [knownTags]);

  // The full statistics are the store's heaviest query: only the dashboard asks for them. Tab badges need just
  // two index counts (a zero-row page of each view reports its total).
  const [counts, setCounts] = useState<{ starred: number; read: number } | null>(null);
  const loadCounts = useCallback(() => {
    Promise.all([
      send('history/list', { view: 'starred', offset: 0, limit: 0 }),
      send('history/list', { view: 'read', offset: 0, limit: 0 }),
    ])
      .then(([starred, read]) => setCounts({ starred: starred.total, read: read.total }))
      .catch(() => setCounts(null));
  }, []);
  const statsStale = useRef(true);
  const loadStats = useCallback(() => {
    statsStale.current = false;
    send('stats/get', {})
      .then(({ stats: next }) => {
        setStats(next);
        setStatsError(null);
      })
      .catch((error: unknown) => setStatsError(errorMessage(error)));
  }, []);

  // Counts come after the first rows, so they never hold up the list.
  const firstAnswer = snapshot !== null && snapshot.status !== 'loading';
  useEffect(() => {
    if (firstAnswer) {
      loadCounts();
      loadTags();
    }
  }, [firstAnswer]);
  useEffect(() => {
    if (tab === 'dashboard' && statsStale.current) loadStats();
  }, [tab]);

  useEffect(() => {
    if (marked.current || !firstAnswer) return;
    marked.current = true;
    performance.mark(READY_MARK);
  }, [firstAnswer]);

  const statsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshCounts = (): void => {
    loadCounts();
    loadTags();
    statsStale.current = true;
    if (tabRef.current === 'dashboard') loadStats();
  };
  const tabRef = useRef(tab);
  tabRef.current = tab;
  const scheduleRefresh = (): void => {
    clearTimeout(statsTimer.current);
    statsTimer.current = setTimeout(refreshCounts, 400);
  };
  useBroadcast((message) => {
    if (message.type === 'state/changed') {
      pager.applyStates(message.states);
      scheduleRefresh();
    } else if (message.type === 'data/cleared') {
      void pager.reload();
      refreshCounts();
    } else if (message.type === 'store/error') {
      setBanner(message.error.message);
    }
  });

  const onToggle = useCallback(async (row: HistoryRow, kind: ToggleKind) => {
    const { paper } = row;
    const field = kind === 'star' ? 'starredAt' : 'readAt';
    const on = paper[field] === undefined;
    pager.patchPaper(paper.id, { [field]: on ? Date.now() : undefined });
    const turn = toggles.run(`${kind}:${paper.id}`, () => (kind === 'star'
      ? send('paper/set-starred', { id: paper.id, starred: on, paper })
      : send('paper/set-read', { id: paper.id, read: on, paper })));
    try {
      const { state } = await turn.result;
      // An earlier click's answer is already overruled by the later click shown on the row.
      if (turn.isLatest()) pager.applyStates([state]);
      scheduleRefresh();
    } catch (error) {
      if (turn.isLatest()) pager.patchPaper(paper.id, { [field]: paper[field] });
      setBanner(errorMessage(error));
    }
  }, []);

  const onAnnotate = useCallback((row: HistoryRow) => setEditing(row), []);
  const saveAnnotations = async (id: string, tags: string[], note: string): Promise<string | null> => {
    try {
      const { state } = await send('paper/set-annotations', { id, tags, note });
      pager.applyStates([state]);
      loadTags();
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  };

  const chooseTab = (next: Tab): void => {
    setTab(next);
    try {
      localStorage.setItem(TAB_KEY, next);
    } catch {
      // Not remembering the tab is fine.
    }
  };

  // Keyboard: `/` focuses search from anywhere, Escape clears it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable;
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onSearchKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && queryText !== '') {
      event.preventDefault();
      setQueryText('');
    } else if (event.key === 'ArrowDown') {
      const row = document.querySelector<HTMLElement>('[data-paper-lens-row] .row-title');
      if (row) {
        event.preventDefault();
        row.focus();
      }
    }
  };
  const onSearchInput = (value: string): void => {
    setQueryText(value);
    if (tab === 'dashboard' && value.trim()) chooseTab('history');
  };

  const onTabKey = (event: KeyboardEvent): void => {
    const index = TABS.findIndex((candidate) => candidate.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (!next) return;
    chooseTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  const loadMore = useCallback(() => void pager.loadMore(), []);
  const retry = useCallback(() => void (pager.current.offset === 0 ? pager.reload() : pager.loadMore()), []);

  const exportScopes = useMemo((): ExportScope[] => {
    const starredLabel = counts ? `Starred (${count(counts.starred)})` : 'Starred';
    const scopes: ExportScope[] = [{ id: 'starred', label: starredLabel, query: { view: 'starred', query: '' } }];
    const total = snapshot?.total;
    const listName = listView === 'history' ? 'History' : listView === 'read' ? 'Read' : 'Starred';
    if (query || listView !== 'starred') {
      const label = `${listName}${query ? ` matching “${query}”` : ''}${total !== null && total !== undefined ? ` (${count(total)})` : ''}`;
      scopes.push({ id: 'list', label, query: { view: listView, query } });
    }
    if (tagFilter) {
      const label = `${listName} tagged “${tagFilter}”${query ? ` matching “${query}”` : ''}${total !== null && total !== undefined ? ` (${count(total)})` : ''}`;
      scopes[scopes.length - 1] = { id: 'list', label, query: { view: listView, query, tag: tagFilter } };
      if (scopes.length === 1) scopes.unshift({ id: 'starred', label: starredLabel, query: { view: 'starred', query: '' } });
    }
    return scopes;
  }, [counts, snapshot?.total, listView, query, tagFilter]);

  const showingList = tab !== 'dashboard';
  const total = snapshot?.total;
  return (
    <div class="popup">
      <header class="topbar">
        <div class="brand"><LogoMark /><span>Paper Lens</span></div>
        <button type="button" class="icon-button" aria-label="Settings and backup" title="Settings and backup"
          onClick={() => void openOptionsPage().then(() => window.close(), (error: unknown) => setBanner(`The settings page did not open: ${errorMessage(error)}`))}>
          <GearIcon size={18} />
        </button>
      </header>
      <div class="searchbar">
        <SearchIcon class="search-icon" />
        <input ref={search} type="search" value={queryText} placeholder="Search titles, authors, tags, notes, arXiv ids" aria-label="Search papers"
          aria-keyshortcuts="/" autocomplete="off" spellcheck={false}
          onInput={(event) => onSearchInput((event.target as HTMLInputElement).value)} onKeyDown={onSearchKey} />
        {queryText ? (
          <button type="button" class="icon-button search-clear" aria-label="Clear search" onClick={() => { setQueryText(''); search.current?.focus(); }}>
            <CloseIcon size={14} />
          </button>
        ) : <kbd class="search-hint" aria-hidden="true">/</kbd>}
      </div>
      <nav class="tabs" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
        {TABS.map(({ id, label }) => {
          const badge = id === 'starred' && counts ? counts.starred : id === 'read' && counts ? counts.read : null;
          return (
            <button type="button" role="tab" id={`tab-${id}`} key={id} aria-selected={tab === id} aria-controls="view" tabIndex={tab === id ? 0 : -1}
              class={tab === id ? 'tab selected' : 'tab'} onClick={() => chooseTab(id)}>
              {label}
              {badge !== null && badge > 0 && <span class="tab-badge">{count(badge)}</span>}
            </button>
          );
        })}
      </nav>
      {showingList && knownTags.length > 0 && (
        <div class="tag-filter" role="group" aria-label="Filter by tag">
          <span class="tag-filter-label"><TagIcon size={13} />Tags</span>
          {knownTags.map(({ tag, count: uses }) => {
            const on = tagFilter !== null && tagFilter.toLowerCase() === tag.toLowerCase();
            return (
              <button type="button" key={tag} aria-pressed={on} title={on ? 'Show every paper again' : `Only papers tagged “${tag}”`}
                onClick={() => setTagFilter(on ? null : tag)}>
                {tag}<span class="tag-count">{count(uses)}</span>
              </button>
            );
          })}
        </div>
      )}
      {banner && (
        <div class="banner banner-error banner-top" role="alert">
          <AlertIcon />
          <span>{banner}</span>
          <button type="button" class="icon-button" aria-label="Dismiss message" onClick={() => setBanner(null)}><CloseIcon size={14} /></button>
        </div>
      )}
      <div id="view" class="view" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {showingList ? (
          snapshot && (
            <HistoryList snapshot={snapshot} hasMore={pager.hasMore} onLoadMore={loadMore} onRetry={retry} onToggle={onToggle} onAnnotate={onAnnotate}
              label={`${TABS.find((candidate) => candidate.id === tab)?.label ?? ''} papers`}
              empty={tagFilter ? (
                <div class="empty" data-empty="tag">
                  <TagIcon size={28} class="empty-icon" />
                  <h2>No {listView === 'history' ? '' : `${listView} `}papers tagged “{tagFilter}”{query ? ` match “${query}”` : ''}</h2>
                  <button type="button" class="button" onClick={() => setTagFilter(null)}>Show all papers</button>
                </div>
              ) : <EmptyState view={listView} query={query} onClearSearch={() => setQueryText('')} />} />
          )
        ) : (
          <Dashboard stats={stats} error={statsError} />
        )}
      </div>
      <footer class="footbar">
        <span class="footbar-count" aria-live="polite">
          {showingList && tooShort ? 'Type one more letter to search' : ''}
          {showingList && !tooShort && total !== null && total !== undefined ? (query ? `${plural(total, 'match', 'matches')}` : plural(total, 'paper')) : ''}
          {!showingList && stats ? `${plural(stats.listed.all, 'paper')} in your history` : ''}
        </span>
        <button type="button" class="button button-primary button-small" onClick={() => setExporting(true)}>
          <DownloadIcon />Export
        </button>
      </footer>
      {editing && (
        <AnnotationSheet paper={editing.paper} knownTags={knownTags} onClose={() => setEditing(null)}
          save={(tags, note) => saveAnnotations(editing.paper.id, tags, note)} />
      )}
      {exporting && <ExportPanel scopes={exportScopes} initialScope={query || tagFilter ? 'list' : 'starred'} fetchPage={fetchPage} onClose={() => setExporting(false)} />}
    </div>
  );
}
