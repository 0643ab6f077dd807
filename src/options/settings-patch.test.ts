import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/settings';
import { applyPatch, mergePatches } from './settings-patch';

describe('settings patches', () => {
  it('keeps the latest value of each field and merges the marks', () => {
    const merged = mergePatches({ relatedThreshold: 0.3, marks: { duplicates: false } }, { relatedThreshold: 0.35, marks: { related: false } });
    expect(merged).toEqual({ relatedThreshold: 0.35, marks: { duplicates: false, related: false } });
  });
  it('leaves marks out when neither patch touches them', () => {
    expect(mergePatches({ seenDwellMs: 500 }, { hideSeenByDefault: true })).toEqual({ seenDwellMs: 500, hideSeenByDefault: true });
  });
  it('applies a patch without losing the other marks', () => {
    const next = applyPatch(DEFAULT_SETTINGS, { marks: { dimRead: false }, relatedCount: 2 });
    expect(next.marks).toEqual({ ...DEFAULT_SETTINGS.marks, dimRead: false });
    expect(next.relatedCount).toBe(2);
    expect(DEFAULT_SETTINGS.marks.dimRead).toBe(true);
  });
});
