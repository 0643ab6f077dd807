/** Failures the store answers with, in plain words for the reader. */
import type { ErrorBody, ErrorCode } from '../../core/messages';

export class RequestFailure extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'RequestFailure';
  }
}

function names(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const named = current as { name?: unknown; inner?: unknown; failures?: unknown[] };
    if (typeof named.name === 'string') out.push(named.name);
    if (Array.isArray(named.failures) && named.failures[0]) out.push(...names(named.failures[0]));
    current = named.inner;
  }
  return out;
}

/** Maps any thrown value to the answer's error body. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof RequestFailure) return { code: error.code, message: error.message };
  const all = names(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (all.some((name) => name === 'QuotaExceededError')) {
    return { code: 'quota', message: 'Paper Lens could not save: the browser says its storage is full. Free some disk space or export and clear old history.' };
  }
  if (all.some((name) => name === 'BlockedError')) {
    return { code: 'blocked', message: 'Paper Lens is waiting to update its database: another window still uses the old version. Close other Paper Lens pages and try again.' };
  }
  if (all.some((name) => ['OpenFailedError', 'VersionError', 'DatabaseClosedError', 'InvalidStateError', 'UnknownError', 'MissingAPIError', 'UpgradeError'].includes(name))) {
    return { code: 'open-failed', message: `Paper Lens could not open its database (${detail}). Your data was left untouched; restarting the browser usually helps.` };
  }
  return { code: 'internal', message: `Paper Lens hit an unexpected error: ${detail}` };
}
