/**
 * Light or dark, as the page shows it: the site's `dark`/`light` class on <html> when set, else the page's
 * own background, else the reader's prefers-color-scheme. Written to <html data-paper-lens-theme>.
 */
import { setAttr } from './marks/dom';

export const THEME_ATTR = 'data-paper-lens-theme';

function luminance(color: string): number | null {
  const match = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?/.exec(color);
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number(match[4].slice(0, -1)) / 100 : Number(match[4]);
  if (alpha < 0.5) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => Number(part) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function pageIsDark(): boolean {
  const html = document.documentElement;
  if (html.classList.contains('dark')) return true;
  if (html.classList.contains('light')) return false;
  for (const element of [document.body, html]) {
    if (!element) continue;
    const value = luminance(getComputedStyle(element).backgroundColor);
    if (value !== null) return value < 0.45;
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function applyTheme(): void {
  setAttr(document.documentElement, THEME_ATTR, pageIsDark() ? 'dark' : 'light');
}

/** Follows the site's theme toggle and the system setting; returns a stop function. */
export function watchTheme(): () => void {
  applyTheme();
  const observer = new MutationObserver(() => applyTheme());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  if (document.body) observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', applyTheme);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', applyTheme);
  };
}
