/** The part of the browser's `storage.sync` area Paper Lens uses, so the engine runs on a fake in unit tests. */

export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

export type SyncChanges = Record<string, StorageChange>;

export interface SyncArea {
  /** Every item (null) or the named ones. */
  get(keys: null | string[]): Promise<Record<string, unknown>>;
  /** One write operation, however many items. */
  set(items: Record<string, unknown>): Promise<void>;
  /** One write operation. */
  remove(keys: string[]): Promise<void>;
  /** Changes made here or arriving from another device (the browser calls this for both). */
  onChanged(listener: (changes: SyncChanges) => void): () => void;
}

/** Whether an error from the area is one of its quota or rate limits (worth retrying later, not a bug). */
export function limitOf(error: unknown): 'rate' | 'quota' | undefined {
  const text = error instanceof Error ? error.message : String(error);
  if (/MAX_WRITE_OPERATIONS/i.test(text)) return 'rate';
  if (/QUOTA_BYTES|MAX_ITEMS|quota/i.test(text)) return 'quota';
  return undefined;
}

/**
 * JSON with every object's keys in sorted order: how items are compared with what the area gives back. Chrome
 * keeps values as dictionaries with sorted keys, so an object written as {seen, ack} is read as {ack, seen}.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  }) ?? '';
}
