/**
 * Which browsers sync, and what each has merged: the basis of tombstone compaction.
 *
 * Every browser keeps one small item `device.<its id>` in the sync area, written only by itself, with the hour it
 * last merged (`seen`), the fingerprint of the synced marks it last merged and wrote (`ack`), and, when it
 * compacted, the fingerprint of the marks whose tombstones it removed (`dropped`). A browser that acknowledges
 * marks F has merged every tombstone in F into its own store, where the stamp stays for good (only the synced
 * copy and the list of ids to advertise forget it), so it can never bring back an older star or read of those
 * papers. When every browser waited for acknowledges the marks the area holds now, each tombstone there has
 * been seen everywhere: the browser that notices leaves them out of what it writes and says so with `dropped`;
 * the others, finding `dropped` equal to their own last acknowledgement, stop advertising the same tombstones.
 *
 * A browser that has not acknowledged holds compaction back. Once it has not been seen for DEVICE_HORIZON_MS,
 * it still holds back every tombstone younger than the horizon (so after a long holiday of every browser, the
 * first one back does not clear a fresh un-star before the others saw it), but no longer the older ones; the
 * options page lists it and can forget it sooner. If it comes back, its older stars of compacted papers meet the
 * stamps every other browser kept in its store: the first of them to merge writes the un-star again, so the
 * older star loses there too.
 *
 * Pure: no browser API.
 */
import { decodeStamp } from '../hlc';
import { MARKS_PREFIX, type SyncEntry } from './codec';

export const DEVICE_PREFIX = 'device.';
/** A browser not seen for this long no longer holds back the tombstones older than this. */
export const DEVICE_HORIZON_MS = 60 * 86_400_000;
/** `seen` is kept to the hour, so merging does not rewrite the item every time. */
export const SEEN_GRAIN_MS = 3_600_000;

export interface DeviceItem {
  /** When it last merged, to the hour. */
  seen: number;
  /** Fingerprint of the marks it last merged and wrote (marksFingerprint). */
  ack: string;
  /** Fingerprint of the marks whose tombstones it compacted. */
  dropped?: string;
  /** When only the tombstones older than a time were compacted (a browser past the horizon had not acknowledged): that time. */
  droppedBefore?: number;
  /** "Chrome on Linux": how the options page names it. */
  name?: string;
}

export interface SyncedDevice extends DeviceItem {
  id: string;
  self: boolean;
  /** Whether compaction waits for it for every tombstone (seen within the horizon), not only the younger ones. */
  waitedFor: boolean;
}

/** One tombstone: the paper, the field ('starred', 'read', 'tags', 'note') and the stamp of the clearing. */
export type Tombstone = [id: string, field: string, stamp: string];

const FIELD_KEYS = [
  ['starred', 'starredAt', 'starStamp'],
  ['read', 'readAt', 'readStamp'],
  ['tags', 'tags', 'tagsStamp'],
  ['note', 'note', 'noteStamp'],
] as const;

/** A 53-bit hash (cyrb53) of text: a fingerprint two different synced copies do not share in practice. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The fingerprint of the synced marks (the non-empty `marks.*` items) of a sync area's contents. */
export function marksFingerprint(items: Record<string, unknown>): string {
  const keys = Object.keys(items).filter((key) => key.startsWith(MARKS_PREFIX) && items[key] !== '').sort();
  return hash53(keys.map((key) => `${key}=${JSON.stringify(items[key])}`).join(';'));
}

/** The fields of synced papers that are tombstones: a stamp and no value. */
export function tombstonesOf(entries: readonly SyncEntry[]): Tombstone[] {
  const out: Tombstone[] = [];
  for (const entry of entries) {
    const state = entry.state as Record<string, unknown>;
    for (const [field, valueKey, stampKey] of FIELD_KEYS) {
      const stamp = state[stampKey];
      if (typeof stamp === 'string' && state[valueKey] === undefined) out.push([entry.id, field, stamp]);
    }
  }
  return out;
}

function isDeviceItem(value: unknown): value is DeviceItem {
  const item = value as Partial<DeviceItem> | null;
  return typeof item === 'object' && item !== null && typeof item.seen === 'number' && typeof item.ack === 'string';
}

