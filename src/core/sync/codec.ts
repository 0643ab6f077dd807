/**
 * The compact form of the reader's state in `storage.sync`: every paper with a starred or read state (or the
 * stamp of an un-star or un-read, a tombstone) in a few items under 8 KB each, so 10,000 papers fit the 100 KB
 * quota with room to spare.
 *
 * An item `marks.N` holds one run of papers in id order as base64url text: a format version character, then a
 * bit stream. Each item stands alone (it carries its own table of device ids and its own code parameters), so
 * items read in any order or mixed with older ones from another device still decode, and the merge sorts out
 * which state is newer. In the stream:
 *   - arXiv ids `yymm.nnnnn` are packed as the number yymm * 100000 + nnnnn and delta-coded in ascending order
 *     (Exp-Golomb); any other id follows as UTF-8 text;
 *   - each field (starred, then read) says whether it is on with a stamp, on with a date unlike its stamp's
 *     time, off with the stamp of the un-star (a tombstone), or on with only a date (set before stamps existed);
 *   - a stamp is its wall time, its counter and its device (an index into the item's device table). The first
 *     time of a paper is coded against the start of the paper's arXiv month, the next against the first;
 *     whole seconds cost 10 bits less than times with milliseconds.
 * Everything decodes exactly to what was encoded, so every browser merges the same stamps (core/hlc).
 *
 * Format version 2 adds the tags and the note after starred and read: each is its stamp and, unless it was
 * cleared (a tombstone), its text as UTF-8 bytes (tags joined by commas, which a tag cannot hold). Version 1
 * items (starred and read only) still decode; a browser that finds a version it does not know leaves the
 * synced copy alone (see SyncFormatError), as a version 1 browser does with version 2 items.
 *
 * Notes are long beside the quota, so they have a budget of their own: a note over MAX_SYNCED_NOTE_BYTES never
 * syncs, and past NOTES_BUDGET_BYTES the notes edited longest ago stay out. When the papers still do not fit,
 * the oldest read marks leave first, then the oldest notes, then the oldest tags, then the oldest tombstones of
 * stars, and stars only when nothing else is left; what was left out is counted for the options page.
 */
import { decodeStamp, encodeStamp, type HlcParts } from '../hlc';
import { ALPHABET, BitReader, BitWriter, expGolombBits, zigzag } from './bits';
import { SYNC_LIMITS, itemBytes } from './limits';

export const FORMAT_VERSION = 2;
const VERSION_CHAR = ALPHABET[FORMAT_VERSION]!;
export const MARKS_PREFIX = 'marks.';

/** A note longer than this (in UTF-8 bytes) does not sync: with the longest tags it still fits one 8 KB item. */
export const MAX_SYNCED_NOTE_BYTES = 2_500;
/** The bytes of the quota all synced notes together may take; the notes edited longest ago stay out first. */
export const NOTES_BUDGET_BYTES = 24 * 1024;

/** The synced part of a paper's state: what core/reader-state-merge merges. */
export interface SyncedState {
  starredAt?: number;
  starStamp?: string;
  readAt?: number;
  readStamp?: string;
  tags?: string[];
  tagsStamp?: string;
  note?: string;
  noteStamp?: string;
}

export interface SyncEntry {
  id: string;
  state: SyncedState;
}

/** The fields in stream order: version 1 has the first two (times), version 2 all four (texts after times). */
const FIELDS = [
  { name: 'starred', valueKey: 'starredAt', stampKey: 'starStamp', text: false },
  { name: 'read', valueKey: 'readAt', stampKey: 'readStamp', text: false },
  { name: 'tags', valueKey: 'tags', stampKey: 'tagsStamp', text: true },
  { name: 'note', valueKey: 'note', stampKey: 'noteStamp', text: true },
] as const;
type Field = (typeof FIELDS)[number];
const fieldCount = (version: number): number => (version === 1 ? 2 : FIELDS.length);

