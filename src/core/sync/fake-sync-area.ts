/**
 * A sync area for unit tests that refuses what the browsers refuse, with their messages: an item over
 * QUOTA_BYTES_PER_ITEM, a total over QUOTA_BYTES, more than MAX_ITEMS items, and more write operations than
 * MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR (each set or remove call is one, counted when made, refused or
 * not: Chrome counts a refused write too). Objects come back with their keys sorted, as Chrome gives them. `deliverTo` plays the sync service: it copies the items to another
 * device's area and fires that area's onChanged, as the browser does for changes from elsewhere.
 */
import { canonicalJson, type SyncArea, type SyncChanges } from './area';
import { SYNC_LIMITS, itemBytes, type SyncLimits } from './limits';

export class FakeSyncArea implements SyncArea {
  readonly items = new Map<string, unknown>();
  /** Times of every write operation made. */
  readonly writes: number[] = [];
  private readonly listeners = new Set<(changes: SyncChanges) => void>();

  constructor(private readonly now: () => number = Date.now, readonly limits: SyncLimits = { ...SYNC_LIMITS }) {}

  async get(keys: null | string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of this.items) if (keys === null || keys.includes(key)) out[key] = structuredClone(value);
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.countWrite();
    for (const [key, value] of Object.entries(items)) {
      if (itemBytes(key, value) > this.limits.quotaBytesPerItem) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    }
    const next = new Map(this.items);
    // As Chrome keeps them: objects come back with their keys sorted.
    for (const [key, value] of Object.entries(items)) next.set(key, JSON.parse(canonicalJson(value)) as unknown);
    if (next.size > this.limits.maxItems) throw new Error('MAX_ITEMS quota exceeded');
    if (totalBytes(next) > this.limits.quotaBytes) throw new Error('QUOTA_BYTES quota exceeded');
    this.apply([...Object.keys(items)].map((key) => [key, next.get(key)]), []);
  }

  async remove(keys: string[]): Promise<void> {
    this.countWrite();
    this.apply([], keys);
  }

  onChanged(listener: (changes: SyncChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  bytesInUse(): number {
    return totalBytes(this.items);
  }

  /** Write operations made in the `windowMs` before now. */
  writesWithin(windowMs: number): number {
    const since = this.now() - windowMs;
    return this.writes.filter((at) => at > since).length;
  }

  /** Makes `other` hold what this area holds (the sync service's delivery); fires other's onChanged. */
  deliverTo(other: FakeSyncArea): void {
    const removed = [...other.items.keys()].filter((key) => !this.items.has(key));
    const changed = [...this.items].filter(([key, value]) => JSON.stringify(other.items.get(key)) !== JSON.stringify(value));
    other.apply(changed.map(([key, value]) => [key, structuredClone(value)]), removed);
  }

  private countWrite(): void {
    const now = this.now();
    this.writes.push(now);
    if (this.writesWithin(60_000) > this.limits.maxWritesPerMinute) throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    if (this.writesWithin(3_600_000) > this.limits.maxWritesPerHour) throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
  }

  private apply(set: Array<[string, unknown]>, removed: string[]): void {
    const changes: SyncChanges = {};
    for (const [key, value] of set) {
      const oldValue = this.items.get(key);
      this.items.set(key, value);
      if (JSON.stringify(oldValue) !== JSON.stringify(value)) changes[key] = { ...(oldValue !== undefined ? { oldValue } : {}), newValue: value };
    }
    for (const key of removed) {
      if (!this.items.has(key)) continue;
      changes[key] = { oldValue: this.items.get(key) };
      this.items.delete(key);
    }
    if (Object.keys(changes).length === 0) return;
    for (const listener of this.listeners) queueMicrotask(() => listener(changes));
  }
}

function totalBytes(items: Map<string, unknown>): number {
  let total = 0;
  for (const [key, value] of items) total += itemBytes(key, value);
  return total;
}
