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
