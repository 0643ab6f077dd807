// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotatorFiles } from './bench-floors-page';

describe('the minimal annotator', () => {
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'manifest.json'), 'utf8'));
  const files = annotatorFiles(manifest);

  it("runs on Paper Lens's matches at its run_at, with a worker that answers", () => {
    const own = JSON.parse(files['manifest.json']!);
    expect(own.content_scripts).toEqual([{ matches: manifest.content_scripts[0].matches, js: ['content.js'], run_at: manifest.content_scripts[0].run_at }]);
    expect(own.background).toEqual({ service_worker: 'worker.js' });
    expect(files['worker.js']).toContain('sendResponse');
  });

  it('sets an attribute on each card, a badge on cards in the viewport, and says it is ready once answered', async () => {
    document.body.innerHTML = [0, 1, 2].map((i) => `<article><h3><a href="/papers/2401.0000${i}">Paper ${i}</a></h3></article>`).join('');
    const cards = Array.from(document.querySelectorAll('article'));
    // The third card is below the viewport.
    cards.forEach((card, i) => {
      card.getBoundingClientRect = () => ({ top: i * 400, bottom: i * 400 + 300 }) as DOMRect;
    });
    let answer: (value: unknown) => void = () => undefined;
    const sent: unknown[] = [];
    (globalThis as { chrome?: unknown }).chrome = { runtime: { sendMessage: (message: unknown) => (sent.push(message), new Promise((resolve) => (answer = resolve))) } };
    new Function(files['content.js']!)();
    expect(cards.map((card) => card.getAttribute('data-bench-annotated'))).toEqual(['/papers/2401.00000', '/papers/2401.00001', '/papers/2401.00002']);
    expect(cards.map((card) => card.querySelectorAll('[data-bench-badge]').length)).toEqual([1, 1, 0]);
    expect(sent).toEqual([{ cards: 3 }]);
    expect(document.documentElement.hasAttribute('data-paper-lens-ready')).toBe(false);
    answer({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.documentElement.hasAttribute('data-paper-lens-ready')).toBe(true);
  });
});
