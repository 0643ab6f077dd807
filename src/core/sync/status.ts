/** What the options page shows of sync: the background's SyncEngine reports it. */
import type { LeftOut } from './codec';
import type { SyncedDevice } from './devices';

export interface SyncStatus {
  enabled: boolean;
  /** off; idle (in step); pending (a write waits for the budget); retrying (refused, tried again later); newer-format. */
  state: 'off' | 'idle' | 'pending' | 'retrying' | 'newer-format';
  /** Papers in the synced copy, and what did not fit. */
  papers: number;
  leftOut: LeftOut;
  /** Bytes Paper Lens's items take in the sync area (as last written or wanted), of quotaBytes. */
  bytes: number;
  quotaBytes: number;
  lastWriteAt?: number;
  lastReceivedAt?: number;
  /** When a waiting or refused write goes next. */
  nextAt?: number;
  message?: string;
  /** The browsers that sync (this one first), with when each last merged, from the last merge. */
  devices?: SyncedDevice[];
}
