import { describe, expect, it } from 'vitest';
import { recordListing, recordSeen } from '../listing/record-listing';
import { setMark } from './reader-marks';
import { parseRequest } from '../api/parse-request';
import { listHistory, localDay } from './history';
import { readStats } from './stats';
import { DAY, dayPage, freshStore, HOUR, paper } from '../test-support';

const papers = [
  paper('2401.00001', 'Sparse Attention for Long Documents', 'We introduce blockwise kernels for transformers reading books.', ['Ada Lovelace', 'Charles Babbage']),
  paper('2401.00002', 'Diffusion Models for Tabular Data', 'Generative modelling of spreadsheets with denoising.', ['Alan Turing']),
  paper('2401.00003', 'Attention Sinks in Streaming Models', 'Streaming language models keep initial tokens.', ['Grace Hopper', 'Ada Byron']),
];

describe('read and starred', () => {
  it('sets and undoes read and starred, and opening marks read once', async () => {
    const { store, advance, clock } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), papers);
    const starred = await setMark(store, '2401.00001', 'starred', true);
    expect(starred.starredAt).toBe(clock.now);
    advance(HOUR);
    // A link's id reaches setMark folded (parse-request.ts: the request loop's test opens a link by its URL).
    const opened = await setMark(store, parseRequest({ type: 'paper/opened', id: 'https://arxiv.org/pdf/2401.00001v1' }).id, 'read', true);
    expect(opened).toMatchObject({ id: '2401.00001', readAt: clock.now, starredAt: clock.now - HOUR });
    advance(HOUR);
    expect((await setMark(store, '2401.00001', 'read', true)).readAt).toBe(clock.now - HOUR);
    const unstarred = await setMark(store, '2401.00001', 'starred', false);
    expect(unstarred.starredAt).toBeUndefined();
    expect(await store.db.papers.where('starredAt').above(0).count()).toBe(0);
    const unread = await setMark(store, '2401.00001', 'read', false);
    expect(unread.readAt).toBeUndefined();
  });

  it('stars a paper it has never listed only when the paper comes with it', async () => {
    const { store } = freshStore();
    await expect(setMark(store, '2402.00009', 'starred', true)).rejects.toMatchObject({ code: 'not-found' });
    const state = await setMark(store, '2402.00009', 'starred', true, paper('2402.00009', 'Standalone Paper', 'Opened from its own page.', []));
    expect(state.starredAt).toBeDefined();
    expect((await listHistory(store, 'starred', 'standalone', 0, 10)).total).toBe(1);
  });
});

describe('history/list', () => {
  it('lists newest first per view, paged, grouped by the local day of the last activity', async () => {
    const { store, advance, clock } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), papers.slice(0, 2));
    advance(DAY);
    await recordListing(store, dayPage('2024-03-12'), papers.slice(2));
    advance(HOUR);
    await setMark(store, '2401.00001', 'read', true);
    const history = await listHistory(store, 'history', undefined, 0, 2);
    expect(history.total).toBe(3);
    expect(history.rows.map((row) => row.paper.id)).toEqual(['2401.00001', '2401.00003']);
    expect(history.rows[0]?.day).toBe(localDay(clock.now));
    expect(history.rows[0]?.lastPageKey).toBe('day:2024-03-11');
    expect(history.rows[0]?.paper).not.toHaveProperty('listings');
    expect((await listHistory(store, 'history', undefined, 2, 2)).rows.map((row) => row.paper.id)).toEqual(['2401.00002']);
    expect(await listHistory(store, 'read', undefined, 0, 10)).toMatchObject({ total: 1, rows: [{ paper: { id: '2401.00001' } }] });
    expect(await listHistory(store, 'starred', undefined, 0, 10)).toEqual({ total: 0, rows: [] });
  });

  it('searches title, author and abstract words by prefix, every word must match', async () => {
    const { store } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), papers);
    const ids = async (query: string) => (await listHistory(store, 'history', query, 0, 10)).rows.map((row) => row.paper.id).sort();
    expect(await ids('attention')).toEqual(['2401.00001', '2401.00003']);
    expect(await ids('atten stream')).toEqual(['2401.00003']);
    expect(await ids('lovelace')).toEqual(['2401.00001']);
    expect(await ids('Ada')).toEqual(['2401.00001', '2401.00003']);
    expect(await ids('spreadsheets')).toEqual(['2401.00002']);
    expect(await ids('the attention')).toEqual(['2401.00001', '2401.00003']);
    expect(await ids('nothingmatches')).toEqual([]);
    expect((await listHistory(store, 'history', 'attention', 1, 1)).total).toBe(2);
  });
});

describe('stats/get', () => {
  it('counts this week and all, and the last 30 days seen vs read', async () => {
    const { store, advance, clock } = freshStore();
    await recordListing(store, dayPage('2024-02-01'), papers.slice(0, 1));
    await recordSeen(store, dayPage('2024-02-01'), ['2401.00001']);
    advance(20 * DAY);
    await recordListing(store, dayPage('2024-02-21'), papers.slice(1));
    await recordSeen(store, dayPage('2024-02-21'), ['2401.00002', '2401.00003']);
    await setMark(store, '2401.00002', 'read', true);
    await setMark(store, '2401.00003', 'starred', true);
    const stats = await readStats(store);
    expect(stats.listed).toEqual({ week: 2, all: 3 });
    expect(stats.seen).toEqual({ week: 2, all: 3 });
    expect(stats.read).toEqual({ week: 1, all: 1 });
    expect(stats.starred).toEqual({ week: 1, all: 1 });
    expect(stats.daily).toHaveLength(30);
    expect(stats.daily.at(-1)).toEqual({ date: localDay(clock.now), seen: 2, read: 1 });
    expect(stats.daily.reduce((sum, day) => sum + day.seen, 0)).toBe(3);
  });
});
