/**
 * A few DOM helpers for the marks. Everything the page supplies goes in as text: there is no way to pass markup.
 */

type Attributes = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A 16x16 icon from path data (our own constants, never page text). */
export function icon(paths: readonly string[], className = 'glyph'): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export const ICONS = {
  star: ['M8 1.6l1.9 4 4.4.5-3.3 3 .9 4.3L8 11.2l-3.9 2.2.9-4.3-3.3-3 4.4-.5z'],
  check: ['M3.2 8.4l3 3 6.6-6.6'],
  chevron: ['M4.5 6.2L8 9.7l3.5-3.5'],
  copy: ['M5.5 5.5h7v7h-7z', 'M3.5 10.5v-7h7'],
  link: ['M6.5 9.5l3-3', 'M7.4 4.6l1-1a2.5 2.5 0 013.5 3.5l-1 1', 'M8.6 11.4l-1 1a2.5 2.5 0 01-3.5-3.5l1-1'],
  lens: ['M7 2.5a4.5 4.5 0 100 9 4.5 4.5 0 000-9z', 'M10.3 10.3l3.2 3.2'],
  warn: ['M8 2.2l6 10.6H2z', 'M8 6.6v2.9', 'M8 11.3v.1'],
  close: ['M4.5 4.5l7 7', 'M11.5 4.5l-7 7'],
  sparkle: ['M8 1.8l1.5 4.7 4.7 1.5-4.7 1.5L8 14.2l-1.5-4.7L1.8 8l4.7-1.5z'],
} as const;

/** Sets an attribute only when its value changes (writes invalidate style even when equal). */
export function setAttr(element: Element, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

/**
 * Places a floating host (position: absolute in the page) below `anchor`, kept inside the viewport horizontally,
 * and above the anchor when there is no room below.
 */
export function placeBelow(host: HTMLElement, anchor: HTMLElement, panel: HTMLElement | null, fallbackWidth: number): void {
  const rect = anchor.getBoundingClientRect();
  const width = panel?.offsetWidth || fallbackWidth;
  const height = panel?.offsetHeight ?? 0;
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
  const below = rect.bottom + 6;
  const top = below + height > window.innerHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below;
  setAttr(host, 'style', `top:${Math.round(top + window.scrollY)}px;left:${Math.round(left + window.scrollX)}px`);
}

export function setText(element: Element, value: string): void {
  if (element.textContent !== value) element.textContent = value;
}

export function setHidden(element: HTMLElement | SVGElement, hidden: boolean): void {
  if (hidden) setAttr(element, 'hidden', '');
  else setAttr(element, 'hidden', null);
}

/** One stylesheet object shared by every shadow root (cheap), or a <style> copy where adopting is refused. */
export function styleShadowRoot(root: ShadowRoot, css: string, cache: { sheet?: CSSStyleSheet | null }): void {
  if (cache.sheet === undefined) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      cache.sheet = sheet;
    } catch {
      cache.sheet = null;
    }
  }
  if (cache.sheet) {
    try {
      root.adoptedStyleSheets = [cache.sheet];
      return;
    } catch {
      // Firefox content scripts may not adopt a sheet built in their own compartment.
      cache.sheet = null;
    }
  }
  root.append(el('style', {}, css));
}
