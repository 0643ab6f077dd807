/** What an empty list means, and what to do about it. */
import type { JSX } from 'preact';
import type { HistoryView } from '../core/records';
import { parseSearchQuery } from '../core/search-query';
import { ReadIcon, SearchIcon, StarIcon, LogoMark } from '../ui/icons';

export function EmptyState({ view, query, onClearSearch }: { view: HistoryView; query: string; onClearSearch: () => void }): JSX.Element {
  if (query) {
    return (
      <div class="empty" data-empty="search">
        <SearchIcon size={28} class="empty-icon" />
        <h2>No papers match “{query}”</h2>
        {parseSearchQuery(query).kind === 'unsearchable'
          ? <p data-empty-reason="unsearchable">It has no letters or digits to look for. Search looks for words of titles, author names and abstracts, your tags and notes, and for arXiv ids such as 2401.10241.</p>
          : <p>Search looks in titles, author names, the words of abstracts, and your tags and notes of papers in this list, and for arXiv ids such as 2401.10241.</p>}
        <button type="button" class="button" onClick={onClearSearch}>Clear search</button>
      </div>
    );
  }
  if (view === 'starred') {
    return (
      <div class="empty" data-empty="starred">
        <StarIcon size={28} class="empty-icon" />
        <h2>No starred papers yet</h2>
        <p>Star a paper with the ☆ button on its card at huggingface.co/papers, or here in History. Starred papers collect here, ready to export as BibTeX, RIS and more.</p>
      </div>
    );
  }
  if (view === 'read') {
    return (
      <div class="empty" data-empty="read">
        <ReadIcon size={28} class="empty-icon" />
        <h2>Nothing read yet</h2>
        <p>Papers you open from a listing, or mark as read with the ✓ button, are listed here.</p>
      </div>
    );
  }
  return (
    <div class="empty" data-empty="history">
      <LogoMark size={36} />
      <h2>Your reading history starts here</h2>
      <p>Open huggingface.co/papers; papers you see there appear here, grouped by day. Paper Lens marks the ones you have already seen, flags duplicates and links related abstracts, all on your own computer.</p>
      <a class="button button-primary" href="https://huggingface.co/papers" target="_blank" rel="noopener noreferrer">Open Hugging Face papers</a>
    </div>
  );
}
