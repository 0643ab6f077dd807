/**
 * Bulk-loads records and sightings straight into the store, skipping merge rules: for benchmarks and tests
 * that need a big store fast. Not reachable by any message; a bench page imports it with the Store.
 */
import type { PaperRecord, Sighting } from '../../core/records';
import type { PaperIndexRow, StoredPaper } from '../db/db';
import { addListing, indexRowOf, storedFrom } from '../db/derive';
import type { Store } from '../store';

export async function bulkLoad(store: Store, records: PaperRecord[], sightings: Sighting[]): Promise<void> {
  const now = store.now();
  const stored = new Map<string, StoredPaper>(records.map((record) => [record.id, storedFrom(record)]));
  for (const sighting of sightings) {
    const record = stored.get(sighting.paperId);
    if (record) addListing(record, sighting.pageKind, sighting.pageKey, sighting.at);
  }
  const rows: PaperIndexRow[] = [...stored.values()].map((record) => indexRowOf(record, now));
  const { papers, paperIndex, sightings: sightingTable } = store.db;
  // Some of these papers may be stored already: the total is counted again.
  await store.paperTotal.track(() => store.db.transaction('rw', [papers, paperIndex, sightingTable], async () => {
    await papers.bulkPut([...stored.values()]);
    await paperIndex.bulkPut(rows);
    if (sightings.length > 0) await sightingTable.bulkPut(sightings);
  }), () => 'recount');
  store.candidates.noteIndexed(rows);
  store.invalidateReference();
}
