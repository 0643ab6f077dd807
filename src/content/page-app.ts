/**
 * What the card interactions (stars, reads, jumps, related lists, the tags-and-note editor) need of the page's
 * controller: its cards and their views, the toggles on their way, the notes under cards, the popover and the
 * store. The controller implements it; interactions depend on this, not on the controller, so neither imports
 * the other round in a circle.
 */
import type { Paper } from '../core/types';
import type { PaperState } from '../core/records';
import type { ListedCard } from './site';
import type { CardView, PendingToggle } from './marks/model';
import type { CardStrip } from './marks/strip';
import type { Popover } from './marks/popover';
import type { StoreLink } from './store-link';

export interface PageApp {
  readonly token: string;
  readonly store: StoreLink;
  readonly cards: readonly ListedCard[];
  readonly papers: readonly Paper[];
  readonly views: readonly CardView[];
  readonly pending: Map<string, PendingToggle>;
  readonly notes: Map<string, string>;
  readonly strips: WeakMap<HTMLElement, CardStrip>;
  readonly popover: Popover;
  mergeStates(states: readonly PaperState[]): void;
  refresh(first?: string): void;
  closeMarkHint(): void;
}
