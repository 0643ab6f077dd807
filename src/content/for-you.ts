/**
 * The page's "For you" list: the papers closest to what the reader starred and read, worked out by the worker
 * (papers/for-you) once per listing, after the marks are up, and kept for the visit so the list does not move
 * while the reader works through it. Gives each card's reason, and the items of the bar's list.
 */
import type { Paper } from '../core/types';
import type { ForYouPick } from '../core/for-you/rank';
import type { PopoverItem } from './marks/popover';
import type { StoreLink } from './store-link';

function reason(pick: ForYouPick): string {
  const [first, second] = pick.closeTo;
  const close = second ? `Close to “${first?.title}” and “${second.title}”` : `Close to “${first?.title}”`;
  return `${close} from your history`;
}

export class ForYouList {
  /** Paper id -> why it is picked. */
  readonly reasons = new Map<string, string>();
  private picks: ForYouPick[] = [];
  private papers: readonly Paper[] = [];
  private key = '';
  private loading: Promise<void> = Promise.resolve();
  /** The store was cleared under this visit: picks worked out from what was deleted are not shown. */
  private frozen = false;

  constructor(private readonly store: StoreLink, private readonly onChange: () => void) {}

  get size(): number {
    return this.picks.length;
  }

  forget(): void {
    this.key = '';
    this.frozen = false;
    this.picks = [];
    this.papers = [];
    this.reasons.clear();
  }

  /** Until the next visit, no answer is asked for or taken in: the picks on screen stay as they are. */
  freeze(): void {
    this.frozen = true;
  }

  /** Asks for the picks of `papers` unless this listing already has them (or is waiting for them). */
  load(papers: readonly Paper[]): Promise<void> {
    const key = papers.map((paper) => paper.id).join(' ');
    if (key === this.key || this.frozen) return this.loading;
    this.key = key;
    this.loading = this.fetch(papers, key);
    return this.loading;
  }

  private async fetch(papers: readonly Paper[], key: string): Promise<void> {
    // By id: the listing brought their text to the store already.
    const response = await this.store.request('papers/for-you', { ids: papers.map((paper) => paper.id) });
    if (this.key !== key || this.frozen) return;
    this.papers = papers;
    this.picks = (response?.picks ?? []).filter((pick) => papers[pick.index] !== undefined);
    this.reasons.clear();
    for (const pick of this.picks) this.reasons.set((papers[pick.index] as Paper).id, reason(pick));
    this.onChange();
  }

  items(jumpTo: (index: number) => void): PopoverItem[] {
    return this.picks.map((pick) => ({
      badge: `#${pick.index + 1}`,
      badgeKind: 'position' as const,
      title: this.papers[pick.index]?.title ?? '',
      context: reason(pick),
      terms: pick.terms,
      action: () => jumpTo(pick.index),
    }));
  }
}
