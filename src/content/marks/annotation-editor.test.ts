// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotationEditor, EDITOR_TAG } from './annotation-editor';

function setUp(): { editor: AnnotationEditor; link: HTMLAnchorElement; note: () => HTMLTextAreaElement; error: () => HTMLElement } {
  const anchor = document.createElement('button');
  anchor.id = 'anchor';
  anchor.textContent = 'Tags';
  const link = document.createElement('a');
  link.id = 'link';
  link.href = '/papers/2403.10001';
  link.textContent = 'Another paper';
  document.body.replaceChildren(anchor, link);
  const editor = new AnnotationEditor('test');
  editor.open({
    anchor: document.getElementById('anchor') as HTMLElement,
    paperTitle: 'A paper',
    tags: [],
    note: '',
    knownTags: async () => [],
    save: async () => null,
    onClose: () => undefined,
  });
  const root = (): ShadowRoot => (document.querySelector(EDITOR_TAG) as HTMLElement).shadowRoot as ShadowRoot;
  return {
    editor,
    link: document.getElementById('link') as HTMLAnchorElement,
    note: () => root().querySelector('.note-input') as HTMLTextAreaElement,
    error: () => root().querySelector('.error') as HTMLElement,
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('the tags-and-note editor with unsaved changes', () => {
  it('keeps a click on a page link from navigating and says why; without changes the link works', () => {
    const { editor, link, note, error } = setUp();
    const unchanged = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(unchanged);
    expect(unchanged.defaultPrevented).toBe(false);

    note().value = 'Check the ablation in section 4';
    note().dispatchEvent(new Event('input'));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(editor.isOpen).toBe(true);
    expect(error().hidden).toBe(false);
    expect(error().textContent).toContain('Unsaved changes');
    editor.close(false);
    const after = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });

  it('asks before the page is left, only while changes are unsaved', () => {
    const { editor, note } = setUp();
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);
    note().value = 'x';
    note().dispatchEvent(new Event('input'));
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
    editor.close(false);
  });
});
