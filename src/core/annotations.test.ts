import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH, MAX_TAGS, MAX_TAG_LENGTH, checkNote, checkTag, checkTags, splitTagInput, suggestTags } from './annotations';

describe('tags', () => {
  it('folds spaces, keeps case as typed, and drops repeats that differ only in case', () => {
    expect(checkTags(['  Long   context ', 'long CONTEXT', 'RLHF', 'Ünïcödé'])).toEqual({ ok: true, value: ['Long context', 'RLHF', 'Ünïcödé'] });
  });

  it('refuses, in words, empty tags, long tags, separators and markup characters, and too many tags', () => {
    for (const bad of ['', '   ', 'a,b', 'a;b', '<b>', 'x"y', '{x}', 'a\\b']) expect(checkTag(bad).ok, bad).toBe(false);
    expect(checkTag('<img src=x>')).toMatchObject({ ok: false, problem: expect.stringContaining('cannot hold') });
    expect(checkTag('x'.repeat(MAX_TAG_LENGTH)).ok).toBe(true);
    expect(checkTag('x'.repeat(MAX_TAG_LENGTH + 1))).toMatchObject({ ok: false, problem: expect.stringContaining(`at most ${MAX_TAG_LENGTH} characters`) });
    expect(checkTags(Array.from({ length: 500 }, (_, i) => `t${i}`))).toMatchObject({ ok: false, problem: expect.stringContaining(`at most ${MAX_TAGS} tags (this list has 500)`) });
    expect(checkTags('a, b').ok).toBe(false);
    expect(checkTags([1]).ok).toBe(false);
  });

  it('a checked list always passes the check again unchanged (any input)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 30 }), (raw) => {
      const first = checkTags(raw);
      if (!first.ok) return;
      expect(checkTags(first.value)).toEqual(first);
      expect(first.value.length).toBeLessThanOrEqual(MAX_TAGS);
    }));
  });

  it('splits typed input on commas, semicolons and line breaks', () => {
    expect(splitTagInput(' a, b ;c\n\nd,,')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('suggests tags used before: prefix matches first, then containing, most used first, without the ones already there', () => {
    const known = [{ tag: 'vision', count: 1 }, { tag: 'reading group', count: 5 }, { tag: 'to read', count: 3 }, { tag: 'RL', count: 2 }];
    expect(suggestTags(known, 're', [])).toEqual(['reading group', 'to read']);
    expect(suggestTags(known, '', ['Reading Group'])).toEqual(['to read', 'RL', 'vision']);
    expect(suggestTags(known, 'zzz', [])).toEqual([]);
  });
});

describe('notes', () => {
  it('keeps line breaks as \\n, drops control characters and trailing spaces, and keeps markup as text', () => {
    expect(checkNote('  line one  \r\nline\u0007 two\t\r\n\r\n<b>three</b>  ')).toEqual({ ok: true, value: 'line one\nline two\n\n<b>three</b>' });
    expect(checkNote('   ')).toEqual({ ok: true, value: '' });
  });

  it('says the limit, with both lengths, for a note that is too long', () => {
    expect(checkNote('x'.repeat(MAX_NOTE_LENGTH)).ok).toBe(true);
    expect(checkNote('x'.repeat(100_000))).toEqual({ ok: false, problem: 'A note can be at most 10,000 characters long (this one has 100,000).' });
    expect(checkNote(42).ok).toBe(false);
  });
});
