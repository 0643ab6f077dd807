/**
 * Tags and notes through a backup: written by the store's backup/read, through the file (serialiseBackup and
 * parseBackup, which checks every record), cleared, and restored by backup/merge; and bad input refused with the
 * limit in plain words, at the file check and again at the worker's boundary.
 */
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH, MAX_TAGS } from '../../core/annotations';
import { mergePaperRecords, parseBackup, serialiseBackup } from '../../core/backup';
import { encodeStamp } from '../../core/hlc';
import type { PaperRecord } from '../../core/records';
import { setAnnotations } from '../papers/annotations';
import { mergeBackup, readBackup } from './backup';
import { listHistory } from '../papers/history';
import { recordListing } from '../listing/record-listing';
import { setMark } from '../papers/reader-marks';
import { listTaggedHistory } from '../papers/tagged-history';
import { dayPage, freshStore, paper } from '../test-support';

const papers = [
  paper('2401.00001', 'Sparse Attention for Long Documents', 'Blockwise kernels for transformers.', ['Ada Lovelace']),
  paper('2401.00002', 'Diffusion Models for Tabular Data', 'Denoising spreadsheets.', ['Alan Turing']),
];

async function annotatedStore() {
  const test = freshStore();
  await recordListing(test.store, dayPage('2024-03-11'), papers);
  await setMark(test.store, '2401.00001', 'starred', true);
  await setAnnotations(test.store, '2401.00001', { tags: ['reading group', 'Ünïcödé'], note: 'Line one.\nLine two with <b>markup</b> kept as text.' });
  await setMark(test.store, '2401.00002', 'starred', true);
  await setAnnotations(test.store, '2401.00002', { tags: ['tabular'] });
  // A cleared note leaves only its stamp: the backup keeps that too.
  await setAnnotations(test.store, '2401.00002', { note: 'gone' });
  await setAnnotations(test.store, '2401.00002', { note: '' });
  return test;
}

async function backupText(store: Awaited<ReturnType<typeof annotatedStore>>['store']): Promise<string> {
  const { papers: stored = [] } = await readBackup(store, 'papers', 0, 100);
  const { sightings = [] } = await readBackup(store, 'sightings', 0, 100);
  return serialiseBackup({ papers: stored, sightings });
}

