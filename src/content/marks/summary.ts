/**
 * The page summary bar above the list: counts, the reader's filters, and a plain-words note when the store
 * cannot be reached. One per page, in its own shadow root.
 *
 * The note can come at any moment (the extension reloaded under the page, a store that stops answering), so it
 * floats at the foot of the window instead of taking a line in the bar: a line added then would push the list
 * down under the reader's pointer. Dismissed, it leaves a warning sign in place of the bar's lens, which brings
 * it back; a different problem shows again.
 */
import type { FilterMode, Filters, PageCounts } from './model';
import { ICONS, el, icon, setAttr, setHidden, setText, styleShadowRoot } from './dom';
import { SUMMARY_CSS } from './styles';
import { summaryParts } from './labels';

export const SUMMARY_TAG = 'paper-lens-summary';

export interface SummaryState {
  counts: PageCounts;
  filters: Filters;
  showDuplicateFilter: boolean;
  /** Seen filters need the store's history. */
  showSeenFilters: boolean;
  note: string | null;
  /** The cards were read but not yet analysed: the bar holds its place and says so. */
  reading?: boolean;
  /** Papers in the page's "For you" list (0: no entry). */
  forYou?: number;
  /** A first visit: a line says what the star and read buttons do, until the reader closes it. */
  hint: boolean;
}

/** What the bar's own buttons ask of the page. */
export interface SummaryActions {
  /** The "For you" entry was pressed: open its list under `anchor`. */
  forYou: (anchor: HTMLElement) => void;
  /** The reader closed the first-visit hint. */
  hintClosed: () => void;
}

export const NO_ACTIONS: SummaryActions = { forYou: () => undefined, hintClosed: () => undefined };

const sheetCache: { sheet?: CSSStyleSheet | null } = {};
const MODES: Array<[FilterMode, string]> = [['show', 'Show'], ['dim', 'Dim'], ['hide', 'Hide']];

/** "29 papers · 24 new · …" with each number in bold. */
function countNodes(counts: PageCounts): Array<Node | string> {
  const parts = summaryParts(counts);
  if (counts.hidden > 0) parts.push(`${counts.hidden} hidden`);
  return parts.flatMap((part, i) => {
    const [number, ...words] = part.split(' ');
    const nodes: Array<Node | string> = [el('b', {}, number ?? ''), ` ${words.join(' ')}`];
    return i === 0 ? nodes : [' · ', ...nodes];
  });
}

export class SummaryBar {
  readonly host: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly duplicates: HTMLElement;
  private readonly seen: HTMLElement;
  private readonly onlyNew: HTMLElement;
  private readonly forYou: HTMLElement;
  private readonly forYouCount: HTMLElement;
  private readonly note: HTMLElement;
  private readonly noteText: HTMLElement;
  private readonly lens: SVGSVGElement;
  private readonly warn: HTMLElement;
  private readonly hint: HTMLElement;
  private problem: string | null = null;
  /** The reader closed the note of the current problem. */
  private dismissed = false;
  private lastKey = '';

