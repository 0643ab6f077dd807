/**
 * Sync through the browser's own `storage.sync` (carried by Chrome Sync or Firefox Sync): off by default. When
 * on, the starred and read state, tags and note of every paper (with the stamps of their changes, tombstones
 * included) and the settings are kept in the sync area in the compact form of core/sync/codec, and every browser
 * merges what it finds there into its own store, field by field (core/reader-state-merge), then writes back the
 * merged whole when that differs. The sync area holds one shared copy; two browsers writing at once cannot lose
 * a change, since each keeps its own in its store and writes it again after merging the other's, and a write
 * worked out before another browser's items arrived is merged again instead (the writer's basis check). Each
 * browser's item `device.<id>` acknowledges what it merged; tombstones every browser acknowledged leave the
 * synced copy (core/sync/devices).
 *
 * What is seen (sightings, listings, counts) never travels: only reader state and settings.
 */
import type { HybridClock } from '../../core/hlc';
import { compareStamps, isStamp } from '../../core/hlc';
import { checkNote, checkTags } from '../../core/annotations';
import { mergeReaderState, READER_FIELDS, readerStateOf, stampsOf, type ReaderState } from '../../core/reader-state-merge';
import { canonicalJson, type SyncArea, type SyncChanges } from '../../core/sync/area';
import { decodeSyncItems, encodeSyncEntries, FORMAT_VERSION, MARKS_BUDGET_BYTES, MARKS_PREFIX, type LeftOut, type SyncEntry } from '../../core/sync/codec';
import { SYNC_LIMITS, itemBytes } from '../../core/sync/limits';
import { addCompacted, compactable, DEVICE_PREFIX, devicesOf, marksFingerprint, SEEN_GRAIN_MS, stampTime, tombstonesOf, withoutCompacted, type Compacted, type DeviceItem, type SyncedDevice, type Tombstone } from '../../core/sync/devices';
import type { SyncStatus } from '../../core/sync/status';

export type { SyncStatus };
import { normaliseSettings, type Settings } from '../../core/settings';
import { normaliseId } from '../../core/ids';
import type { PaperIndexRow, StoredPaper } from '../db/db';
import { indexRowOf, newStoredPaper, touch } from '../db/derive';
import type { Store } from '../store';
import { RequestFailure } from '../api/request-failure';
import { SyncWriter, type WriterState } from './writer';
import type { WritePolicy } from '../../core/sync/write-budget';

export const SETTINGS_ITEM = 'settings';
export const FORMAT_ITEM = 'format';
const CONFIG_KEY = 'syncConfig';
const TOMBSTONES_KEY = 'syncTombstones';
const WRITES_KEY = 'syncWrites';
const SETTINGS_STAMP_KEY = 'settingsStamp';
/** What the last merge left: the fingerprint of the synced items then, and whether local changes wait since. */
const MARK_KEY = 'syncMark';
/** What the last merge left out of sync, for the options page of a worker that has not merged since it woke. */
const LEFT_OUT_KEY = 'syncLeftOut';

/** What this browser last acknowledged, newest first: the fingerprints of the marks it merged and wrote, and their tombstones. */
const ACK_KEY = 'syncAck';
/** Tombstones compacted here (core/sync/devices): not advertised again unless the area holds that field. */
const COMPACTED_KEY = 'syncCompacted';
/** The fingerprint of the marks whose tombstones this browser compacted last (kept in its device item). */
const DROPPED_KEY = 'syncDropped';

/** The last acknowledgements remembered: another browser may compact marks this one acknowledged a merge ago. */
const ACKS_KEPT = 4;

type Dropped = Pick<DeviceItem, 'dropped' | 'droppedBefore'>;

interface AckRecord {
  fp: string;
  tombstones: Tombstone[];
}

/** Whether a key of the sync area is one Paper Lens writes (any browser's device item included). */
export const ownsSyncKey = (key: string): boolean => key.startsWith(MARKS_PREFIX) || key.startsWith(DEVICE_PREFIX) || key === SETTINGS_ITEM || key === FORMAT_ITEM;

