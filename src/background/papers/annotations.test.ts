import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH, MAX_TAGS } from '../../core/annotations';
import { compareStamps } from '../../core/hlc';
import { setAnnotations, listTags } from './annotations';
import { listHistory } from './history';
import { recordListing } from '../listing/record-listing';
import { setMark } from './reader-marks';
import { listTaggedHistory } from './tagged-history';
import { dayPage, freshStore, HOUR, paper } from '../test-support';

const papers = [
  paper('2401.00001', 'Sparse Attention for Long Documents', 'We introduce blockwise kernels for transformers reading books.', ['Ada Lovelace']),
  paper('2401.00002', 'Diffusion Models for Tabular Data', 'Generative modelling of spreadsheets with denoising.', ['Alan Turing']),
  paper('2401.00003', 'Attention Sinks in Streaming Models', 'Streaming language models keep initial tokens.', ['Grace Hopper']),
];

async function starredStore() {
  const test = freshStore();
  await recordListing(test.store, dayPage('2024-03-11'), papers);
  for (const { id } of papers) await setMark(test.store, id, 'starred', true);
  return test;
}

describe('tags and notes', () => {
  it('sets, changes and clears tags and a note, stamping every change (clearing too)', async () => {
    const { store, advance } = await starredStore();
    const first = await setAnnotations(store, '2401.00001', { tags: ['reading group', 'Long context', 'long CONTEXT'], note: 'Read §3 again.\r\nCompare with Mamba.' });
    expect(first.tags).toEqual(['reading group', 'Long context']);
    expect(first.note).toBe('Read §3 again.\nCompare with Mamba.');
    const stored = await store.db.papers.get('2401.00001');
    expect(stored?.tagsStamp).toBeDefined();
    expect(stored?.noteStamp).toBeDefined();
    advance(HOUR);
    const cleared = await setAnnotations(store, '2401.00001', { tags: [], note: '' });
    expect(cleared.tags).toBeUndefined();
    expect(cleared.note).toBeUndefined();
    const after = await store.db.papers.get('2401.00001');
    expect(after?.tags).toBeUndefined();
    expect(after?.note).toBeUndefined();
    expect(compareStamps(after?.tagsStamp, stored?.tagsStamp)).toBe(1);
    expect(compareStamps(after?.noteStamp, stored?.noteStamp)).toBe(1);
  });

  it('leaves a field it is not given alone, and an unchanged value unstamped', async () => {
    const { store } = await starredStore();
    await setAnnotations(store, '2401.00002', { tags: ['tabular'], note: 'Keep.' });
    const before = await store.db.papers.get('2401.00002');
    await setAnnotations(store, '2401.00002', { tags: ['tabular'] });
    const after = await store.db.papers.get('2401.00002');
    expect(after?.note).toBe('Keep.');
    expect(after?.tagsStamp).toBe(before?.tagsStamp);
    expect(after?.noteStamp).toBe(before?.noteStamp);
  });

  it('refuses bad input with the limit in plain words and stores nothing', async () => {
    const { store } = await starredStore();
    await expect(setAnnotations(store, '2401.00001', { note: 'x'.repeat(100_000) })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining(`${MAX_NOTE_LENGTH.toLocaleString('en')} characters`) });
    await expect(setAnnotations(store, '2401.00001', { tags: ['<img src=x onerror=alert(1)>'] })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('cannot hold') });
    await expect(setAnnotations(store, '2401.00001', { tags: Array.from({ length: 500 }, (_, i) => `tag ${i}`) })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining(`at most ${MAX_TAGS} tags`) });
    await expect(setAnnotations(store, '2401.00001', { tags: 'not a list' })).rejects.toMatchObject({ code: 'invalid' });
    const stored = await store.db.papers.get('2401.00001');
    expect(stored?.tags).toBeUndefined();
    expect(stored?.note).toBeUndefined();
  });

  it('belongs to starred papers: adding to an unstarred paper is refused, clearing is not; un-starring keeps them', async () => {
    const { store } = await starredStore();
    await setAnnotations(store, '2401.00003', { tags: ['streaming'] });
    await setMark(store, '2401.00003', 'starred', false);
    expect((await store.db.papers.get('2401.00003'))?.tags).toEqual(['streaming']);
    await expect(setAnnotations(store, '2401.00003', { note: 'new' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('star this paper first') });
    expect((await setAnnotations(store, '2401.00003', { tags: [] })).tags).toBeUndefined();
    await expect(setAnnotations(store, '2409.99999', { tags: ['x'] })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lists the tags in use, most used first, case folded together', async () => {
    const { store } = await starredStore();
    await setAnnotations(store, '2401.00001', { tags: ['attention', 'to read'] });
    await setAnnotations(store, '2401.00002', { tags: ['To Read'] });
    await setAnnotations(store, '2401.00003', { tags: ['attention', 'to read'] });
    expect(await listTags(store)).toEqual([{ tag: 'to read', count: 3 }, { tag: 'attention', count: 2 }]);
  });

  it('filters a view by tag and finds tags and note words in the search', async () => {
    const { store, advance } = await starredStore();
    await setAnnotations(store, '2401.00001', { tags: ['attention'], note: 'Blockwise kernels remind me of FlashAttention.' });
    advance(HOUR);
    await setAnnotations(store, '2401.00003', { tags: ['Attention'], note: 'Useful for the chatbot project.' });
    await setAnnotations(store, '2401.00002', { tags: ['tabular'] });
    const tagged = await listTaggedHistory(store, 'starred', 'ATTENTION', undefined, 0, 10);
    expect(tagged.total).toBe(2);
    expect(tagged.rows.map((row) => row.paper.id).sort()).toEqual(['2401.00001', '2401.00003']);
    expect((await listTaggedHistory(store, 'starred', 'attention', 'chatbot', 0, 10)).rows.map((row) => row.paper.id)).toEqual(['2401.00003']);
    expect((await listTaggedHistory(store, 'read', 'attention', undefined, 0, 10)).total).toBe(0);
    // The plain search reaches note and tag words through the search index.
    expect((await listHistory(store, 'starred', 'flashattention', 0, 10)).rows.map((row) => row.paper.id)).toEqual(['2401.00001']);
    expect((await listHistory(store, 'history', 'tabular chatbot', 0, 10)).total).toBe(0);
    expect((await listHistory(store, 'history', 'chatbot project', 0, 10)).rows.map((row) => row.paper.id)).toEqual(['2401.00003']);
    // A cleared note leaves the index.
    await setAnnotations(store, '2401.00003', { note: '' });
    expect((await listHistory(store, 'history', 'chatbot', 0, 10)).total).toBe(0);
  });
});
