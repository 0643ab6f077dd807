import { describe, expect, it } from 'vitest';
import { annotationSummary } from './annotation-button';

describe('the tags-and-note button', () => {
  it('shows the first two tags and how many more; its title and its name say everything', () => {
    expect(annotationSummary([], '')).toEqual({ label: '', title: 'Add tags or a note', aria: 'Tags and note' });
    const summary = annotationSummary(['a', 'b', 'c'], 'Read §3.');
    expect(summary.label).toBe('a, b +1');
    expect(summary.title).toBe('Tags: a, b, c\nNote: Read §3.\nClick to edit');
    expect(summary.aria).toBe('Tags and note: a, b, c; has a note');
    expect(annotationSummary([], 'x').aria).toBe('Tags and note: has a note');
  });

  it('cuts a long note in the title', () => {
    const { title } = annotationSummary([], 'word '.repeat(100));
    expect(title.length).toBeLessThan(160);
    expect(title).toContain('…');
  });
});
