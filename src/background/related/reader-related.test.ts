import { describe, expect, it } from 'vitest';
import { listPage, recordListing, recordSeen } from '../listing/record-listing';
import { setMark } from '../papers/reader-marks';
import { answerReaderRelated } from './reader-related';
import { Store } from '../store';
import { PaperLensDb } from '../db/db';
import { DAY, dayPage, fakeIdb, freshStore } from '../test-support';
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';

const { papers, pairs } = generateSyntheticSet({ seed: 11, count: 120, plant: true });
const byId = new Map(papers.map((p) => [p.id, p]));
const pair = pairs.find((candidate) => candidate.label === 'related')!;
const reference = byId.get(pair.a)!;
const listed = byId.get(pair.b)!;
/** A paper listed along, never listed before either. */
const other = papers.filter((p) => p.id !== listed.id && p.id !== reference.id).at(-1)!;

/** A store where `reference` is starred and `listed` was never listed yet. */
async function starredStore(): Promise<ReturnType<typeof freshStore>> {
  const made = freshStore();
  await recordListing(made.store, dayPage('2024-03-03'), papers.filter((p) => p.id !== listed.id).slice(0, 40).concat(reference));
  await setMark(made.store, reference.id, 'starred', true);
  made.advance(DAY);
  return made;
}

describe('reader-related links after the states', () => {
  it('answers the states without new links, and the links by ref', async () => {
    const { store } = await starredStore();
    const answer = await listPage(store, dayPage('2024-03-04'), [listed, other]);
    expect(answer.states.map((state) => state.readerRelated)).toEqual([[], []]);
    expect(answer.relatedRef).toEqual(expect.any(String));
    const related = await answerReaderRelated(store, answer.relatedRef!, [listed.id, other.id]);
    const links = related.find((entry) => entry.id === listed.id)?.readerRelated ?? [];
    expect(links[0]).toMatchObject({ id: reference.id, state: 'starred' });
    expect(links[0]?.sharedTerms.length).toBeGreaterThan(0);
    // Remembered: later states of the paper (papers/seen, broadcasts) carry them.
    expect((await store.statesOf([listed.id]))[0]?.readerRelated).toEqual(links);
    await answer.written;
  });

  it('a ref the worker does not know (it woke again) is answered from the stored papers, the same', async () => {
    const { store, clock } = await starredStore();
    const answer = await listPage(store, dayPage('2024-03-04'), [listed]);
    const expected = await answerReaderRelated(store, answer.relatedRef!, [listed.id]);
    await answer.written;
    const woken = new Store({ db: new PaperLensDb({ name: store.db.name, ...fakeIdb() }), now: () => clock.now });
    expect(await answerReaderRelated(woken, answer.relatedRef!, [listed.id])).toEqual(expected);
    expect(expected[0]?.readerRelated.length).toBeGreaterThan(0);
  });

  it('asked for other papers than the ref scored, scores those asked for', async () => {
    const { store } = await starredStore();
    const answer = await listPage(store, dayPage('2024-03-04'), [other]);
    await answer.written;
    await recordListing(store, dayPage('2024-03-04'), [listed]);
    const related = await answerReaderRelated(store, answer.relatedRef!, [listed.id]);
    expect(related.map((entry) => entry.id)).toEqual([listed.id]);
    expect(related[0]?.readerRelated[0]).toMatchObject({ id: reference.id });
  });

  it('a papers/seen answered while the scoring is under way waits for its links', async () => {
    const { store } = await starredStore();
    // The reference set comes late (a worker reading it again after a star): the scoring finishes last.
    const read = store.referencePapers.bind(store);
    let release = (): void => undefined;
    const late = new Promise<void>((resolve) => (release = resolve));
    store.referencePapers = async () => {
      await late;
      return read();
    };
    const page = dayPage('2024-03-04');
    const answer = await listPage(store, page, [listed]);
    const seen = recordSeen(store, page, [listed.id]);
    await answer.written;
    release();
    const [state] = await seen;
    expect(state?.readerRelated[0]).toMatchObject({ id: reference.id, state: 'starred' });
  });

  it('hands out no ref when reader-related marks are off', async () => {
    const { store } = await starredStore();
    const settings = await store.settings();
    store.rememberSettings({ ...settings, marks: { ...settings.marks, related: false } });
    const answer = await listPage(store, dayPage('2024-03-04'), [listed]);
    expect(answer.relatedRef).toBeUndefined();
    await answer.written;
  });
});