  constructor(owner: string, onFilter: (change: Partial<Filters>) => void, actions: SummaryActions = NO_ACTIONS) {
    this.host = document.createElement(SUMMARY_TAG);
    this.host.setAttribute('data-paper-lens-owner', owner);
    const root = this.host.attachShadow({ mode: 'open' });
    styleShadowRoot(root, SUMMARY_CSS, sheetCache);
    this.counts = el('span', { class: 'counts', 'aria-live': 'polite' });
    this.duplicates = this.segmented('duplicates', 'Duplicates');
    this.seen = this.segmented('seen', 'Seen before');
    this.onlyNew = el('button', { type: 'button', class: 'only-new', 'aria-pressed': 'false', 'data-paper-lens-filter': 'only-new' }, 'Only new');
    this.forYouCount = el('b', {});
    this.forYou = el('button', { type: 'button', class: 'for-you', 'data-paper-lens-for-you': '', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', hidden: true,
      title: 'The papers on this page closest to what you starred and read' }, icon(ICONS.sparkle), 'For you', this.forYouCount);
    this.noteText = el('span', { class: 'text' });
    this.note = el('div', { class: 'note', role: 'status', hidden: true }, icon(ICONS.warn), this.noteText,
      el('button', { type: 'button', class: 'dismiss', 'data-paper-lens-note': 'dismiss', 'aria-label': 'Dismiss', title: 'Dismiss' }, icon(ICONS.close)));
    this.lens = icon(ICONS.lens);
    this.warn = el('button', { type: 'button', class: 'warn', 'data-paper-lens-note': 'show', hidden: true }, icon(ICONS.warn));
    this.hint = el('p', { class: 'hint', hidden: true, 'data-paper-lens-hint': '' },
      el('span', { class: 'key star' }, icon(ICONS.star)), el('span', {}, el('b', {}, 'Star'), ' keeps a paper in your Starred list, in the toolbar popup, ready to export. '),
      el('span', { class: 'key read' }, icon(ICONS.check)), el('span', {}, el('b', {}, 'Read'), ' marks it read: the card dims, here and on later visits.'),
      el('button', { type: 'button', class: 'got-it', 'data-paper-lens-hint-close': '' }, 'Got it'));
    root.append(el('section', { class: 'bar', 'aria-label': 'Paper Lens summary' },
      el('span', { class: 'brand' }, this.lens, this.warn, 'Paper Lens'), this.counts, this.forYou,
      el('div', { class: 'filters' }, this.duplicates, this.seen, this.onlyNew), this.hint, this.note));
    root.addEventListener('click', (event) => {
      event.stopPropagation();
      if ((event.target as Element | null)?.closest('[data-paper-lens-hint-close]')) {
        setHidden(this.hint, true);
        actions.hintClosed();
        return;
      }
      const noteAction = (event.target as Element | null)?.closest('[data-paper-lens-note]')?.getAttribute('data-paper-lens-note');
      if (noteAction) {
        this.dismissed = noteAction === 'dismiss';
        this.showNote();
        // Focus follows the control that took the place of the one pressed, so the keyboard is not lost.
        (noteAction === 'show' ? this.note.querySelector<HTMLElement>('.dismiss') : this.warn)?.focus();
        return;
      }
      if ((event.target as Element | null)?.closest('[data-paper-lens-for-you]')) {
        actions.forYou(this.forYou);
        return;
      }
      const button = (event.target as Element | null)?.closest('[data-paper-lens-filter]');
      const filter = button?.getAttribute('data-paper-lens-filter');
      if (!filter) return;
      if (filter === 'only-new') onFilter({ onlyNew: button?.getAttribute('aria-pressed') !== 'true' });
      else {
        const [group, mode] = filter.split(':') as ['duplicates' | 'seen', FilterMode];
        onFilter({ [group]: mode });
      }
    });
  }

  private segmented(group: 'duplicates' | 'seen', label: string): HTMLElement {
    const buttons = MODES.map(([mode, text]) => el('button', { type: 'button', 'aria-pressed': 'false', 'data-paper-lens-filter': `${group}:${mode}` }, text));
    return el('span', { class: 'group', role: 'group', 'aria-label': label }, el('span', { 'aria-hidden': 'true' }, label), el('span', { class: 'segmented' }, ...buttons));
  }

  update(state: SummaryState): void {
    const key = JSON.stringify(state);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.counts.replaceChildren(...(state.reading ? [`Reading ${state.counts.papers === 1 ? '1 paper' : `${state.counts.papers} papers`}…`] : countNodes(state.counts)));
    setAttr(this.counts, 'aria-busy', state.reading ? 'true' : null);
    this.mark(this.duplicates, state.filters.duplicates);
    this.mark(this.seen, state.filters.seen);
    setHidden(this.duplicates, !state.showDuplicateFilter);
    setHidden(this.seen, !state.showSeenFilters);
    setHidden(this.onlyNew, !state.showSeenFilters);
    setAttr(this.onlyNew, 'aria-pressed', String(state.filters.onlyNew));
    setHidden(this.forYou, !state.forYou);
    setText(this.forYouCount, String(state.forYou ?? 0));
    setHidden(this.hint, !state.hint);
    if (state.note !== this.problem) {
      this.problem = state.note;
      this.dismissed = false;
      this.showNote();
    }
  }

  private showNote(): void {
    const open = this.problem !== null && !this.dismissed;
    setText(this.noteText, this.problem ?? '');
    setHidden(this.note, !open);
    setHidden(this.lens, this.problem !== null && !open);
    setHidden(this.warn, this.problem === null || open);
    setAttr(this.warn, 'aria-label', this.problem === null ? null : `Paper Lens: ${this.problem}`);
    setAttr(this.warn, 'title', this.problem);
  }

  setForYouExpanded(expanded: boolean): void {
    setAttr(this.forYou, 'aria-expanded', String(expanded));
  }

  private mark(group: HTMLElement, mode: FilterMode): void {
    for (const button of Array.from(group.querySelectorAll('button'))) {
      setAttr(button, 'aria-pressed', String(button.getAttribute('data-paper-lens-filter')?.endsWith(`:${mode}`)));
    }
  }
}
