/**
 * Listings answered while an import's index rows were still being written (more were left than a listing waits
 * for: KEYS_WAIT_LIMIT) looked their new papers up in an incomplete candidate index, and a paper checked once is
 * not checked again at its next listing. So their ids are kept (in memory and in `kv`, so a worker stopped
 * before the rows are written still has them at its next wake) and checked once more when every row is written;
 * papers found to repeat a known one get their verdict stored, and the tabs their new states (RecheckHost.changed).
 */
import type { PaperLensDb, StoredPaper } from '../db/db';
import type { CandidateIndex, CandidateKeys } from './candidate-index';
import { touch } from '../db/derive';
import { ListingTexts } from '../listing/merge';
import { applyVerdict, candidatesOf, confirmDuplicates, readMissing } from './confirm';

/** What a recheck works with. */
export interface RecheckHost {
  readonly db: PaperLensDb;
  readonly now: () => number;
  readonly candidates: { get(): Promise<CandidateIndex> };
  /** Resolves once every paper an import added or a wake found unindexed has its index row. */
  indexedAll(): Promise<void>;
  /** Papers whose state changed outside any request: the tabs are told. */
  changed(ids: string[]): void;
}

export const RECHECK_KEY = 'duplicate-recheck';
/** Ids kept for a later check, at most: a big import followed by a long browse keeps the newest ones. */
export const RECHECK_LIMIT = 5000;

export class DuplicateRecheck {
  private readonly ids = new Set<string>();
  private run: Promise<void> | null = null;
  private loaded = false;

  constructor(private readonly host: RecheckHost) {}

  /** Papers a listing checked without every index row: checked again once the rows are written. */
  async note(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.load();
    for (const id of ids) this.ids.add(id);
    for (const id of this.ids) {
      if (this.ids.size <= RECHECK_LIMIT) break;
      this.ids.delete(id);
    }
    await this.save();
    this.schedule();
  }

  /** A woken worker: the checks a stopped one left, after the indexing it resumes. */
  async resume(): Promise<void> {
    await this.load();
    if (this.ids.size > 0) this.schedule();
  }

  /** Resolves when no check is waiting or running (tests). */
  async settled(): Promise<void> {
    while (this.run) await this.run;
  }

  private schedule(): void {
    this.run ??= (async () => {
      while (this.ids.size > 0) {
        await this.host.indexedAll();
        const ids = [...this.ids];
        const changed = await recheckDuplicates(this.host, ids);
        for (const id of ids) this.ids.delete(id);
        await this.save();
        if (changed.length > 0) this.host.changed(changed);
      }
    })().catch(() => undefined).finally(() => {
      this.run = null;
    });
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    const row = await this.host.db.kv.get(RECHECK_KEY);
    if (Array.isArray(row?.value)) for (const id of row.value) if (typeof id === 'string') this.ids.add(id);
    this.loaded = true;
  }

  private async save(): Promise<void> {
    if (this.ids.size === 0) await this.host.db.kv.delete(RECHECK_KEY);
    else await this.host.db.kv.put({ key: RECHECK_KEY, value: [...this.ids] });
  }
}

/**
 * Checks the stored papers of `ids` that have no duplicate verdict against the whole candidate index, stores the
 * verdicts found, and returns those papers' ids. Same rules as a listing's check (duplicates/confirm.ts).
 */
export async function recheckDuplicates(store: Pick<RecheckHost, 'db' | 'now' | 'candidates'>, ids: readonly string[]): Promise<string[]> {
  const candidates = await store.candidates.get();
  const now = store.now();
  const texts = new ListingTexts(now);
  const { papers } = store.db;
  return store.db.transaction('rw', [papers], async () => {
    const records = (await papers.bulkGet([...ids])).filter((record): record is StoredPaper => record !== undefined && !record.dupOf);
    if (records.length === 0) return [];
    const keys = new Map<string, CandidateKeys>(records.map((record) => [record.id, texts.keys(record)]));
    const candidateIds = candidatesOf(records, keys, candidates);
    const known = new Map<string, StoredPaper>(records.map((record) => [record.id, record]));
    await readMissing(store.db, known, new Set([...candidateIds.values()].flat()));
    const verdicts = confirmDuplicates(records, candidateIds, known, (paper) => texts.features(paper));
    const changed = records.filter((record) => verdicts.get(record.id));
    for (const record of changed) {
      applyVerdict(record, verdicts.get(record.id) ?? null, now);
      touch(record, now);
    }
    if (changed.length > 0) await papers.bulkPut(changed);
    return changed.map((record) => record.id);
  });
}
