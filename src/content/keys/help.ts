/**
 * What the reading keys show: the help panel (`?`) and a polite live region that tells screen readers which
 * card the keys moved to and what a key did. One shadow host for both, made on the first key the reader uses.
 */
import { el, icon, ICONS, setText, styleShadowRoot } from '../marks/dom';
import { KEYS_CSS } from '../marks/styles';
import { KEY_HELP } from './keymap';

export const KEYS_TAG = 'paper-lens-keys';

const sheetCache: { sheet?: CSSStyleSheet | null } = {};

/** "j / k" as two keys with a separator between them; "/" alone is a key. */
function keyTerm(keys: string): HTMLElement {
  const term = el('dt', {});
  const parts = keys.split(' ');
  parts.forEach((part, i) => {
    if (i > 0) term.append(' ');
    const separator = parts.length > 1 && (part === '/' || part === 'or');
    term.append(separator ? part : el('kbd', {}, part));
  });
  return term;
}

export class KeysPanel {
  private host: HTMLElement | null = null;
  private announcer: HTMLElement | null = null;
  private help: HTMLElement | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly owner: string) {}

  get helpOpen(): boolean {
    return this.help !== null && !this.help.hidden;
  }

  announce(text: string): void {
    this.ensure();
    const announcer = this.announcer as HTMLElement;
    // The same words twice in a row are still read out: the region is emptied first.
    setText(announcer, '');
    setTimeout(() => setText(announcer, text), 50);
  }

  showHelp(): void {
    this.ensure();
    const help = this.help as HTMLElement;
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    help.hidden = false;
    (help.querySelector('.close') as HTMLElement).focus();
  }

  closeHelp(): void {
    if (!this.help || this.help.hidden) return;
    this.help.hidden = true;
    this.returnFocus?.focus({ preventScroll: true });
    this.returnFocus = null;
  }

  remove(): void {
    this.host?.remove();
    this.host = this.announcer = this.help = null;
  }

  private ensure(): void {
    if (this.host?.isConnected) return;
    const host = document.createElement(KEYS_TAG);
    host.setAttribute('data-paper-lens-owner', this.owner);
    const root = host.attachShadow({ mode: 'open' });
    styleShadowRoot(root, KEYS_CSS, sheetCache);
    this.announcer = el('div', { class: 'announce', role: 'status', 'aria-live': 'polite' });
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, icon(ICONS.close));
    const list = el('dl', {});
    for (const [keys, what] of KEY_HELP) list.append(keyTerm(keys), el('dd', {}, what));
    const panel = el('div', { class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'paper-lens-keys-title' },
      el('div', { class: 'top' }, el('h2', { id: 'paper-lens-keys-title' }, 'Paper Lens keys'), close),
      list,
      el('p', { class: 'foot' }, 'Keys pause while you type. Turn them off in Paper Lens’s options.'));
    this.help = el('div', { class: 'backdrop', hidden: true }, panel);
    this.help.addEventListener('click', (event) => {
      if (event.target === this.help || (event.target as Element).closest('.close')) this.closeHelp();
    });
    // Tab stays on the one control of the panel while it is open.
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Tab') {
        event.preventDefault();
        close.focus();
      }
    });
    root.append(this.announcer, this.help);
    (document.body ?? document.documentElement).append(host);
    this.host = host;
  }
}
