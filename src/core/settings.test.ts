import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings } from './settings';

describe('the related line', () => {
  it('is a strength: a line saved as a cosine by an earlier version goes back to the default', () => {
    expect(normaliseSettings({ relatedThreshold: 0.15, relatedCount: 2 })).toMatchObject({ relatedThreshold: DEFAULT_SETTINGS.relatedThreshold, relatedCount: 2, relatedScale: 'strength' });
  });

  it('keeps a line saved as a strength, clamped', () => {
    expect(normaliseSettings({ relatedThreshold: 0.7, relatedScale: 'strength' }).relatedThreshold).toBe(0.7);
    expect(normaliseSettings({ relatedThreshold: 7, relatedScale: 'strength' }).relatedThreshold).toBe(0.9);
    expect(normaliseSettings(normaliseSettings({ relatedThreshold: 0.6, relatedScale: 'strength' }))).toEqual(normaliseSettings({ relatedThreshold: 0.6, relatedScale: 'strength' }));
  });
});
