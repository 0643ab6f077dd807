/**
 * Hybrid logical clock stamps: the change time of one field of a reader's state (starred, read, tags, note).
 * A stamp is wall time in ms, a counter for changes within the same ms (or behind a clock seen from another
 * device), and the id of the device that made the change. Encoded as a string whose plain string order is the
 * stamps' order (wall, then counter, then device), so the newest change is the greatest string and two devices
 * with skewed clocks still agree on which change won.
 */

export interface HlcParts {
  wall: number;
  counter: number;
  device: string;
}

const WALL_DIGITS = 9; // base 36: room up to year 5188
const COUNTER_DIGITS = 4;
const STAMP_PATTERN = /^([0-9a-z]{9})\.([0-9a-z]{4})\.([A-Za-z0-9_-]*)$/;

export function encodeStamp({ wall, counter, device }: HlcParts): string {
  return `${Math.max(0, Math.floor(wall)).toString(36).padStart(WALL_DIGITS, '0')}.${counter.toString(36).padStart(COUNTER_DIGITS, '0')}.${device}`;
}

/** The parts of a stamp, or undefined when it is not one (a backup may carry anything). */
export function decodeStamp(stamp: string): HlcParts | undefined {
  const match = STAMP_PATTERN.exec(stamp);
  if (!match) return undefined;
  return { wall: parseInt(match[1]!, 36), counter: parseInt(match[2]!, 36), device: match[3]! };
}

export function isStamp(value: unknown): value is string {
  return typeof value === 'string' && STAMP_PATTERN.test(value);
}

/** Orders two stamps; a missing stamp is older than any stamp. */
export function compareStamps(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

export function newerStamp(a: string | undefined, b: string | undefined): string | undefined {
  return compareStamps(a, b) >= 0 ? a : b;
}

/** The stamp a record written before stamps existed gets for a state set at `ms`: older than any real change then. */
export function legacyStamp(ms: number): string {
  return encodeStamp({ wall: ms, counter: 0, device: '' });
}

/** One device's clock. `now` is injectable for tests. */
export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A stamp for a change made on this device now; always greater than every stamp issued or received before. */
  next(): string {
    const physical = this.now();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.counter++;
    }
    return encodeStamp({ wall: this.wall, counter: this.counter, device: this.device });
  }

  /** Takes in a stamp seen from elsewhere (a backup, another device), so later local stamps sort after it. */
  observe(stamp: string): void {
    const parts = decodeStamp(stamp);
    if (!parts) return;
    if (parts.wall > this.wall) {
      this.wall = parts.wall;
      this.counter = parts.counter;
    } else if (parts.wall === this.wall && parts.counter > this.counter) {
      this.counter = parts.counter;
    }
  }
}

/** A random device id (letters and digits), made once per browser profile and kept with the settings. */
export function newDeviceId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}