const KIND_STAMP_SAME_DATE = 0;
const KIND_STAMP_OTHER_DATE = 1;
const KIND_TOMBSTONE = 2;
const KIND_LEGACY = 3;

/** Times of ids that are not arXiv ids are coded against 2020-01-01. */
const OTHER_BASE = Date.UTC(2020, 0, 1);
const MAX_ID_LENGTH = 200;

const CATEGORIES = ['id', 'firstSec', 'firstMs', 'nextSec', 'nextMs', 'date'] as const;
type Category = (typeof CATEGORIES)[number];
type Orders = Record<Category, number>;

/** Thrown by decode for an item written by a newer Paper Lens: this browser must not overwrite it. */
export class SyncFormatError extends Error {}

// ---- ids ---------------------------------------------------------------------------------------------------

const ARXIV = /^(\d{2})(\d{2})\.(\d{4,5})$/;

/** yymm * 100000 + number for a modern arXiv id written as arXiv writes it; undefined for any other id. */
export function packArxivId(id: string): number | undefined {
  const match = ARXIV.exec(id);
  if (!match) return undefined;
  const yymm = Number(match[1]) * 100 + Number(match[2]);
  const month = Number(match[2]);
  if (month < 1 || month > 12 || yymm < 704) return undefined;
  // Four-digit numbers until 2014, five from 2015: any other spelling stays text so it comes back unchanged.
  if (match[3]!.length !== (yymm < 1501 ? 4 : 5)) return undefined;
  return yymm * 100_000 + Number(match[3]);
}

export function unpackArxivId(packed: number): string {
  const yymm = Math.floor(packed / 100_000);
  const number = packed % 100_000;
  return `${String(yymm).padStart(4, '0')}.${String(number).padStart(yymm < 1501 ? 4 : 5, '0')}`;
}

function monthStart(packed: number): number {
  const yymm = Math.floor(packed / 100_000);
  return Date.UTC(2000 + Math.floor(yymm / 100), (yymm % 100) - 1, 1);
}

// ---- one entry ---------------------------------------------------------------------------------------------

interface Sink {
  bits(value: number, count: number): void;
  code(value: number, category: Category | 'small'): void;
}

interface FieldInfo {
  kind: number;
  stamp?: HlcParts;
  date?: number;
  /** The UTF-8 bytes of a text field's value (tags joined by commas). */
  text?: Uint8Array;
}

interface Prepared {
  id: string;
  packed: number | undefined;
  state: SyncedState;
  /** fieldKind of each field, worked out once. */
  fields: Array<FieldInfo | undefined>;
}

const utf8 = new TextEncoder();

/** A text field (tags, note): only with a stamp (they came with stamps); empty counts as cleared. */
function textKind(state: SyncedState, field: Field): FieldInfo | undefined {
  const rawStamp = state[field.stampKey];
  const stamp = typeof rawStamp === 'string' ? decodeStamp(rawStamp) : undefined;
  if (!stamp || stamp.device.length > 63) return undefined;
  const value = state[field.valueKey];
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  return text === '' ? { kind: KIND_TOMBSTONE, stamp } : { kind: KIND_STAMP_SAME_DATE, stamp, text: utf8.encode(text) };
}

function fieldKind(state: SyncedState, field: Field): FieldInfo | undefined {
  if (field.text) return textKind(state, field);
  const value = state[field.valueKey];
  const date = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : undefined;
  const rawStamp = state[field.stampKey];
  const stamp = typeof rawStamp === 'string' ? decodeStamp(rawStamp) : undefined;
  if (stamp && stamp.device.length > 63) return date === undefined ? undefined : { kind: KIND_LEGACY, date };
  if (stamp) {
    if (date === undefined) return { kind: KIND_TOMBSTONE, stamp };
    return { kind: date === stamp.wall ? KIND_STAMP_SAME_DATE : KIND_STAMP_OTHER_DATE, stamp, date };
  }
  return date === undefined ? undefined : { kind: KIND_LEGACY, date };
}

