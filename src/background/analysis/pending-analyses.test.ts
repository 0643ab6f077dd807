import { describe, expect, it } from 'vitest';
import type { PageAnalysis } from '../../core/types';
import { PendingAnalyses } from './pending-analyses';

const analysis = (groups: number): PageAnalysis => ({ duplicateOf: [], related: [], relatedGroups: groups });

describe('pending analyses', () => {
  it('answers each ref once, waits briefly for one not started yet, and keeps only the newest refs', async () => {
    const pending = new PendingAnalyses();
    pending.start('a', Promise.resolve(analysis(1)));
    expect(await pending.take('a')).toEqual(analysis(1));
    expect(await pending.take('a', 5)).toBeNull();

    const waiting = pending.take('b', 1000);
    pending.start('b', Promise.resolve(analysis(2)));
    expect(await waiting).toEqual(analysis(2));

    for (let i = 0; i < 17; i++) pending.start(`ref-${i}`, Promise.resolve(analysis(i)));
    expect(await pending.take('ref-0', 5)).toBeNull();
    expect(await pending.take('ref-1', 5)).toEqual(analysis(1));
    expect(await pending.take('ref-16', 5)).toEqual(analysis(16));
  });

  it('passes an analysis failure on to the one who asks for it', async () => {
    const pending = new PendingAnalyses();
    pending.start('bad', Promise.reject(new Error('no settings')));
    await expect(pending.take('bad')).rejects.toThrow('no settings');
  });
});
