/**
 * The marks that belong to the page rather than to a card: the one summary bar before the list, and the page
 * style sheet (dimmed and hidden cards, the placeholders' height, the dark theme of our hosts). The bar takes its
 * place as soon as the cards are read ("Reading N papers…"), so the counts that follow move nothing.
 */
import type { PageAnalysis } from '../core/types';
import type { Settings } from '../core/settings';
import type { ListedCard } from './site';
import { countViews, type CardView, type Filters } from './marks/model';
import { NO_ACTIONS, SummaryBar, type SummaryActions } from './marks/summary';
import { PAGE_CSS } from './marks/styles';
import { el } from './marks/dom';
import { placeSummary } from './marks/placement';

export class PageMarks {
  private summary: SummaryBar | null = null;
  private style: HTMLStyleElement | null = null;

  /** Whether this page shows the first-visit hint: decided once, when the bar is first placed, so it never pops in. */
  private hint: boolean | null = null;

  constructor(private readonly owner: string, private readonly onFilter: (change: Partial<Filters>) => void, private readonly actions: SummaryActions = NO_ACTIONS) {}

  ensureStyle(): void {
    if (this.style?.isConnected) return;
    this.style = el('style', { 'data-paper-lens-owner': this.owner }, PAGE_CSS);
    (document.head ?? document.documentElement).append(this.style);
  }

  /** The cards were just read: the bar takes its place and says it is reading, unless it is already up. */
  holdSummary(cards: readonly ListedCard[], filters: Filters, settings: Settings, problem: string | null, settingsKnown: boolean): void {
    if (this.summary?.host.isConnected) return;
    this.hint ??= settingsKnown && !settings.markHintDismissed;
    this.placed(cards).update({
      counts: { papers: cards.length, newCount: null, seenBefore: null, duplicates: 0, relatedGroups: 0, hidden: 0 },
      filters,
      showDuplicateFilter: settings.marks.duplicates,
      showSeenFilters: false,
      note: problem,
      reading: true,
      hint: this.hint,
    });
  }

  /** The counts of the marked cards; no bar without cards. */
  showSummary(cards: readonly ListedCard[], views: readonly CardView[], analysis: PageAnalysis, filters: Filters, settings: Settings, problem: string | null): void {
    if (cards.length === 0) {
      this.summary?.host.remove();
      return;
    }
    const tracked = views.some((view) => view.isNew !== null);
    this.placed(cards).update({
      counts: countViews(views, analysis, settings),
      filters,
      showDuplicateFilter: settings.marks.duplicates,
      showSeenFilters: tracked && settings.marks.seenBefore,
      note: problem,
      forYou: views.filter((view) => view.forYou !== null).length,
      hint: this.hint ?? false,
    });
  }

  setForYouExpanded(expanded: boolean): void {
    this.summary?.setForYouExpanded(expanded);
  }

  removeStyle(): void {
    this.style?.remove();
  }

  /** The page's one summary bar, before the list of `cards`. */
  private placed(cards: readonly ListedCard[]): SummaryBar {
    this.summary ??= new SummaryBar(this.owner, this.onFilter, {
      forYou: this.actions.forYou,
      hintClosed: () => {
        this.hint = false;
        this.actions.hintClosed();
      },
    });
    placeSummary(cards, this.summary.host);
    return this.summary;
  }
}
