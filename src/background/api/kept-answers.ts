/**
 * Answers of the requests that report what they changed (data/clear, backup/merge), kept by the request's
 * `requestId` in the same transaction as the change. A request sent again because its reply was lost (the worker
 * stopped after committing) is answered with the first answer instead of "nothing changed".
 */
import type { PaperLensDb } from '../db/db';

const PREFIX = 'answer:';
/** Long past any retry of the transport (seconds), short enough that the rows stay few. */
const KEEP_MS = 60 * 60_000;

interface KeptAnswer {
  at: number;
  payload: unknown;
}

const keyOf = (requestId: string): string => `${PREFIX}${requestId}`;

/** The kept answer of an earlier send of this request, if any. Call inside a transaction that includes kv. */
export async function earlierAnswer<T>(db: PaperLensDb, requestId: string | undefined): Promise<T | undefined> {
  if (typeof requestId !== 'string' || requestId === '') return undefined;
  const row = await db.kv.get(keyOf(requestId));
  return row ? ((row.value as KeptAnswer).payload as T) : undefined;
}

/** Keeps this answer under the request's id and drops answers older than an hour. Call inside the change's transaction. */
export async function keepAnswer(db: PaperLensDb, requestId: string | undefined, payload: unknown, now: number): Promise<void> {
  if (typeof requestId !== 'string' || requestId === '') return;
  const old = await db.kv
    .where(':id')
    .between(PREFIX, `${PREFIX}\uffff`)
    .filter((row) => ((row.value as KeptAnswer | undefined)?.at ?? 0) < now - KEEP_MS)
    .primaryKeys();
  if (old.length > 0) await db.kv.bulkDelete(old);
  await db.kv.put({ key: keyOf(requestId), value: { at: now, payload } satisfies KeptAnswer });
}