function writeTime(sink: Sink, time: number, ref: number, first: boolean): void {
  if (ref % 1000 === 0) {
    const whole = time % 1000 === 0;
    sink.bits(whole ? 1 : 0, 1);
    if (whole) {
      sink.code(zigzag((time - ref) / 1000), first ? 'firstSec' : 'nextSec');
      return;
    }
  }
  sink.code(zigzag(time - ref), first ? 'firstMs' : 'nextMs');
}

function readTime(reader: BitReader, ref: number, first: boolean, orders: Orders): number {
  if (ref % 1000 === 0 && reader.read(1) === 1) return ref + 1000 * unzig(reader.readExpGolomb(orders[first ? 'firstSec' : 'nextSec']));
  return ref + unzig(reader.readExpGolomb(orders[first ? 'firstMs' : 'nextMs']));
}

const unzig = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** Writes the fields of one entry; returns the bits each present field took (by field index). */
function writeFields(sink: Sink & { readonly count: number }, entry: Prepared, devices: Map<string, number>): number[] {
  const fields = entry.fields;
  // Which fields are present: starred and read, then whether any text field is, and if so which.
  sink.bits((fields[0] ? 2 : 0) | (fields[1] ? 1 : 0), 2);
  const texts = (fields[2] ? 2 : 0) | (fields[3] ? 1 : 0);
  sink.bits(texts === 0 ? 0 : 1, 1);
  if (texts !== 0) sink.bits(texts, 2);
  const costs: number[] = [];
  let anchor: number | undefined;
  const base = entry.packed !== undefined ? monthStart(entry.packed) : OTHER_BASE;
  fields.forEach((field, i) => {
    if (!field) return;
    const before = sink.count;
    sink.bits(field.kind, 2);
    const time = field.stamp ? field.stamp.wall : field.date!;
    writeTime(sink, time, anchor ?? base, anchor === undefined);
    anchor ??= time;
    if (field.stamp) {
      sink.code(field.stamp.counter, 'small');
      sink.code(devices.get(field.stamp.device) ?? 0, 'small');
      if (field.kind === KIND_STAMP_OTHER_DATE) sink.code(zigzag(field.date! - field.stamp.wall), 'date');
    }
    if (field.text) {
      sink.code(field.text.length, 'small');
      for (const byte of field.text) sink.bits(byte, 8);
    }
    costs[i] = sink.count - before;
  });
  return costs;
}

const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

function readText(reader: BitReader): string {
  const length = reader.readExpGolomb(0);
  const bytes = new Uint8Array(length);
  for (let b = 0; b < length; b++) bytes[b] = reader.read(8);
  return fromUtf8.decode(bytes);
}

function readFields(reader: BitReader, base: number, devices: string[], orders: Orders, version: number): SyncedState {
  const count = fieldCount(version);
  let mask = reader.read(2) << 2;
  if (version > 1 && reader.read(1) === 1) {
    const texts = reader.read(2);
    if (texts === 0) throw new RangeError('A synced paper says it has text fields and has none.');
    mask |= texts;
  }
  mask >>= FIELDS.length - count;
  if (mask === 0) throw new RangeError('A synced paper has no field.');
  const state: Record<string, unknown> = {};
  let anchor: number | undefined;
  FIELDS.slice(0, count).forEach((field, i) => {
    if (!(mask & (1 << (count - 1 - i)))) return;
    const kind = reader.read(2);
    const time = readTime(reader, anchor ?? base, anchor === undefined, orders);
    anchor ??= time;
    if (field.text) {
      if (kind !== KIND_STAMP_SAME_DATE && kind !== KIND_TOMBSTONE) throw new RangeError('A synced text field has an unknown kind.');
      const counter = reader.readExpGolomb(0);
      const device = devices[reader.readExpGolomb(0)];
      if (device === undefined) throw new RangeError('A synced stamp names an unknown device.');
      state[field.stampKey] = encodeStamp({ wall: time, counter, device });
      if (kind === KIND_STAMP_SAME_DATE) {
        const text = readText(reader);
        state[field.valueKey] = field.name === 'tags' ? text.split(',') : text;
      }
      return;
    }
    if (kind === KIND_LEGACY) {
      state[field.valueKey] = time;
      return;
    }
    const counter = reader.readExpGolomb(0);
    const device = devices[reader.readExpGolomb(0)];
    if (device === undefined) throw new RangeError('A synced stamp names an unknown device.');
    state[field.stampKey] = encodeStamp({ wall: time, counter, device });
    if (kind === KIND_STAMP_SAME_DATE) state[field.valueKey] = time;
    if (kind === KIND_STAMP_OTHER_DATE) state[field.valueKey] = time + unzig(reader.readExpGolomb(orders.date));
  });
  return state as SyncedState;
}

