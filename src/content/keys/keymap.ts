/**
 * Which reading action a key press asks for. Pure: the listener in reading-keys.ts supplies what it knows of the
 * event and of where the focus is; this decides. Keys never act while the reader types, with a modifier held (the
 * browser's and the site's shortcuts keep theirs), or inside a dialog of the site.
 */

export type ReadingAction = 'next' | 'previous' | 'star' | 'read' | 'open' | 'related' | 'original' | 'help' | 'close-help';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Set by the browser while an input method composes text. */
  isComposing: boolean;
}

export interface KeyContext {
  /** The event comes from a field the reader types in (input, textarea, select, contenteditable). */
  typing: boolean;
  /** The event comes from inside a dialog of the site (ours are not the site's). */
  inSiteDialog: boolean;
  /** The event comes from a control that acts on Enter itself (a link, a button, the site's or ours). */
  onControl: boolean;
  helpOpen: boolean;
}

const KEYS: Readonly<Record<string, ReadingAction>> = {
  j: 'next',
  k: 'previous',
  s: 'star',
  r: 'read',
  o: 'open',
  x: 'related',
  g: 'original',
  '?': 'help',
};

export function readingAction(press: KeyPress, context: KeyContext): ReadingAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.isComposing) return null;
  if (context.typing || context.inSiteDialog) return null;
  if (context.helpOpen) return press.key === 'Escape' || press.key === '?' ? 'close-help' : null;
  if (press.key === 'Enter') return context.onControl ? null : 'open';
  return KEYS[press.key] ?? null;
}

/** The keys as the help lists them, in this order. */
export const KEY_HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['j / k', 'Next / previous paper'],
  ['s', 'Star or unstar'],
  ['r', 'Mark as read or unread'],
  ['o or Enter', 'Open the paper'],
  ['x', 'Related papers on this page'],
  ['g', 'Go to the original of a duplicate'],
  ['/', 'Search the site'],
  ['?', 'Show or hide these keys'],
];

/** The index `step` cards away from `from` that the reader can see, or `from` when there is none. */
export function stepIndex(from: number, step: 1 | -1, count: number, visible: (index: number) => boolean): number {
  for (let index = from + step; index >= 0 && index < count; index += step) if (visible(index)) return index;
  return from;
}