/** The browsers that sync, from a sync area's contents, this one first, then the most recently seen. */
export function devicesOf(items: Record<string, unknown>, self: string, now: number): SyncedDevice[] {
  const devices: SyncedDevice[] = [];
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(DEVICE_PREFIX) || !isDeviceItem(value)) continue;
    const id = key.slice(DEVICE_PREFIX.length);
    devices.push({ ...value, id, self: id === self, waitedFor: id === self || value.seen >= now - DEVICE_HORIZON_MS });
  }
  return devices.sort((a, b) => Number(b.self) - Number(a.self) || b.seen - a.seen || (a.id < b.id ? -1 : 1));
}

/** The wall time of a stamp (Infinity for one that cannot be read: never old enough). */
export function stampTime(stamp: string): number {
  return decodeStamp(stamp)?.wall ?? Infinity;
}

export interface Compaction {
  /** The tombstones of the area's marks that may leave now. */
  tombstones: Tombstone[];
  /** Set when only those older than this time may (a browser past the horizon has not acknowledged). */
  before?: number;
}

/**
 * Which tombstones of the marks the area holds now (`marks`, their fingerprint) may leave: all of them when this
 * browser and every other acknowledge exactly these marks; only those older than the horizon when the ones that
 * do not were all last seen before it; none while a browser seen within the horizon has not acknowledged.
 */
export function compactable(devices: readonly SyncedDevice[], marks: string, tombstones: readonly Tombstone[], now: number): Compaction {
  if (tombstones.length === 0 || !devices.some((device) => device.self && device.ack === marks)) return { tombstones: [] };
  const lagging = devices.filter((device) => !device.self && device.ack !== marks);
  if (lagging.length === 0) return { tombstones: [...tombstones] };
  if (lagging.some((device) => device.waitedFor)) return { tombstones: [] };
  const before = now - DEVICE_HORIZON_MS;
  return { tombstones: tombstones.filter(([, , stamp]) => stampTime(stamp) < before), before };
}

/** Compacted tombstones this browser no longer advertises: `id field` -> the stamp compacted. */
export type Compacted = Record<string, string>;

const compactedKey = (id: string, field: string): string => `${id} ${field}`;

/** Adds tombstones to the compacted set; answers whether any was new. */
export function addCompacted(compacted: Compacted, tombstones: readonly Tombstone[]): boolean {
  let added = false;
  for (const [id, field, stamp] of tombstones) {
    const key = compactedKey(id, field);
    if (compacted[key] === stamp) continue;
    compacted[key] = stamp;
    added = true;
  }
  return added;
}

/**
 * The entries to write, without compacted tombstones. A compacted tombstone is written again when the area
 * holds any state of that field of that paper (a browser that had not merged it, or came back after being
 * forgotten, wrote an older one; or one that had not yet heard of the compaction wrote it again), so the older
 * state loses everywhere and two browsers never take turns adding and removing it; the next compaction, once
 * all acknowledge again, takes it out.
 */
export function withoutCompacted(entries: readonly SyncEntry[], compacted: Compacted, remote: readonly SyncEntry[], compactingNow: readonly Tombstone[] = []): SyncEntry[] {
  if (Object.keys(compacted).length === 0) return [...entries];
  // The tombstones being compacted now leave even though the area holds them: that is the compaction.
  const leaving = new Set(compactingNow.map(([id, field, stamp]) => `${id} ${field} ${stamp}`));
  const remoteById = new Map(remote.map((entry) => [entry.id, entry.state as Record<string, unknown>]));
  const out: SyncEntry[] = [];
  for (const entry of entries) {
    const state = { ...entry.state } as Record<string, unknown>;
    for (const [field, valueKey, stampKey] of FIELD_KEYS) {
      const stamp = state[stampKey];
      if (typeof stamp !== 'string' || state[valueKey] !== undefined || compacted[compactedKey(entry.id, field)] !== stamp) continue;
      const there = remoteById.get(entry.id);
      if (there && (there[stampKey] !== undefined || there[valueKey] !== undefined) && !leaving.has(`${entry.id} ${field} ${stamp}`)) continue;
      delete state[stampKey];
    }
    if (Object.keys(state).length > 0) out.push({ id: entry.id, state: state as SyncEntry['state'] });
  }
  return out;
}

/** "Chrome on Linux", "Firefox on Windows": a browser's name from its user agent, for the options page. */
export function browserName(userAgent: string): string {
  const browser = /Firefox\//.test(userAgent) ? 'Firefox' : /Edg\//.test(userAgent) ? 'Edge' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : 'A browser';
  const system = /Windows/.test(userAgent) ? 'Windows' : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS' : /Android/.test(userAgent) ? 'Android' : /CrOS/.test(userAgent) ? 'ChromeOS' : /Linux/.test(userAgent) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}