export interface SyncEngineDeps {
  store: Store;
  area: SyncArea;
  clock: () => Promise<HybridClock>;
  /** Papers whose state a remote change altered: the open tabs update their marks. */
  onPapersChanged(ids: string[]): void;
  onSettingsChanged(settings: Settings): void;
  onStatus(status: SyncStatus): void;
  now?: () => number;
  /** The write budget (tests use a shorter gap). */
  policy?: WritePolicy;
  /** How the options pages of the other browsers name this one ("Chrome on Linux"). */
  deviceName?: string;
}

/** How long changes gather before the engine merges and writes: a remote change, a local one, an import. */
export const SYNC_DELAYS = { remoteMs: 30, localMs: 1_000, bulkMs: 4_000, wakeMs: 1_500 } as const;

interface SyncMark {
  remote: string;
  dirty: boolean;
}

/** A cheap fingerprint of Paper Lens's items in the sync area (FNV-1a over their JSON, keys in order). */
export function fingerprint(items: Record<string, unknown>): string {
  let hash = 0x811c9dc5;
  for (const key of Object.keys(items).filter(ownsSyncKey).sort()) {
    const text = `${key}=${canonicalJson(items[key])};`;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  }
  return (hash >>> 0).toString(36);
}

interface SettingsItem {
  settings: Settings;
  stamp: string;
}

export class SyncEngine {
  private enabled = false;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private running: Promise<void> | null = null;
  private again = false;
  private budget: number = MARKS_BUDGET_BYTES;
  private wantedMark: string | null = null;
  /** This browser's device item key, known once the clock is (the writer owns it, not other browsers' items). */
  private deviceKey: string | undefined;
  private devices: SyncedDevice[] = [];
  /** Whether this worker merged since it started (its status counts are then its own). */
  private merged = false;
  private readonly writer: SyncWriter;
  private readonly now: () => number;
  private status: SyncStatus = { enabled: false, state: 'off', papers: 0, leftOut: { read: 0, starred: 0, unstarred: 0 }, bytes: 0, quotaBytes: SYNC_LIMITS.quotaBytes };

