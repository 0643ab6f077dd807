/**
 * The limits of the browser's `storage.sync` area, as each browser documents them. The sync design is built on
 * the smaller of each pair, so what fits one browser fits both.
 *
 * Chrome (developer.chrome.com/docs/extensions/reference/api/storage, `chrome.storage.sync`):
 *   QUOTA_BYTES 102400, QUOTA_BYTES_PER_ITEM 8192, MAX_ITEMS 512, MAX_WRITE_OPERATIONS_PER_MINUTE 120,
 *   MAX_WRITE_OPERATIONS_PER_HOUR 1800. Sizes are "the JSON stringification of every value plus every key's
 *   length"; each set, remove or clear call is one write operation, however many items it carries.
 * Firefox (developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/storage/sync, "Storage quotas for sync
 *   data"): maximum total size 102400, maximum item size 8192, maximum number of items 512, measured the same way.
 *   MDN documents no write-rate limit; Chrome's rates are kept for both (Firefox Sync also throttles its uploads).
 */

export const SYNC_LIMITS = {
  /** Bytes of every key plus the JSON of every value. */
  quotaBytes: 102_400,
  /** Bytes of one key plus the JSON of its value. */
  quotaBytesPerItem: 8_192,
  maxItems: 512,
  /** set, remove and clear calls, each one operation. */
  maxWritesPerMinute: 120,
  maxWritesPerHour: 1_800,
} as const;

export type SyncLimits = { -readonly [K in keyof typeof SYNC_LIMITS]: number };

/** The size the browsers count for one item: its key plus the JSON of its value (both in UTF-8 bytes). */
export function itemBytes(key: string, value: unknown): number {
  return utf8Length(key) + utf8Length(JSON.stringify(value) ?? '');
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
