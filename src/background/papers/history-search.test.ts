/**
 * The popup's search over a stored history ('history/list' with a query): arXiv ids in every written form, queries
 * with nothing findable, and the same answers over a store of 20,000+ papers as a plain scan of the records gives.
 */
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../core/records';
import { listHistory } from './history';
import { recordListing } from '../listing/record-listing';
import { setMark } from './reader-marks';
import { bulkLoad } from '../bench/dev-seed';
import { searchWords } from '../db/derive';
import { dayPage, freshStore, paper } from '../test-support';

const papers = [
  paper('2401.10241', 'Sparse Attention for Long Documents', 'Blockwise kernels for transformers reading books.', ['Ada Lovelace']),
  paper('2401.10242', 'Diffusion Models for Tabular Data', 'Generative modelling of spreadsheets.', ['Alan Turing']),
  paper('2402.00003', 'Attention Sinks in Streaming Models', 'Streaming language models keep initial tokens.', ['Grace Hopper']),
];

const idsOf = async (store: Parameters<typeof listHistory>[0], query: string, view: 'history' | 'starred' = 'history'): Promise<string[]> =>
  (await listHistory(store, view, query, 0, 50)).rows.map((row) => row.paper.id).sort();

describe('history search', () => {
  it('finds a paper by its arXiv id however it is written', async () => {
    const { store } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), papers);
    for (const query of ['2401.10241', '2401.10241v2', 'arXiv:2401.10241', 'https://arxiv.org/abs/2401.10241v2', 'https://huggingface.co/papers/2401.10241']) {
      expect(await idsOf(store, query), query).toEqual(['2401.10241']);
    }
    expect(await idsOf(store, '2401.1024')).toEqual(['2401.10241', '2401.10242']);
    expect(await idsOf(store, '2403.99999')).toEqual([]);
    // In the starred view only a starred paper is found.
    expect(await idsOf(store, '2401.10241', 'starred')).toEqual([]);
    await setMark(store, '2401.10241', 'starred', true);
    expect(await idsOf(store, 'arXiv:2401.10241', 'starred')).toEqual(['2401.10241']);
  });

  it('finds nothing for a query whose every character the tokenizer drops', async () => {
    const { store } = freshStore();
    await recordListing(store, dayPage('2024-03-11'), papers);
    expect(await listHistory(store, 'history', '<img src=x onerror=alert(1)>', 0, 50)).toEqual({ rows: [], total: 0 });
    expect(await listHistory(store, 'history', '+++', 0, 50)).toEqual({ rows: [], total: 0 });
    expect((await listHistory(store, 'history', '', 0, 50)).total).toBe(3);
  });

  it('answers over 20,000 papers exactly as a scan of every record does', async () => {
    const { store } = freshStore();
    const records = manyRecords(20_500);
    await bulkLoad(store, records, []);
    // The reference: a scan of every record's own index words (derive.ts), every query word a prefix of one.
    const scan = (terms: string[]): Set<string> => new Set(records.filter((record) => {
      const words = searchWords(record);
      return terms.every((term) => words.some((word) => word.startsWith(term)));
    }).map((record) => record.id));
    const newestFirst = (ids: Set<string>): string[] => records.filter((record) => ids.has(record.id)).sort((a, b) => b.lastListedAt - a.lastListedAt).map((record) => record.id);
    // A rare author, a word and an author (few matches), a common word and a prefix (thousands: the order-index walk).
    for (const query of ['okafor', 'sparse hopper', 'attention', 'trans', 'attention kernels lovelace']) {
      const terms = query.split(' ');
      const expected = scan(terms);
      const first = await listHistory(store, 'history', query, 0, 12);
      expect(first.total, query).toBe(expected.size);
      expect(first.rows.map((row) => row.paper.id), query).toEqual(newestFirst(expected).slice(0, 12));
      const later = await listHistory(store, 'history', query, 300, 60);
      expect(later.rows.map((row) => row.paper.id), query).toEqual(newestFirst(expected).slice(300, 360));
    }
    expect(scan(['attention']).size).toBeGreaterThan(3000);
    const someone = records[12_345]!;
    expect(await idsOf(store, `arXiv:${someone.id}v3`)).toEqual([someone.id]);
    expect(await idsOf(store, `https://arxiv.org/abs/${someone.id}`)).toEqual([someone.id]);
    expect(await listHistory(store, 'history', '<img src=x onerror=alert(1)>', 0, 12)).toEqual({ rows: [], total: 0 });
  }, 120_000);
});

const TITLE_WORDS = ['sparse', 'attention', 'diffusion', 'transformers', 'translation', 'kernels', 'streaming', 'graphs', 'agents', 'retrieval', 'tokens', 'vision', 'speech', 'reasoning', 'tabular', 'robots', 'memory', 'scaling', 'alignment', 'benchmarks'];
const AUTHORS = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen', 'John Backus', 'Radia Perlman', 'Ken Thompson'];

/** `count` short records (a few title words, two authors, a line of abstract): cheap to store, easy to scan. */
function manyRecords(count: number): PaperRecord[] {
  const start = Date.parse('2024-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i): PaperRecord => {
    const word = (k: number): string => TITLE_WORDS[(i * (k + 3) + k * 7 + Math.floor(i / 20)) % TITLE_WORDS.length]!;
    const authors = [AUTHORS[i % AUTHORS.length]!, i % 997 === 0 ? 'Chidi Okafor' : AUTHORS[(i * 7 + 3) % AUTHORS.length]!];
    const at = start + ((i * 7919) % count) * 60_000;
    return {
      id: `24${String(1 + (i % 12)).padStart(2, '0')}.${String(10000 + i).padStart(5, '0')}`,
      title: `${word(0)} ${word(1)} for ${word(2)}`,
      abstract: `We study ${word(3)} with ${word(4)}.`,
      authors,
      firstListedAt: at, lastListedAt: at, listedCount: 1, seenCount: 0, pageKinds: ['day'], updatedAt: at,
    };
  });
}