// ---- sinks ---------------------------------------------------------------------------------------------------

const NO_VALUES: Record<Category, number[]> = { id: [], firstSec: [], firstMs: [], nextSec: [], nextMs: [], date: [] };

/** Collects the values of each category (to choose the code orders) and counts bits with given orders. */
class CountingSink implements Sink {
  count = 0;
  readonly values: Record<Category, number[]>;
  constructor(private readonly orders?: Orders) {
    this.values = orders ? NO_VALUES : { id: [], firstSec: [], firstMs: [], nextSec: [], nextMs: [], date: [] };
  }
  bits(_value: number, count: number): void {
    this.count += count;
  }
  code(value: number, category: Category | 'small'): void {
    if (category === 'small') {
      this.count += expGolombBits(value, 0);
      return;
    }
    if (this.orders) this.count += expGolombBits(value, this.orders[category]);
    else this.values[category].push(value);
  }
}

class WritingSink implements Sink {
  constructor(readonly writer: BitWriter, private readonly orders: Orders) {}
  get count(): number {
    return this.writer.bits;
  }
  bits(value: number, count: number): void {
    this.writer.write(value, count);
  }
  code(value: number, category: Category | 'small'): void {
    this.writer.writeExpGolomb(value, category === 'small' ? 0 : this.orders[category]);
  }
}

/** The Exp-Golomb order that codes these values in the fewest bits (from a histogram of their bit lengths). */
function bestOrder(values: number[]): number {
  if (values.length === 0) return 0;
  const lengths = new Array<number>(64).fill(0);
  for (const value of values) lengths[value === 0 ? 0 : Math.floor(Math.log2(value)) + 1]!++;
  let best = 0;
  let bestBits = Infinity;
  for (let k = 0; k < 54; k++) {
    let bits = 0;
    lengths.forEach((count, length) => { bits += count * (2 * Math.max(length - k, 0) + 1 + k); });
    if (bits < bestBits) {
      best = k;
      bestBits = bits;
    }
  }
  return best;
}

// ---- encode ------------------------------------------------------------------------------------------------

export interface EncodeOptions {
  /** Bytes the marks may take in all (the rest of the quota is for settings and the format item). */
  budgetBytes?: number;
  /** Bytes the notes may take of that (NOTES_BUDGET_BYTES). */
  notesBudgetBytes?: number;
  /** Bytes one item may take. */
  itemBytes?: number;
  maxItems?: number;
}

export interface LeftOut {
  /** Read marks (and un-reads) not synced: the oldest first. */
  read: number;
  /** Stars not synced: only when everything else is already out. */
  starred: number;
  /** Tombstones of stars not synced. */
  unstarred: number;
  /** Notes (or clearings of notes) not synced: too long, over the notes' budget, or for lack of room. */
  notes?: number;
  /** Of those, notes over MAX_SYNCED_NOTE_BYTES. */
  longNotes?: number;
  /** Tag lists (or clearings of them) not synced. */
  tags?: number;
}

export interface Encoded {
  /** Item key -> value, to be the whole `marks.*` part of the sync area. */
  items: Record<string, string>;
  /** Papers in the items. */
  papers: number;
  leftOut: LeftOut;
  /** Bytes the items take as the browsers count them. */
  bytes: number;
  /** The tombstones the items hold: [paper id, field name, stamp], as a reader decodes them. */
  tombstones: Array<[string, string, string]>;
}

