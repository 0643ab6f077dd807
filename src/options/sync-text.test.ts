import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../core/sync/status';
import { leftOutText, syncSummary, SYNC_PRIVACY } from './sync-text';

const base: SyncStatus = { enabled: true, state: 'idle', papers: 1234, leftOut: { read: 0, starred: 0, unstarred: 0 }, bytes: 12_800, quotaBytes: 102_400 };

describe('sync text', () => {
  it('says how much is synced, and what was left out', () => {
    expect(syncSummary(base)).toMatch(/^1,234 papers synced \(12\.5 KB of 100 KB\)\.$/);
    const now = Date.now();
    expect(syncSummary({ ...base, lastWriteAt: now - 1000 }, now)).toMatch(/Last written at \d{1,2}:\d\d/);
    expect(leftOutText(base)).toBeUndefined();
    expect(leftOutText({ ...base, leftOut: { read: 2500, starred: 0, unstarred: 3 } })).toBe(
      'Not synced, for lack of room (about 100 KB in all, 24 KB of it for notes): the oldest 2,500 read marks, 3 old un-stars. They stay in this browser; stars are the last to be left out.');
    expect(leftOutText({ ...base, leftOut: { read: 0, starred: 0, unstarred: 0, notes: 12, longNotes: 2, tags: 1 } })).toBe(
      'Not synced, for lack of room (about 100 KB in all, 24 KB of it for notes): the 10 notes edited longest ago, the tags of 1 paper. Not synced: 2 notes longer than 2,500 bytes, the most one synced note may take. They stay in this browser; stars are the last to be left out.');
    expect(leftOutText({ ...base, leftOut: { read: 0, starred: 0, unstarred: 0, notes: 1, longNotes: 1 } })).toBe(
      'Not synced: 1 note longer than 2,500 bytes, the most one synced note may take. It stays in this browser; stars are the last to be left out.');
  });

  it('tells off from off with a copy still in the account', () => {
    expect(syncSummary({ ...base, enabled: false, state: 'off', papers: 0, bytes: 0 })).toMatch(/Nothing of Paper Lens/);
    expect(syncSummary({ ...base, enabled: false, state: 'off' })).toMatch(/still holds Paper Lens’s copy: 1,234 papers/);
  });

  it('names what travels, tags and notes included', () => {
    expect(SYNC_PRIVACY).toMatch(/starred or read, with their dates, your tags and notes on them, and your Paper Lens settings/);
  });

  it('names both browsers and how each encrypts, in one sentence', () => {
    expect(SYNC_PRIVACY).toMatch(/Chrome Sync.*passphrase.*Firefox Sync encrypts them end to end/);
    expect(SYNC_PRIVACY.split(/\.\s/).length).toBe(1);
  });
});
