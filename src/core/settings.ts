import { RELATED_LINE } from './related-model';

/** User settings, stored by the background and applied live in every tab. */
export interface Settings {
  marks: {
    duplicates: boolean;
    related: boolean;
    seenBefore: boolean;
    dimRead: boolean;
  };
  /** Link strength (see related-model) from which two papers are shown as related (0.05..0.9). */
  relatedThreshold: number;
  /**
   * What relatedThreshold measures. Settings saved before it was a strength hold a cosine line (0.15 then the
   * default), which as a strength would show many weak links: without this mark the line goes back to the default.
   */
  relatedScale: 'strength';
  /** Related links shown per paper (1..5). */
  relatedCount: number;
  /** A card counts as seen once this fraction of it was on screen for `seenDwellMs`. */
  seenVisibleFraction: number;
  seenDwellMs: number;
  /** Dim papers seen on an earlier visit when a page opens. */
  hideSeenByDefault: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  marks: { duplicates: true, related: true, seenBefore: true, dimRead: true },
  relatedThreshold: RELATED_LINE,
  relatedScale: 'strength',
  relatedCount: 5,
  seenVisibleFraction: 0.5,
  seenDwellMs: 1000,
  hideSeenByDefault: false,
};

/** Fills missing or invalid fields from defaults and clamps numbers into range. */
export function normaliseSettings(input: unknown): Settings {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const marksRaw = (typeof raw.marks === 'object' && raw.marks !== null ? raw.marks : {}) as Record<string, unknown>;
  const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
  const num = (value: unknown, fallback: number, min: number, max: number): number =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  const d = DEFAULT_SETTINGS;
  return {
    marks: {
      duplicates: bool(marksRaw.duplicates, d.marks.duplicates),
      related: bool(marksRaw.related, d.marks.related),
      seenBefore: bool(marksRaw.seenBefore, d.marks.seenBefore),
      dimRead: bool(marksRaw.dimRead, d.marks.dimRead),
    },
    relatedThreshold: raw.relatedScale === 'strength' ? num(raw.relatedThreshold, d.relatedThreshold, 0.05, 0.9) : d.relatedThreshold,
    relatedScale: 'strength',
    relatedCount: Math.round(num(raw.relatedCount, d.relatedCount, 1, 5)),
    seenVisibleFraction: num(raw.seenVisibleFraction, d.seenVisibleFraction, 0.1, 1),
    seenDwellMs: Math.round(num(raw.seenDwellMs, d.seenDwellMs, 0, 10000)),
    hideSeenByDefault: bool(raw.hideSeenByDefault, d.hideSeenByDefault),
  };
}