describe('tags and notes in backups', () => {
  it('survive backup, clear and restore exactly, stamps included, and are found again', async () => {
    const source = await annotatedStore();
    const text = await backupText(source.store);
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const before = (await source.store.db.papers.toArray()).map(({ id, tags, tagsStamp, note, noteStamp }) => ({ id, tags, tagsStamp, note, noteStamp }));
    expect(before.find((record) => record.id === '2401.00002')).toMatchObject({ tags: ['tabular'], note: undefined, noteStamp: expect.any(String) });

    const target = freshStore();
    await mergeBackup(target.store, parsed.backup.papers, parsed.backup.sightings);
    const after = (await target.store.db.papers.toArray()).map(({ id, tags, tagsStamp, note, noteStamp }) => ({ id, tags, tagsStamp, note, noteStamp }));
    expect(after).toEqual(before);
    await target.store.indexer.keysReady();
    expect((await listHistory(target.store, 'starred', 'markup', 0, 10)).rows.map((row) => row.paper.id)).toEqual(['2401.00001']);
    expect((await listTaggedHistory(target.store, 'starred', 'Reading Group', undefined, 0, 10)).total).toBe(1);
  });

  it('a file with a 100 KB note, HTML in a tag or 500 tags is refused with the limit in plain words', async () => {
    const { store } = await annotatedStore();
    const good = JSON.parse(await backupText(store)) as { papers: Array<Record<string, unknown>> };
    const cases: Array<[string, (record: Record<string, unknown>) => void, RegExp]> = [
      ['100 KB note', (record) => { record.note = 'x'.repeat(100_000); }, new RegExp(`note is not valid: .*at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters`)],
      ['HTML in a tag', (record) => { record.tags = ['<script>alert(1)</script>']; }, /tags are not valid: A tag cannot hold/],
      ['500 tags', (record) => { record.tags = Array.from({ length: 500 }, (_, i) => `t${i}`); }, new RegExp(`at most ${MAX_TAGS} tags`)],
      ['tags not a list', (record) => { record.tags = 'a, b'; }, /tags are not valid/],
      ['a stamp that is not one', (record) => { record.tagsStamp = 'yesterday'; }, /tagsStamp is not valid/],
    ];
    for (const [label, damage, pattern] of cases) {
      const doc = structuredClone(good);
      damage(doc.papers[0]!);
      const parsed = parseBackup(JSON.stringify(doc));
      expect(parsed.ok, label).toBe(false);
      if (!parsed.ok) expect(parsed.message, label).toMatch(pattern);
    }
  });

  it('the worker checks a merged chunk again: a bad note is refused there too and nothing is written', async () => {
    const { store } = freshStore();
    const record: PaperRecord = {
      ...papers[0]!, firstListedAt: 1, lastListedAt: 1, listedCount: 1, seenCount: 0, pageKinds: ['day'], updatedAt: 1, starredAt: 1,
      note: 'x'.repeat(MAX_NOTE_LENGTH + 1),
    };
    await expect(mergeBackup(store, [record], [])).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/Paper 1 of this backup chunk: note is not valid/) });
    expect(await store.db.papers.count()).toBe(0);
  });

  it('a merge keeps the newest edit of the tags and of the note, each on its own, clearing included', () => {
    const stamp = (wall: number, device: string): string => encodeStamp({ wall, counter: 0, device });
    const base: PaperRecord = { ...papers[0]!, firstListedAt: 1, lastListedAt: 1, listedCount: 1, seenCount: 0, pageKinds: ['day'], updatedAt: 100, starredAt: 1, starStamp: stamp(1, 'a') };
    // Copy A retagged last (t=30) but wrote its note first (t=10); copy B cleared the note later (t=20), and its
    // later listing visit (updatedAt) must not carry its older tags over A's.
    const a: PaperRecord = { ...base, tags: ['new tags'], tagsStamp: stamp(30, 'a'), note: 'old note', noteStamp: stamp(10, 'a') };
    const b: PaperRecord = { ...base, updatedAt: 500, tags: ['old tags'], tagsStamp: stamp(5, 'b'), noteStamp: stamp(20, 'b') };
    for (const [first, second] of [[a, b], [b, a]] as const) {
      const { record } = mergePaperRecords(first, second);
      expect(record.tags).toEqual(['new tags']);
      expect(record.tagsStamp).toBe(a.tagsStamp);
      expect(record.note).toBeUndefined();
      expect(record.noteStamp).toBe(b.noteStamp);
    }
  });

  it('restoring an older backup keeps the tags and note edited since, and a note cleared since stays cleared', async () => {
    const { store, advance } = await annotatedStore();
    const older = parseBackup(await backupText(store));
    if (!older.ok) throw new Error(older.message);
    advance(60_000);
    await setAnnotations(store, '2401.00001', { tags: ['edited later'], note: '' });
    await mergeBackup(store, older.backup.papers, older.backup.sightings);
    const after = await store.db.papers.get('2401.00001');
    expect(after?.tags).toEqual(['edited later']);
    expect(after?.note).toBeUndefined();
    // The other way round: a newer backup's edits win over an older store.
    const target = freshStore();
    await recordListing(target.store, dayPage('2024-03-11'), papers);
    await setMark(target.store, '2401.00002', 'starred', true);
    await setAnnotations(target.store, '2401.00002', { tags: ['stale'] });
    const newer = parseBackup(await backupText(store));
    if (!newer.ok) throw new Error(newer.message);
    await mergeBackup(target.store, newer.backup.papers, newer.backup.sightings);
    const restored = await target.store.db.papers.get('2401.00001');
    expect(restored?.tags).toEqual(['edited later']);
  });
});
