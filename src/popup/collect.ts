/** Reads every paper of a view and query, page by page, for an export. */
import type { PaperRecord } from '../core/records';
import type { FetchHistoryPage, HistoryQuery } from './history-pager';

export const COLLECT_PAGE_SIZE = 500;

export async function collectPapers(
  fetchPage: FetchHistoryPage,
  query: HistoryQuery,
  onProgress: (done: number, total: number) => void = () => {},
  signal?: AbortSignal,
): Promise<PaperRecord[]> {
  const byId = new Map<string, PaperRecord>();
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const { rows, total } = await fetchPage({ ...query, offset, limit: COLLECT_PAGE_SIZE });
    for (const row of rows) if (!byId.has(row.paper.id)) byId.set(row.paper.id, row.paper);
    offset += rows.length;
    onProgress(Math.min(offset, total), total);
    if (rows.length < COLLECT_PAGE_SIZE || offset >= total) break;
  }
  return [...byId.values()];
}
