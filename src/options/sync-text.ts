/** The words the options page uses for sync: what travels, how much is synced, what was left out. */
import { MAX_SYNCED_NOTE_BYTES, NOTES_BUDGET_BYTES } from '../core/sync/codec';
import type { SyncedDevice } from '../core/sync/devices';
import type { SyncStatus } from '../core/sync/status';
import { count, localDay, plural, shortDate, timeOfDay } from '../ui/format';

/** The one sentence shown beside the switch. */
export const SYNC_PRIVACY =
  'When on, the ids of the papers you starred or read, with their dates, your tags and notes on them, and your Paper Lens settings travel through your browser’s own sync account to your other browsers where Paper Lens syncs: Chrome Sync keeps them with your Google Account (encrypted end to end only if you set a sync passphrase), Firefox Sync encrypts them end to end with your account password.';

export const SYNC_LOCAL_ONLY = 'What you saw, and where and when, stays in this browser: it would not fit in sync. Paper Lens has no server and no account of its own.';

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toLocaleString(undefined, { maximumFractionDigits: 1, minimumFractionDigits: bytes < 10_240 ? 1 : 0 })} KB`;
}

/** "at 5:19 AM" today, "Mar 11, 5:19 AM" before. */
function when(time: number, now: number): string {
  return localDay(time) === localDay(now) ? `at ${timeOfDay(time)}` : `${shortDate(time, now)}, ${timeOfDay(time)}`;
}

/** One line on how sync stands now. */
export function syncSummary(status: SyncStatus, now: number = Date.now()): string {
  const size = `${kilobytes(status.bytes)} of ${kilobytes(status.quotaBytes)}`;
  if (!status.enabled) {
    return status.papers > 0 || status.bytes > 0
      ? `Off in this browser. Your browser’s sync account still holds Paper Lens’s copy: ${plural(status.papers, 'paper')}, ${size}.`
      : 'Off in this browser. Nothing of Paper Lens is in your browser’s sync account.';
  }
  const synced = `${plural(status.papers, 'paper')} synced (${size})`;
  switch (status.state) {
    case 'pending':
      return `${synced}. Changes are written in batches; the next goes ${status.nextAt ? `at ${timeOfDay(status.nextAt)}` : 'shortly'}.`;
    case 'retrying':
      return `${synced}. ${status.message ?? 'The last write was refused; Paper Lens will try again.'} Nothing is lost in this browser meanwhile.`;
    case 'newer-format':
      return status.message ?? 'Another browser syncs with a newer version of Paper Lens. Update Paper Lens here to keep syncing.';
    default:
      return `${synced}.${status.lastWriteAt ? ` Last written ${when(status.lastWriteAt, now)}.` : ''}${status.lastReceivedAt ? ` Last change from another browser ${when(status.lastReceivedAt, now)}.` : ''}`;
  }
}

/** Shown above the list of browsers that sync. */
export const SYNC_DEVICES_INTRO = 'An un-star or un-read stays in the synced copy until every browser here has merged it, then it is cleared to save room; a browser unseen for 60 days holds back only the newer ones. Forget a browser you no longer use so none wait for it; it is listed again if it syncs again.';

/** How one browser that syncs is described beside its name. */
export function deviceSeenText(device: SyncedDevice, now: number = Date.now()): string {
  if (device.self) return 'This browser';
  const day = localDay(device.seen) === localDay(now) ? 'today' : localDay(device.seen) === localDay(now - 86_400_000) ? 'yesterday' : shortDate(device.seen, now);
  return device.waitedFor ? `Last synced ${day}` : `Not seen since ${day}: older un-stars no longer wait for it`;
}

/** What did not fit, or undefined when everything did. */
export function leftOutText(status: SyncStatus): string | undefined {
  const { read, starred, unstarred } = status.leftOut;
  const notes = status.leftOut.notes ?? 0;
  const longNotes = Math.min(notes, status.leftOut.longNotes ?? 0);
  const tags = status.leftOut.tags ?? 0;
  if (read + starred + unstarred + notes + tags === 0) return undefined;
  const parts: string[] = [];
  if (read > 0) parts.push(`the oldest ${count(read)} read ${read === 1 ? 'mark' : 'marks'}`);
  if (notes - longNotes > 0) parts.push(`the ${plural(notes - longNotes, 'note')} edited longest ago`);
  if (tags > 0) parts.push(`the tags of ${plural(tags, 'paper')}`);
  if (unstarred > 0) parts.push(`${count(unstarred)} old ${unstarred === 1 ? 'un-star' : 'un-stars'}`);
  if (starred > 0) parts.push(`the oldest ${plural(starred, 'star')}`);
  const room = parts.length > 0 ? `Not synced, for lack of room (about 100 KB in all, ${kilobytes(NOTES_BUDGET_BYTES)} of it for notes): ${parts.join(', ')}.` : '';
  const long = longNotes > 0 ? `Not synced: ${plural(longNotes, 'note')} longer than ${count(MAX_SYNCED_NOTE_BYTES)} bytes, the most one synced note may take.` : '';
  return `${[room, long].filter(Boolean).join(' ')} ${parts.length + longNotes === 1 ? 'It stays' : 'They stay'} in this browser; stars are the last to be left out.`;
}