/** The bytes of the quota the marks may use by default: the rest holds settings and the format item. */
export const MARKS_BUDGET_BYTES = SYNC_LIMITS.quotaBytes - 4096;

const NOTE_INDEX = FIELDS.findIndex((field) => field.name === 'note');

/** Leaves out the notes that never sync (too long) and those past the notes' budget, edited longest ago first. */
function budgetNotes(entries: Prepared[], budgetBytes: number, leftOut: LeftOut): void {
  const withNotes = entries.filter((entry) => entry.fields[NOTE_INDEX]);
  for (const entry of withNotes) {
    if ((entry.fields[NOTE_INDEX]!.text?.length ?? 0) > MAX_SYNCED_NOTE_BYTES) {
      entry.fields[NOTE_INDEX] = undefined;
      leftOut.notes = (leftOut.notes ?? 0) + 1;
      leftOut.longNotes = (leftOut.longNotes ?? 0) + 1;
    }
  }
  const newestFirst = withNotes.filter((entry) => entry.fields[NOTE_INDEX]).sort((a, b) => compareParts(b.fields[NOTE_INDEX]!.stamp!, a.fields[NOTE_INDEX]!.stamp!));
  let used = 0;
  for (const entry of newestFirst) {
    // About what the note costs in the items: its bytes as base64 characters, plus its stamp.
    used += Math.ceil(((entry.fields[NOTE_INDEX]!.text?.length ?? 0) * 8) / 6) + 8;
    if (used <= budgetBytes) continue;
    entry.fields[NOTE_INDEX] = undefined;
    leftOut.notes = (leftOut.notes ?? 0) + 1;
  }
}

function compareParts(a: HlcParts, b: HlcParts): number {
  return a.wall - b.wall || a.counter - b.counter || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
}

