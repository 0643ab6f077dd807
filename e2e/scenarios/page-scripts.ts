/**
 * Page-side checks as JavaScript expressions, so Playwright (Chromium) and Puppeteer (Firefox) run the very same
 * text: neither runner's transpiler can change them.
 */

/** Every card `selector` matches with its Paper Lens attributes and strip count (CardMarks[] in content-support.ts). */
export const cardMarksScript = (selector = 'article'): string => `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((card) => ({
  id: card.getAttribute('data-paper-lens-id'),
  marks: (card.getAttribute('data-paper-lens') || '').split(' ').filter(Boolean),
  duplicateOf: card.getAttribute('data-paper-lens-duplicate-of'),
  related: (card.getAttribute('data-paper-lens-related') || '').split(' ').filter(Boolean),
  view: card.getAttribute('data-paper-lens-view'),
  strips: card.querySelectorAll('paper-lens-marks').length,
  title: ((card.querySelector('h3, h2') || {}).textContent || '').trim(),
}))`;

/** The analysis generation the content script last finished (-1 before the first). */
export const READY_GENERATION = `Number(document.documentElement.getAttribute('data-paper-lens-ready') ?? '-1')`;

/** Text of the first element matching `selector` (found in open shadow roots too) with its own shadow root's text ('' when none). */
export function deepText(selector: string): string {
  return `(() => {
    const find = (root) => root.querySelector(${JSON.stringify(selector)}) || Array.from(root.querySelectorAll('*')).map((el) => el.shadowRoot && find(el.shadowRoot)).find(Boolean) || null;
    const found = find(document);
    return found ? ((found.shadowRoot ? found.shadowRoot.textContent : '') + ' ' + found.textContent).replace(/\\s+/g, ' ').trim() : '';
  })()`;
}

/** An attribute of the element `selector` names inside the n-th (0-based) <article>'s strip. */
export function stripAttribute(card: number, selector: string, attribute: string): string {
  return `(() => {
    const host = document.querySelectorAll('article')[${card}]?.querySelector('paper-lens-marks');
    const element = host?.shadowRoot?.querySelector(${JSON.stringify(selector)});
    return element ? element.getAttribute(${JSON.stringify(attribute)}) : null;
  })()`;
}
