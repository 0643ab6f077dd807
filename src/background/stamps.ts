/**
 * The change stamps (core/hlc) this browser issues: one clock per store, its device id made once and kept in the
 * kv table. Called inside a transaction that includes kv.
 */
import { HybridClock, newDeviceId } from '../core/hlc';
import type { Store } from './store';

const DEVICE_KEY = 'deviceId';
const clocks = new WeakMap<Store, HybridClock>();

/** A stamp newer than `current` (the field's stamp so far, possibly from another device) and than any issued before. */
export async function nextStamp(store: Store, current: string | undefined): Promise<string> {
  let clock = clocks.get(store);
  if (!clock) {
    const row = await store.db.kv.get(DEVICE_KEY);
    let device = typeof row?.value === 'string' ? row.value : '';
    if (!device) {
      device = newDeviceId();
      await store.db.kv.put({ key: DEVICE_KEY, value: device });
    }
    clock = clocks.get(store) ?? new HybridClock(device, store.now);
    clocks.set(store, clock);
  }
  if (current) clock.observe(current);
  return clock.next();
}