function prepare(entries: Iterable<SyncEntry>, notesBudget: number, leftOut: LeftOut): Prepared[] {
  const byId = new Map<string, Prepared>();
  for (const entry of entries) {
    if (typeof entry.id !== 'string' || entry.id === '') continue;
    const state = entry.state;
    const fields = FIELDS.map((field) => fieldKind(state, field));
    if (!fields.some(Boolean)) continue;
    // No paper id is this long; such a string would only crowd out real marks.
    if (entry.id.length > MAX_ID_LENGTH) continue;
    byId.set(entry.id, { id: entry.id, packed: packArxivId(entry.id), state, fields });
  }
  const prepared = [...byId.values()];
  budgetNotes(prepared, notesBudget, leftOut);
  return prepared.filter((entry) => entry.fields.some(Boolean)).map((entry) => ({ ...entry, state: stateOf(entry) })).sort((a, b) => {
    if (a.packed !== undefined && b.packed !== undefined) return a.packed - b.packed;
    if (a.packed !== undefined) return -1;
    if (b.packed !== undefined) return 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

function deviceTable(entries: Prepared[]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const entry of entries) {
    for (const field of entry.fields) {
      const stamp = field?.stamp;
      if (stamp) uses.set(stamp.device, (uses.get(stamp.device) ?? 0) + 1);
    }
  }
  const ordered = [...uses.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([device]) => device);
  return new Map(ordered.map((device, i) => [device, i]));
}

function writeHeader(writer: BitWriter, devices: Map<string, number>, orders: Orders, numeric: number, other: number): void {
  writer.writeExpGolomb(devices.size, 0);
  for (const device of devices.keys()) {
    writer.writeExpGolomb(device.length, 0);
    for (const char of device) writer.write(ALPHABET.indexOf(char), 6);
  }
  for (const category of CATEGORIES) writer.write(orders[category], 6);
  writer.writeExpGolomb(numeric, 0);
  writer.writeExpGolomb(other, 0);
}

function writeOtherId(sink: Sink, id: string): void {
  const bytes = new TextEncoder().encode(id);
  sink.code(bytes.length, 'small');
  for (const byte of bytes) sink.bits(byte, 8);
}

/** Bits of each entry (given the previous entry's packed id) and of each of its fields. */
function measure(entries: Prepared[], devices: Map<string, number>, orders: Orders): Array<{ bits: number; fieldBits: number[] }> {
  let previous = 0;
  return entries.map((entry) => {
    const sink = new CountingSink(orders);
    if (entry.packed !== undefined) {
      sink.code(entry.packed - previous, 'id');
      previous = entry.packed;
    } else writeOtherId(sink, entry.id);
    const fieldBits = writeFields(sink, entry, devices);
    return { bits: sink.count, fieldBits };
  });
}

function chooseOrders(entries: Prepared[], devices: Map<string, number>): Orders {
  const sink = new CountingSink();
  let previous = 0;
  for (const entry of entries) {
    if (entry.packed !== undefined) {
      sink.code(entry.packed - previous, 'id');
      previous = entry.packed;
    }
    writeFields(sink, entry, devices);
  }
  const orders = {} as Orders;
  for (const category of CATEGORIES) orders[category] = bestOrder(sink.values[category]);
  return orders;
}

/** The synced state of an entry: only the fields it still carries. */
function stateOf(entry: Prepared): SyncedState {
  const state: Record<string, unknown> = {};
  FIELDS.forEach((field, i) => {
    if (!entry.fields[i]) return;
    for (const key of [field.valueKey, field.stampKey]) if (entry.state[key] !== undefined) state[key] = entry.state[key];
  });
  return state as SyncedState;
}

/** A copy of the entry without one field (the read or star part of it). */
function without(entry: Prepared, fieldIndex: number): Prepared | undefined {
  const fields = entry.fields.map((info, i) => (i === fieldIndex ? undefined : info));
  if (!fields.some(Boolean)) return undefined;
  const next = { ...entry, fields };
  return { ...next, state: stateOf(next) };
}

/** The order fields leave in when the papers do not fit; oldest first within each. */
const EVICTION_GROUPS = ['read', 'note', 'tags', 'unstarred', 'starred'] as const;
type EvictionGroup = (typeof EVICTION_GROUPS)[number];

interface Candidate {
  entry: number;
  field: number;
  time: number;
  group: number;
}

function groupOf(field: Field, info: FieldInfo): EvictionGroup {
  if (field.name === 'starred') return info.kind === KIND_TOMBSTONE ? 'unstarred' : 'starred';
  return field.name;
}

/** What leaves first when the papers do not fit: read fields, notes, tags, star tombstones, then stars. */
function evictionOrder(entries: Prepared[]): Candidate[] {
  const candidates: Candidate[] = [];
  entries.forEach((entry, index) => {
    FIELDS.forEach((field, fieldIndex) => {
      const kind = entry.fields[fieldIndex];
      if (!kind) return;
      const time = kind.stamp ? kind.stamp.wall : kind.date!;
      candidates.push({ entry: index, field: fieldIndex, time, group: EVICTION_GROUPS.indexOf(groupOf(field, kind)) });
    });
  });
  return candidates.sort((a, b) => a.group - b.group || a.time - b.time || a.entry - b.entry);
}

function countLeftOut(leftOut: LeftOut, group: EvictionGroup): void {
  if (group === 'read') leftOut.read++;
  else if (group === 'unstarred') leftOut.unstarred++;
  else if (group === 'starred') leftOut.starred++;
  else if (group === 'note') leftOut.notes = (leftOut.notes ?? 0) + 1;
  else leftOut.tags = (leftOut.tags ?? 0) + 1;
}

function headerBits(devices: Map<string, number>, numeric: number, other: number): number {
  let bits = expGolombBits(devices.size, 0) + 6 * CATEGORIES.length + expGolombBits(numeric, 0) + expGolombBits(other, 0);
  for (const device of devices.keys()) bits += expGolombBits(device.length, 0) + 6 * device.length;
  return bits;
}

function pack(entries: Prepared[], devices: Map<string, number>, orders: Orders, itemLimit: number, sizes = measure(entries, devices, orders)): Record<string, string> {
  const items: Record<string, string> = {};
  let index = 0;
  let start = 0;
  while (start < entries.length) {
    // Grow the run while it fits (its first id is coded from zero, so that entry is measured again).
    const key = `${MARKS_PREFIX}${index}`;
    let end = start;
    let bits = 0;
    let numericCount = 0;
    for (; end < entries.length; end++) {
      const entry = entries[end]!;
      let entryBits = sizes[end]!.bits;
      if (end === start && entry.packed !== undefined) {
        const previous = start > 0 ? entries[start - 1]!.packed ?? 0 : 0;
        entryBits += expGolombBits(entry.packed, orders.id) - expGolombBits(entry.packed - previous, orders.id);
      }
      const numeric = numericCount + (entry.packed !== undefined ? 1 : 0);
      const chars = 1 + Math.ceil((headerBits(devices, numeric, end + 1 - start - numeric) + bits + entryBits) / 6);
      if (key.length + chars + 2 > itemLimit && end > start) break;
      bits += entryBits;
      numericCount = numeric;
    }
    const run = entries.slice(start, end);
    const numeric = run.filter((e) => e.packed !== undefined);
    const other = run.filter((e) => e.packed === undefined);
    const writer = new BitWriter();
    writeHeader(writer, devices, orders, numeric.length, other.length);
    const sink = new WritingSink(writer, orders);
    let previous = 0;
    for (const entry of numeric) {
      sink.code(entry.packed! - previous, 'id');
      previous = entry.packed!;
      writeFields(sink, entry, devices);
    }
    for (const entry of other) {
      writeOtherId(sink, entry.id);
      writeFields(sink, entry, devices);
    }
    items[key] = VERSION_CHAR + writer.toString();
    index++;
    start = end;
  }
  return items;
}

const sizeOf = (items: Record<string, string>): number => Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);

/**
 * Encodes the papers into `marks.*` items within the budget. Deterministic: the same states give the same
 * items on every browser, so two browsers that agree write nothing.
 */
export function encodeSyncEntries(input: Iterable<SyncEntry>, options: EncodeOptions = {}): Encoded {
  const budget = options.budgetBytes ?? MARKS_BUDGET_BYTES;
  const itemLimit = options.itemBytes ?? SYNC_LIMITS.quotaBytesPerItem;
  const maxItems = options.maxItems ?? SYNC_LIMITS.maxItems - 8;
  const leftOut: LeftOut = { read: 0, starred: 0, unstarred: 0 };
  let entries = prepare(input, options.notesBudgetBytes ?? NOTES_BUDGET_BYTES, leftOut);
  const allDevices = deviceTable(entries);
  let orders = chooseOrders(entries, allDevices);
  let sizes = measure(entries, allDevices, orders);
  let items = pack(entries, allDevices, orders, itemLimit, sizes);
  let bytes = sizeOf(items);
  // Over the budget: drop fields in eviction order, about as many bits as the excess (plus a little), and pack
  // again; a few rounds at most, since the estimate is close.
  for (let round = 0; (bytes > budget || Object.keys(items).length > maxItems) && round < 20; round++) {
    const excessBits = Math.max((bytes - budget) * 6, (Object.keys(items).length - maxItems) * itemLimit * 6) * (1.02 + round * 0.02) + 64;
    const order = evictionOrder(entries);
    const removedFields = new Map<number, Set<number>>();
    let freed = 0;
    for (const candidate of order) {
      if (freed >= excessBits) break;
      const fields = removedFields.get(candidate.entry) ?? new Set<number>();
      fields.add(candidate.field);
      removedFields.set(candidate.entry, fields);
      const size = sizes[candidate.entry]!;
      freed += size.fieldBits[candidate.field] ?? 0;
      // The last field of a paper takes its id and field mask with it.
      const present = size.fieldBits.filter((bits) => bits !== undefined).length;
      if (fields.size === present) freed += size.bits - size.fieldBits.reduce((sum, bits) => sum + (bits ?? 0), 0);
      countLeftOut(leftOut, EVICTION_GROUPS[candidate.group]!);
    }
    const next: Prepared[] = [];
    entries.forEach((entry, index) => {
      let current: Prepared | undefined = entry;
      for (const field of removedFields.get(index) ?? []) current = current && without(current, field);
      if (current) next.push(current);
    });
    entries = next;
    const devices = deviceTable(entries);
    orders = chooseOrders(entries, devices);
    sizes = measure(entries, devices, orders);
    items = pack(entries, devices, orders, itemLimit, sizes);
    bytes = sizeOf(items);
    allDevices.clear();
    for (const [device, index] of devices) allDevices.set(device, index);
  }
  const tombstones: Array<[string, string, string]> = [];
  for (const entry of entries) {
    entry.fields.forEach((info, i) => { if (info?.kind === KIND_TOMBSTONE && info.stamp) tombstones.push([entry.id, FIELDS[i]!.name, encodeStamp(info.stamp)]); });
  }
  return { items, papers: entries.length, leftOut, bytes, tombstones };
}

// ---- decode ------------------------------------------------------------------------------------------------

/** The format version of one `marks.*` item, or undefined when it is not one. */
export function itemVersion(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  return ALPHABET.indexOf(value[0]!);
}

/**
 * Decodes one `marks.*` item. Throws SyncFormatError for an item of a newer format, RangeError for a damaged one.
 */
export function decodeItem(value: unknown): SyncEntry[] {
  const version = itemVersion(value);
  if (version === undefined || version < 1) throw new RangeError('A synced item is not Paper Lens marks.');
  if (version > FORMAT_VERSION) throw new SyncFormatError('The synced marks were written by a newer Paper Lens.');
  const reader = new BitReader(value as string, 1);
  const devices: string[] = [];
  const deviceCount = reader.readExpGolomb(0);
  for (let d = 0; d < deviceCount; d++) {
    const length = reader.readExpGolomb(0);
    let device = '';
    for (let c = 0; c < length; c++) device += ALPHABET[reader.read(6)];
    devices.push(device);
  }
  const orders = {} as Orders;
  for (const category of CATEGORIES) orders[category] = reader.read(6);
  const numeric = reader.readExpGolomb(0);
  const other = reader.readExpGolomb(0);
  const entries: SyncEntry[] = [];
  let previous = 0;
  for (let i = 0; i < numeric; i++) {
    const packed = previous + reader.readExpGolomb(orders.id);
    previous = packed;
    entries.push({ id: unpackArxivId(packed), state: readFields(reader, monthStart(packed), devices, orders, version) });
  }
  const decoder = new TextDecoder();
  for (let i = 0; i < other; i++) {
    const length = reader.readExpGolomb(0);
    const bytes = new Uint8Array(length);
    for (let b = 0; b < length; b++) bytes[b] = reader.read(8);
    entries.push({ id: decoder.decode(bytes), state: readFields(reader, OTHER_BASE, devices, orders, version) });
  }
  return entries;
}

export interface Decoded {
  entries: SyncEntry[];
  /** Keys of items that could not be read (damaged); the rest decoded. */
  damaged: string[];
  /** Whether an item of a newer format was found: this browser must not write marks then. */
  newerFormat: boolean;
}

/** Decodes every `marks.*` item of a sync area's contents. Items never throw: damaged ones are listed. */
export function decodeSyncItems(items: Record<string, unknown>): Decoded {
  const entries: SyncEntry[] = [];
  const damaged: string[] = [];
  let newerFormat = false;
  for (const [key, value] of Object.entries(items)) {
    // An emptied item (no longer used by the writer's layout) holds nothing.
    if (!key.startsWith(MARKS_PREFIX) || value === '') continue;
    try {
      entries.push(...decodeItem(value));
    } catch (error) {
      if (error instanceof SyncFormatError) newerFormat = true;
      else damaged.push(key);
    }
  }
  return { entries, damaged, newerFormat };
}
