/** A few plain sentences about the last 30 days, from the daily counts. Pure. */
import type { Stats } from '../core/records';

export interface Insights {
  seen: number;
  read: number;
  /** Read as a share of seen, 0..1 (null when nothing was seen). */
  readRate: number | null;
  /** Days with any activity. */
  activeDays: number;
  busiest: { date: string; seen: number } | null;
  /** Average seen per active day. */
  seenPerActiveDay: number;
}

export function insights(daily: Stats['daily']): Insights {
  const seen = daily.reduce((sum, day) => sum + day.seen, 0);
  const read = daily.reduce((sum, day) => sum + day.read, 0);
  const active = daily.filter((day) => day.seen > 0 || day.read > 0);
  const busiest = daily.reduce<{ date: string; seen: number } | null>((best, day) => (day.seen > (best?.seen ?? 0) ? { date: day.date, seen: day.seen } : best), null);
  return {
    seen,
    read,
    readRate: seen > 0 ? Math.min(1, read / seen) : null,
    activeDays: active.length,
    busiest,
    seenPerActiveDay: active.length > 0 ? seen / active.length : 0,
  };
}
