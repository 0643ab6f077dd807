import { describe, expect, it } from 'vitest';
import { readingAction, stepIndex, type KeyContext, type KeyPress } from './keymap';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...extra });
const calm: KeyContext = { typing: false, inSiteDialog: false, onControl: false, helpOpen: false };

describe('reading keys', () => {
  it('maps the reading keys', () => {
    expect(['j', 'k', 's', 'r', 'o', 'x', 'g', '?'].map((key) => readingAction(press(key), calm))).toEqual(['next', 'previous', 'star', 'read', 'open', 'related', 'original', 'help']);
    expect(readingAction(press('Enter'), calm)).toBe('open');
    expect(readingAction(press('a'), calm)).toBeNull();
    expect(readingAction(press('/'), calm)).toBeNull();
  });

  it('does nothing while the reader types, with a modifier held, while composing, or in a dialog of the site', () => {
    expect(readingAction(press('s'), { ...calm, typing: true })).toBeNull();
    expect(readingAction(press('j'), { ...calm, inSiteDialog: true })).toBeNull();
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey', 'isComposing'] as const) expect(readingAction(press('s', { [modifier]: true }), calm)).toBeNull();
  });

  it('leaves Enter to links and buttons, and only closes the help while it is open', () => {
    expect(readingAction(press('Enter'), { ...calm, onControl: true })).toBeNull();
    expect(readingAction(press('j'), { ...calm, helpOpen: true })).toBeNull();
    expect(readingAction(press('Escape'), { ...calm, helpOpen: true })).toBe('close-help');
    expect(readingAction(press('?'), { ...calm, helpOpen: true })).toBe('close-help');
  });

  it('steps over hidden cards and stops at the ends', () => {
    const visible = (index: number): boolean => index !== 2;
    expect(stepIndex(-1, 1, 5, visible)).toBe(0);
    expect(stepIndex(1, 1, 5, visible)).toBe(3);
    expect(stepIndex(3, -1, 5, visible)).toBe(1);
    expect(stepIndex(4, 1, 5, visible)).toBe(4);
    expect(stepIndex(0, -1, 5, visible)).toBe(0);
  });
});
