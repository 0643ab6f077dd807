import { describe, expect, it } from 'vitest';
import { PaperLensDb } from './db';
import { SCHEMA_VERSIONS, LATEST_VERSION, type SchemaVersion } from './schema';
import { recordListing, recordSeen } from '../listing/record-listing';
import { setMark } from '../papers/reader-marks';
import { Store } from '../store';
import { dayPage, fakeIdb, freshStore, paper, DAY } from '../test-support';

/** Every row of every table, by table name, in primary-key order. */
async function dump(db: PaperLensDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** Writes a realistic store with the code of version `upTo` and closes it. */
async function writeAt(upTo: number, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS): Promise<{ name: string; before: Record<string, unknown[]> }> {
  const name = `schema-${Math.random().toString(36).slice(2)}`;
  const clock = { now: Date.parse('2024-03-11T09:00:00Z') };
  const store = new Store({ db: new PaperLensDb({ name, versions, upTo, ...fakeIdb() }), now: () => clock.now });
  await recordListing(store, dayPage('2024-03-11'), [paper('2403.1', 'Alpha Title', 'An abstract about alpha models and their training.', ['Ada Lovelace']), paper('2403.2', 'Beta Title', '', [])]);
  await recordSeen(store, dayPage('2024-03-11'), ['2403.1']);
  clock.now += DAY;
  await recordListing(store, dayPage('2024-03-12'), [paper('2403.2', 'Beta Title', 'Now with an abstract about beta.', ['Alan Turing'])]);
  await setMark(store, '2403.1', 'starred', true);
  await setMark(store, '2403.2', 'read', true);
  await store.db.kv.put({ key: 'settings', value: { relatedThreshold: 0.3 } });
  await store.indexer.settled();
  const before = await dump(store.db);
  store.db.close();
  return { name, before };
}

describe('schema', () => {
  it('declares the tables and the indexes every query uses', async () => {
    const { store } = freshStore();
    await store.open();
    const indexes = Object.fromEntries(store.db.tables.map((table) => [table.name, { primKey: table.schema.primKey.name, indexes: table.schema.indexes.map((index) => (index.multi ? `*${index.name}` : index.name)).sort() }]));
    expect(indexes).toEqual({
      papers: { primKey: 'id', indexes: ['*tags', 'activityAt', 'lastListedAt', 'lastSeenAt', 'readAt', 'starredAt'] },
      paperIndex: { primKey: 'id', indexes: ['*words', 'indexedAt', 'titleKey'] },
      sightings: { primKey: '[paperId+pageKey+at]', indexes: ['[pageKey+at]', '[paperId+at]', 'at'] },
      kv: { primKey: 'key', indexes: [] },
    });
    expect(store.db.verno).toBe(LATEST_VERSION);
  });

  it('opens a database written at version 1 with the current schema, every record unchanged', async () => {
    const { name, before } = await writeAt(1);
    expect(before.papers).toHaveLength(2);
    expect(before.sightings).toHaveLength(3);
    const current = new PaperLensDb({ name, ...fakeIdb() });
    await current.open();
    expect(current.verno).toBe(LATEST_VERSION);
    const after = await dump(current);
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(rows);
    current.close();
  });

  it('opens a database written at version 1 without the unused updatedAt index, the field kept in every record', async () => {
    const { name, before } = await writeAt(1);
    const current = new PaperLensDb({ name, ...fakeIdb() });
    await current.open();
    expect(current.table('papers').schema.indexes.map((index) => index.name)).not.toContain('updatedAt');
    const papers = await current.table('papers').toArray();
    expect(papers).toEqual(before.papers);
    for (const record of papers) expect(typeof record.updatedAt).toBe('number');
    current.close();
  });

  it('runs a later version\'s upgrade over old records without losing any (framework check with a test-only next version)', async () => {
    const next: SchemaVersion = {
      version: LATEST_VERSION + 1,
      stores: { papers: 'id, activityAt, lastListedAt, lastSeenAt, readAt, starredAt, *tags, firstListedAt' },
      upgrade: async (tx) => {
        await tx.table('papers').toCollection().modify((record: Record<string, unknown>) => { record.upgradedTo = 2; });
      },
    };
    const versions = [...SCHEMA_VERSIONS, next];
    const { name, before } = await writeAt(1, versions);
    const upgraded = new PaperLensDb({ name, versions, ...fakeIdb() });
    await upgraded.open();
    expect(upgraded.verno).toBe(LATEST_VERSION + 1);
    const after = await dump(upgraded);
    expect(after.papers).toEqual((before.papers as Array<Record<string, unknown>>).map((record) => ({ ...record, upgradedTo: 2 })));
    for (const table of ['sightings', 'paperIndex', 'kv']) expect(after[table], table).toEqual(before[table]);
    expect(await upgraded.table('papers').where('firstListedAt').above(0).count()).toBe(2);
    upgraded.close();
  });
});