  constructor(private readonly deps: SyncEngineDeps) {
    this.now = deps.now ?? Date.now;
    const kv = deps.store.db.kv;
    this.writer = new SyncWriter({
      area: deps.area,
      now: this.now,
      owns: (key) => (key.startsWith(DEVICE_PREFIX) ? key === this.deviceKey : ownsSyncKey(key)),
      loadWrites: async () => ((await kv.get(WRITES_KEY))?.value as number[] | undefined) ?? [],
      saveWrites: async (times) => { await kv.put({ key: WRITES_KEY, value: times }); },
      // Refused for the quota (the browser counts differently than expected): encode again with less room.
      onQuota: () => {
        this.budget = Math.floor(this.budget * 0.9);
        this.schedule(0);
      },
      onState: (state) => this.writerState(state),
      fingerprint,
      onStale: () => this.schedule(0),
      ...(deps.policy ? { policy: deps.policy } : {}),
    });
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Reads the switch (after the database opened) and, when on, listens and brings both sides in step. */
  async start(): Promise<void> {
    const kv = this.deps.store.db.kv;
    const config = (await kv.get(CONFIG_KEY))?.value as { on?: boolean } | undefined;
    if (config?.on !== true || this.enabled) return;
    // A worker wakes for every listing: merge only when the synced items changed or local changes wait, and
    // after the first requests had their turn.
    const [mark, items] = await Promise.all([kv.get(MARK_KEY).then((row) => row?.value as SyncMark | undefined), this.deps.area.get(null)]);
    const inStep = mark !== undefined && !mark.dirty && mark.remote === fingerprint(items);
    this.turnOn(inStep ? undefined : SYNC_DELAYS.wakeMs);
  }

  async setEnabled(on: boolean): Promise<SyncStatus> {
    await this.deps.store.db.kv.put({ key: CONFIG_KEY, value: { on } });
    if (on && !this.enabled) {
      // The first browser to sync brings its settings; one joining later takes the synced ones (it has no stamp).
      const remote = await this.deps.area.get([SETTINGS_ITEM]);
      if (remote[SETTINGS_ITEM] === undefined) {
        await this.deps.store.db.kv.put({ key: SETTINGS_STAMP_KEY, value: (await this.deps.clock()).next() });
      }
      this.turnOn(0);
      await this.syncNow();
    }
    if (!on && this.enabled) {
      this.stop();
      this.setStatus({ ...this.status, enabled: false, state: 'off' });
    }
    return this.currentStatus();
  }

  /** Stops listening and writing, leaving the switch as it is (a worker going away; tests). */
  stop(): void {
    this.enabled = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.writer.cancel();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  /** The status, with the bytes Paper Lens's items take in the sync area now (also when sync is off). */
  async currentStatus(): Promise<SyncStatus> {
    const items = await this.deps.area.get(null).catch(() => ({}));
    const bytes = Object.entries(items).filter(([key]) => ownsSyncKey(key)).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
    if (!this.enabled) {
      const decoded = decodeSyncItems(items);
      this.status = { ...this.status, enabled: false, state: 'off', bytes, papers: new Set(decoded.entries.map((entry) => entry.id)).size };
    } else if (!this.merged) {
      // A worker that woke in step has not merged: the counts come from the synced items and the last merge.
      const decoded = decodeSyncItems(items);
      const leftOut = (await this.deps.store.db.kv.get(LEFT_OUT_KEY))?.value as LeftOut | undefined;
      this.status = { ...this.status, bytes, papers: new Set(decoded.entries.map((entry) => entry.id)).size, ...(leftOut ? { leftOut } : {}) };
    }
    if (this.enabled) this.status = { ...this.status, devices: devicesOf(items, (await this.deps.clock()).device, this.now()) };
    return this.status;
  }

  /** Removes every item Paper Lens put in the sync area (one write). Other browsers keep their own data. */
  async removeRemote(): Promise<number> {
    const items = await this.deps.area.get(null);
    const keys = Object.keys(items).filter(ownsSyncKey);
    if (keys.length > 0) await this.deps.area.remove(keys);
    this.writer.cancel();
    return keys.length;
  }

  /**
   * Forgets another browser: its device item leaves the sync area (one write), so compaction no longer waits for
   * it, and the engine merges again. This browser cannot be forgotten here (turn sync off instead).
   */
  async forgetDevice(id: string): Promise<SyncStatus> {
    const self = (await this.deps.clock()).device;
    if (id === self) throw new RequestFailure('invalid', 'This browser cannot forget itself; turn sync off here instead.');
    await this.deps.area.remove([`${DEVICE_PREFIX}${id}`]);
    this.devices = this.devices.filter((device) => device.id !== id);
    this.setStatus({ ...this.status, devices: this.devices });
    if (this.enabled) await this.syncNow();
    return this.currentStatus();
  }

  /** Local reader state changed (a star, a read, an undo): merged and written shortly, in one batch. */
  noteLocalChange(ids: readonly string[], bulk = false): void {
    if (!this.enabled) return;
    this.markDirty();
    if (ids.length > 0) void this.rememberTombstones(ids, true).catch(() => undefined);
    this.schedule(bulk ? SYNC_DELAYS.bulkMs : SYNC_DELAYS.localMs);
  }

  /** The settings changed here: they get a new stamp, so they win over older synced settings. */
  async noteSettingsChanged(): Promise<void> {
    if (!this.enabled) return;
    const clock = await this.deps.clock();
    this.markDirty();
    await this.deps.store.db.kv.put({ key: SETTINGS_STAMP_KEY, value: clock.next() });
    this.schedule(SYNC_DELAYS.localMs);
  }

  /**
   * Every paper's reader state becomes "not starred, not read" with a new stamp, so the other browsers clear
   * theirs too when they merge (their seen history stays). Used by "clear all data" when asked to clear the
   * synced copy as well; written at once.
   */
  async clearEverywhere(): Promise<void> {
    if (!this.enabled) return;
    const remote = decodeSyncItems(await this.deps.area.get(null));
    const clock = await this.deps.clock();
    const entries: SyncEntry[] = remote.entries.map((entry) => {
      const state: Record<string, unknown> = {};
      for (const field of READER_FIELDS) {
        if (field.valueKeys.some((key) => entry.state[key] !== undefined) || entry.state[field.stampKey] !== undefined) state[field.stampKey] = clock.next();
      }
      return { id: entry.id, state: state as ReaderState };
    });
    await this.applyRemote(entries);
    await this.deps.store.db.kv.put({ key: TOMBSTONES_KEY, value: entries.map((entry) => entry.id) });
    await this.syncNow();
  }

  /** A change in the sync area: another device's (merged soon) or the echo of this one's own write (ignored). */
  onAreaChanged(changes: SyncChanges): void {
    if (!this.enabled) return;
    const ours = Object.entries(changes).filter(([key]) => ownsSyncKey(key));
    if (ours.length === 0) return;
    const echo = ours.every(([key, change]) => this.writer.written.get(key) === canonicalJson(change.newValue));
    if (echo) return;
    this.status = { ...this.status, lastReceivedAt: this.now() };
    this.schedule(SYNC_DELAYS.remoteMs);
  }

  /** Merges and writes now (turning on, a restore finished, tests); resolves once merged and the write queued. */
  async syncNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    await this.run();
  }

  /** Resolves once no merge runs and no write is being made. */
  async settled(): Promise<void> {
    // A write found stale asks for a new merge, so the engine is idle only when both are, one after the other.
    do {
      while (this.running || this.timer !== undefined) {
        if (this.running) await this.running;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await this.writer.settled();
    } while (this.running || this.timer !== undefined);
  }

  private turnOn(mergeAfterMs: number | undefined): void {
    this.enabled = true;
    this.unsubscribe ??= this.deps.area.onChanged((changes) => this.onAreaChanged(changes));
    this.setStatus({ ...this.status, enabled: true, state: 'idle' });
    if (mergeAfterMs !== undefined) this.schedule(mergeAfterMs);
  }

  private markDirty(): void {
    void this.deps.store.db.kv.put({ key: MARK_KEY, value: { remote: '', dirty: true } satisfies SyncMark }).catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (!this.enabled) return;
    const at = this.now() + delayMs;
    if (this.timer !== undefined && this.timerAt <= at) {
      // An earlier run is due: a later change (local) only pushes it back when it is a bulk one.
      if (delayMs < SYNC_DELAYS.bulkMs) return;
    }
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.run().catch(() => undefined);
    }, delayMs);
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      await this.running;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.reconcile();
      } while (this.again && this.enabled);
    })().finally(() => { this.running = null; });
    await this.running;
  }

  /** Merge the sync area into the store, then want the merged whole written back. */
  private async reconcile(): Promise<void> {
    if (!this.enabled) return;
    const remote = await this.deps.area.get(null);
    const decoded = decodeSyncItems(remote);
    decoded.entries = decoded.entries.map(checkedEntry);
    const format = remote[FORMAT_ITEM] as { v?: unknown } | undefined;
    const newer = decoded.newerFormat || (typeof format?.v === 'number' && format.v > FORMAT_VERSION);
    const changedIds = await this.applyRemote(decoded.entries);
    await this.applyRemoteSettings(remote[SETTINGS_ITEM]);
    if (changedIds.length > 0) this.deps.onPapersChanged(changedIds);
    if (newer) {
      // A newer Paper Lens wrote these items: what it can read was merged, and nothing is written over them.
      this.writer.cancel();
      this.setStatus({ ...this.status, state: 'newer-format', message: 'Another browser syncs with a newer version of Paper Lens. Update Paper Lens here to keep syncing.' });
      return;
    }
    const self = (await this.deps.clock()).device;
    this.deviceKey = `${DEVICE_PREFIX}${self}`;
    const devices = devicesOf(remote, self, this.now());
    const { dropped, compactingNow } = await this.compact(decoded.entries, devices, marksFingerprint(remote));
    const compacted = ((await this.deps.store.db.kv.get(COMPACTED_KEY))?.value as Compacted | undefined) ?? {};
    const entries = withoutCompacted(await this.mergedEntries(decoded.entries), compacted, decoded.entries, compactingNow);
    const encoded = encodeSyncEntries(entries, { budgetBytes: this.budget });
    const wanted: Record<string, unknown> = { ...encoded.items, [FORMAT_ITEM]: { v: FORMAT_VERSION } };
    const settingsItem = await this.localSettingsItem();
    if (settingsItem) wanted[SETTINGS_ITEM] = settingsItem;
    // This browser has merged what it writes: it acknowledges those marks (in the same write).
    const ack: AckRecord = { fp: marksFingerprint(encoded.items), tombstones: encoded.tombstones };
    const acks = ((await this.deps.store.db.kv.get(ACK_KEY))?.value as AckRecord[] | undefined) ?? [];
    await this.deps.store.db.kv.put({ key: ACK_KEY, value: [ack, ...acks.filter((earlier) => earlier.fp !== ack.fp)].slice(0, ACKS_KEPT) });
    const deviceItem: DeviceItem = { seen: Math.floor(this.now() / SEEN_GRAIN_MS) * SEEN_GRAIN_MS, ack: ack.fp, ...(dropped ?? {}), ...(this.deps.deviceName ? { name: this.deps.deviceName } : {}) };
    wanted[this.deviceKey] = deviceItem;
    this.devices = devicesOf({ ...remote, [this.deviceKey]: deviceItem }, self, this.now());
    const bytes = Object.entries(wanted).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
    this.merged = true;
    void this.deps.store.db.kv.put({ key: LEFT_OUT_KEY, value: encoded.leftOut }).catch(() => undefined);
    this.setStatus({ ...this.status, papers: encoded.papers, leftOut: encoded.leftOut, bytes, devices: this.devices });
    this.wantedMark = fingerprint(wanted);
    this.writer.want(wanted, 0, fingerprint(remote));
  }

  /**
   * Tombstone compaction (core/sync/devices), before the merged whole is worked out: when another browser
   * compacted the marks this one last acknowledged, the same tombstones stop being advertised here; when every
   * browser waited for acknowledges the marks the area holds, their tombstones leave, and this browser says so.
   * Answers the fingerprint of the marks compacted last (kept in the device item) and the tombstones leaving now.
   */
  private async compact(remote: SyncEntry[], devices: SyncedDevice[], marks: string): Promise<{ dropped: Dropped | undefined; compactingNow: Tombstone[] }> {
    const { kv } = this.deps.store.db;
    const [ackRow, compactedRow, droppedRow] = await Promise.all([kv.get(ACK_KEY), kv.get(COMPACTED_KEY), kv.get(DROPPED_KEY)]);
    const acks = (ackRow?.value as AckRecord[] | undefined) ?? [];
    const compacted = (compactedRow?.value as Compacted | undefined) ?? {};
    let dropped = droppedRow?.value as Dropped | undefined;
    const gone: Tombstone[] = [];
    for (const ack of acks) {
      for (const device of devices) {
        if (device.self || device.dropped !== ack.fp) continue;
        const before = device.droppedBefore ?? Infinity;
        const same = ack.tombstones.filter(([, , stamp]) => stampTime(stamp) < before);
        if (addCompacted(compacted, same)) gone.push(...same);
      }
    }
    const compaction = compactable(devices, marks, tombstonesOf(remote), this.now());
    const compactingNow = compaction.tombstones;
    if (compactingNow.length > 0) {
      addCompacted(compacted, compactingNow);
      gone.push(...compactingNow);
      dropped = { dropped: marks, ...(compaction.before !== undefined ? { droppedBefore: compaction.before } : {}) };
      await kv.put({ key: DROPPED_KEY, value: dropped });
    }
    if (gone.length === 0) return { dropped, compactingNow };
    await kv.put({ key: COMPACTED_KEY, value: compacted });
    await this.forgetTombstones(gone, compacted);
    return { dropped, compactingNow };
  }

  /** Takes off the list of ids to advertise the papers whose state here is now only compacted tombstones. */
  private async forgetTombstones(gone: readonly Tombstone[], compacted: Compacted): Promise<void> {
    const { kv, papers } = this.deps.store.db;
    const ids = [...new Set(gone.map(([id]) => id))];
    await this.deps.store.db.transaction('rw', [kv, papers], async () => {
      const list = ((await kv.get(TOMBSTONES_KEY))?.value as string[] | undefined) ?? [];
      const records = await papers.bulkGet(ids);
      const done = new Set<string>();
      records.forEach((record, i) => {
        const id = ids[i]!;
        if (!record) {
          done.add(id);
          return;
        }
        const state = readerStateOf(record);
        const onlyCompacted = READER_FIELDS.every((field) => {
          if (field.valueKeys.some((key) => state[key] !== undefined)) return false;
          const stamp = state[field.stampKey];
          return stamp === undefined || compacted[`${id} ${field.name}`] === stamp;
        });
        if (onlyCompacted) done.add(id);
      });
      const kept = list.filter((id) => !done.has(id));
      if (kept.length !== list.length) await kv.put({ key: TOMBSTONES_KEY, value: kept });
    });
  }

  /** Every paper with a reader state here or in the sync area, merged. */
  private async mergedEntries(remote: SyncEntry[]): Promise<SyncEntry[]> {
    const { papers, kv } = this.deps.store.db;
    const [starred, read, tombstones] = await Promise.all([
      papers.orderBy('starredAt').primaryKeys(),
      papers.orderBy('readAt').primaryKeys(),
      kv.get(TOMBSTONES_KEY).then((row) => (row?.value as string[] | undefined) ?? []),
    ]);
    // The synced papers too: one whose state here holds only stamps may be in none of those lists.
    const ids = [...new Set([...starred, ...read, ...tombstones, ...remote.map((entry) => entry.id)])];
    const records = await papers.bulkGet(ids);
    const byId = new Map<string, ReaderState>();
    records.forEach((record) => { if (record) byId.set(record.id, readerStateOf(record)); });
    for (const entry of remote) {
      const local = byId.get(entry.id);
      byId.set(entry.id, local ? mergeReaderState(local, entry.state) : entry.state);
    }
    return [...byId].map(([id, state]) => ({ id, state }));
  }

  /** Merges synced states into the store; answers the ids whose state changed here. */
  private async applyRemote(entries: SyncEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const store = this.deps.store;
    const clock = await this.deps.clock();
    const now = this.now();
    const incoming = new Map<string, ReaderState>();
    for (const entry of entries) {
      const id = normaliseId(entry.id);
      const earlier = incoming.get(id);
      incoming.set(id, earlier ? mergeReaderState(earlier, entry.state) : entry.state);
    }
    const ids = [...incoming.keys()];
    const changed: string[] = [];
    const newTombstones: string[] = [];
    let indexed: PaperIndexRow[] = [];
    let added = 0;
    await store.paperTotal.track(() => store.db.transaction('rw', [store.db.papers, store.db.paperIndex], async () => {
      const records = await store.db.papers.bulkGet(ids);
      const writes: StoredPaper[] = [];
      const indexRows: PaperIndexRow[] = [];
      ids.forEach((id, i) => {
        const remoteState = incoming.get(id)!;
        const record = records[i];
        const local = record ? readerStateOf(record) : {};
        const merged = mergeReaderState(local, remoteState);
        for (const stamp of stampsOf(merged)) clock.observe(stamp);
        if (sameState(local, merged)) return;
        const on = merged.starredAt !== undefined || merged.readAt !== undefined;
        if (!record && !on) {
          // Only a tombstone of a paper this browser never had: nothing to undo here; it stays in the synced copy.
          return;
        }
        // A paper starred or read elsewhere and never listed here: kept with its id until a listing brings its text.
        const target = record ?? newStoredPaper({ id, title: '', abstract: '', authors: [] }, now);
        if (!record) added++;
        const textChanged = !record || JSON.stringify([local.tags, local.note]) !== JSON.stringify([merged.tags, merged.note]);
        for (const field of READER_FIELDS) for (const key of [...field.valueKeys, field.stampKey]) delete target[key];
        Object.assign(target, merged);
        touch(target, now);
        // The search row holds the tags' and the note's words.
        if (textChanged) indexRows.push(indexRowOf(target, now));
        writes.push(target);
        changed.push(id);
        if (!on) newTombstones.push(id);
      });
      if (writes.length > 0) await store.db.papers.bulkPut(writes);
      if (indexRows.length > 0) await store.db.paperIndex.bulkPut(indexRows);
      indexed = indexRows;
    }), () => added);
    if (changed.length > 0) store.invalidateReference();
    if (indexed.length > 0) store.candidates.noteIndexed(indexed);
    if (newTombstones.length > 0) await this.rememberTombstones(newTombstones);
    return changed;
  }

  /** Ids whose state here may be only tombstones (not found by the starred and read indexes). */
  private async rememberTombstones(ids: readonly string[], check = false): Promise<void> {
    const { kv, papers } = this.deps.store.db;
    await this.deps.store.db.transaction('rw', [kv, papers], async () => {
      const known = new Set(((await kv.get(TOMBSTONES_KEY))?.value as string[] | undefined) ?? []);
      const before = known.size;
      // Papers still starred or read are found by the indexes; only those with nothing on need remembering.
      const offOnly = check ? (await papers.bulkGet([...ids])).filter((record) => record && record.starredAt === undefined && record.readAt === undefined).map((record) => record!.id) : ids;
      for (const id of offOnly) known.add(id);
      if (known.size !== before) await kv.put({ key: TOMBSTONES_KEY, value: [...known] });
    });
  }

  private async localSettingsItem(): Promise<SettingsItem | undefined> {
    const stamp = (await this.deps.store.db.kv.get(SETTINGS_STAMP_KEY))?.value;
    if (!isStamp(stamp)) return undefined;
    return { settings: await this.deps.store.settings(), stamp };
  }

  private async applyRemoteSettings(raw: unknown): Promise<void> {
    const item = raw as Partial<SettingsItem> | undefined;
    if (!item || !isStamp(item.stamp) || typeof item.settings !== 'object') return;
    const { store } = this.deps;
    const local = (await store.db.kv.get(SETTINGS_STAMP_KEY))?.value;
    if (compareStamps(item.stamp, isStamp(local) ? local : undefined) <= 0) return;
    (await this.deps.clock()).observe(item.stamp);
    const settings = normaliseSettings(item.settings);
    await store.db.transaction('rw', store.db.kv, async () => {
      await store.db.kv.put({ key: 'settings', value: settings });
      await store.db.kv.put({ key: SETTINGS_STAMP_KEY, value: item.stamp });
    });
    store.rememberSettings(settings);
    this.deps.onSettingsChanged(settings);
  }

  private writerState(state: WriterState): void {
    if (!this.enabled) return;
    if (state.kind === 'idle' && this.wantedMark !== null) {
      // The synced items are what this browser wanted: a later wake has nothing to merge unless they change.
      void this.deps.store.db.kv.put({ key: MARK_KEY, value: { remote: this.wantedMark, dirty: false } satisfies SyncMark }).catch(() => undefined);
      this.wantedMark = null;
    }
    if (state.kind === 'idle') {
      const next: SyncStatus = { ...this.status, state: 'idle' };
      delete next.nextAt;
      delete next.message;
      if (state.lastWriteAt !== undefined) next.lastWriteAt = state.lastWriteAt;
      this.setStatus(next);
    } else if (state.kind === 'waiting') this.setStatus({ ...this.status, state: 'pending', nextAt: state.at });
    else {
      const message = state.reason === 'quota' ? 'The browser refused the write for lack of sync space; Paper Lens will try again with less.'
        : state.reason === 'rate' ? 'The browser asked Paper Lens to write less often; it will try again in a minute.'
          : `The browser could not write to sync (${state.message}); Paper Lens will try again.`;
      this.setStatus({ ...this.status, state: 'retrying', nextAt: state.at, message });
    }
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    this.deps.onStatus(status);
  }
}

function sameState(a: ReaderState, b: ReaderState): boolean {
  return READER_FIELDS.every((field) => [...field.valueKeys, field.stampKey].every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key])));
}

/** A synced paper's state as checked at this boundary: tags or a note another browser sent that break the limits are dropped. */
function checkedEntry(entry: SyncEntry): SyncEntry {
  const state = { ...entry.state };
  if (state.tags !== undefined) {
    const checked = checkTags(state.tags);
    if (!checked.ok || JSON.stringify(checked.value) !== JSON.stringify(state.tags)) {
      delete state.tags;
      delete state.tagsStamp;
    }
  }
  const note = state.note === undefined ? undefined : checkNote(state.note);
  if (note && (!note.ok || note.value !== state.note)) {
    delete state.note;
    delete state.noteStamp;
  }
  return { id: entry.id, state };
}
