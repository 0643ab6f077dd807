/**
 * The reader's own state of a paper (starred, read; tags and a note later), merged field by field between two
 * copies of the same paper: a backup and the store, or two synced browsers. Each field carries the stamp
 * (core/hlc) of its last change, set by turning it on and by turning it off alike, and the copy with the newer
 * stamp wins that field. A value written before stamps existed counts as changed at its own time with the
 * oldest stamp of that ms (legacyStamp), so "a star or read in either copy is kept" unless a stamped change
 * made after it undid it.
 *
 * The merge is a join: commutative, associative and idempotent, so any order of merges, repeated merges and
 * merges of partial copies all reach the same state. Pure: no browser API.
 *
 * Adding a field is one entry in READER_FIELDS (plus its keys on PaperRecord).
 */
import { compareStamps, legacyStamp } from './hlc';
import type { PaperRecord } from './records';

/** The keys of a paper record that hold the reader's own state and the stamps of its changes. */
export type ReaderState = Pick<PaperRecord, 'starredAt' | 'starStamp' | 'readAt' | 'readStamp' | 'tags' | 'tagsStamp' | 'note' | 'noteStamp'>;
type ReaderKey = keyof ReaderState;

export interface ReaderField {
  /** How the field is named to people and to other modules ("starred"). */
  readonly name: string;
  /** The record keys holding the field's value: copied together from the winning copy (absent stays absent). */
  readonly valueKeys: readonly ReaderKey[];
  /** The record key of the stamp of the field's last change. */
  readonly stampKey: ReaderKey;
  /** The time the field was set on a copy without a stamp (written before stamps existed), or undefined. */
  readonly legacyTime: (state: ReaderState) => number | undefined;
}

const timeOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Starred and read: on when their time is present; an un-star or un-read leaves only the stamp. */
export const READER_FIELDS = [
  { name: 'starred', valueKeys: ['starredAt'], stampKey: 'starStamp', legacyTime: (state) => timeOf(state.starredAt) },
  { name: 'read', valueKeys: ['readAt'], stampKey: 'readStamp', legacyTime: (state) => timeOf(state.readAt) },
  // Tags and the note came with stamps: a copy without a stamp holds none (a hand-made file), older than any edit.
  { name: 'tags', valueKeys: ['tags'], stampKey: 'tagsStamp', legacyTime: () => undefined },
  { name: 'note', valueKeys: ['note'], stampKey: 'noteStamp', legacyTime: () => undefined },
] as const satisfies readonly ReaderField[];

export type ReaderFieldName = (typeof READER_FIELDS)[number]['name'];
/** The on/off fields: their value is the time they were turned on. */
export type ReaderFlag = 'starred' | 'read';

export function readerField(name: ReaderFieldName): ReaderField {
  const field = READER_FIELDS.find((entry) => entry.name === name);
  if (!field) throw new Error(`No reader field is called ${name}.`);
  return field;
}

/** The stamp a field's state is ordered by: its own stamp, else the legacy stamp of its value, else none. */
export function effectiveStamp(state: ReaderState, field: ReaderField): string | undefined {
  const stamp = state[field.stampKey];
  if (typeof stamp === 'string') return stamp;
  const legacy = field.legacyTime(state);
  return legacy === undefined ? undefined : legacyStamp(legacy);
}

/** The field's slice of a copy, as a canonical string: orders two copies whose stamps are equal. */
function sliceKey(state: ReaderState, field: ReaderField): string {
  return JSON.stringify([state[field.stampKey] ?? null, ...field.valueKeys.map((key) => state[key] ?? null)]);
}

/** Which copy's state of one field wins: 'a' or 'b' (a total order, so the merge is the same either way round). */
export function fieldWinner(a: ReaderState, b: ReaderState, field: ReaderField): 'a' | 'b' {
  const byStamp = compareStamps(effectiveStamp(a, field), effectiveStamp(b, field));
  if (byStamp !== 0) return byStamp > 0 ? 'a' : 'b';
  return sliceKey(a, field) >= sliceKey(b, field) ? 'a' : 'b';
}

/** Only the reader-state keys of a record, with absent keys left out. */
export function readerStateOf(record: ReaderState): ReaderState {
  const out: Record<string, unknown> = {};
  for (const field of READER_FIELDS) {
    for (const key of [...field.valueKeys, field.stampKey]) if (record[key] !== undefined && record[key] !== null) out[key] = record[key];
  }
  return out as ReaderState;
}

/** Field by field, the state of whichever copy changed that field last. Absent keys are left out. */
export function mergeReaderState(a: ReaderState, b: ReaderState): ReaderState {
  const out: Record<string, unknown> = {};
  for (const field of READER_FIELDS) {
    const winner = fieldWinner(a, b, field) === 'a' ? a : b;
    for (const key of [...field.valueKeys, field.stampKey]) {
      const value = winner[key];
      if (value !== undefined && value !== null) out[key] = value;
    }
  }
  return out as ReaderState;
}

/**
 * A paper's state as a page holds it, given a newer answer: everything from the answer except the reader fields,
 * which keep whichever copy changed each one last. Answers and broadcasts cross in flight (a "seen" answer worked
 * out before a synced star can arrive after the star's broadcast); this keeps the older one from undoing it.
 */
export function withNewerReaderState<T extends ReaderState>(current: T | undefined, incoming: T): T {
  return current ? withReaderState(incoming, mergeReaderState(current, incoming)) : incoming;
}

/** A copy of `record` whose reader state is `reader` (every reader key from it; absent ones dropped). */
export function withReaderState<T extends ReaderState>(record: T, reader: ReaderState): T {
  const out: Record<string, unknown> = { ...record };
  for (const field of READER_FIELDS) for (const key of [...field.valueKeys, field.stampKey]) delete out[key];
  return Object.assign(out, readerStateOf(reader)) as T;
}

/** Whether an on/off field is on in this copy. */
export function isOn(state: ReaderState, flag: ReaderFlag): boolean {
  return readerField(flag).valueKeys.some((key) => state[key] !== undefined && state[key] !== null);
}

/**
 * The reader turned a flag on or off at `at` with change stamp `stamp` (from the device's HybridClock, issued
 * after it observed the record's current stamp). Changes `state` in place; a flag already in that state is left
 * as it is (a repeated request changes nothing and keeps the first time). Returns whether anything changed.
 */
export function setReaderFlag(state: ReaderState, flag: ReaderFlag, on: boolean, stamp: string, at: number): boolean {
  if (isOn(state, flag) === on) return false;
  const field = readerField(flag);
  const [timeKey] = field.valueKeys;
  const target = state as Record<string, unknown>;
  if (on) target[timeKey!] = at;
  else for (const key of field.valueKeys) delete target[key];
  target[field.stampKey] = stamp;
  return true;
}

/** Every stamp a copy carries: a device's clock observes them so its own later changes sort after them. */
export function stampsOf(state: ReaderState): string[] {
  const stamps: string[] = [];
  for (const field of READER_FIELDS) {
    const stamp = state[field.stampKey];
    if (typeof stamp === 'string') stamps.push(stamp);
  }
  return stamps;
}
