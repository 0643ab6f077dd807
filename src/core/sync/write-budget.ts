/**
 * When the next write to the sync area may go: never more than the per-minute and per-hour limits, with a
 * margin for the browser's own counting, and never closer than a minimum gap, so a burst of changes (200 stars
 * in a minute, an import) becomes a few writes. Pure: the times of earlier writes are given and kept by the
 * caller (the worker may stop between writes).
 */
import { SYNC_LIMITS } from './limits';

export const WRITE_POLICY = {
  /** Writes (set or remove calls) this client allows itself per minute and per hour: below the limits. */
  perMinute: Math.floor(SYNC_LIMITS.maxWritesPerMinute / 2),
  perHour: Math.floor(SYNC_LIMITS.maxWritesPerHour * 0.8),
  /** The least time between two writes. */
  minGapMs: 2_000,
} as const;

export type WritePolicy = { -readonly [K in keyof typeof WRITE_POLICY]: number };

/** The earliest time at or after `now` a write may be made, given the times of earlier writes. */
export function nextWriteAt(writes: readonly number[], now: number, policy: WritePolicy = WRITE_POLICY): number {
  let at = now;
  const last = writes.length > 0 ? Math.max(...writes) : -Infinity;
  at = Math.max(at, last + policy.minGapMs);
  const sorted = [...writes].sort((a, b) => a - b);
  // The write at `at` must leave fewer than the limit in the window ending at `at`.
  const fits = (windowMs: number, limit: number): number => {
    const inWindow = sorted.filter((time) => time > at - windowMs);
    if (inWindow.length < limit) return at;
    return inWindow[inWindow.length - limit]! + windowMs;
  };
  for (let round = 0; round < 4; round++) {
    const next = Math.max(fits(60_000, policy.perMinute), fits(3_600_000, policy.perHour));
    if (next === at) break;
    at = next;
  }
  return at;
}

/** Keeps only the writes that still count (the last hour). */
export function recentWrites(writes: readonly number[], now: number): number[] {
  return writes.filter((time) => time > now - 3_600_000);
}
