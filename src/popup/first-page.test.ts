import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_PAGE_SIZE, type FetchHistoryPage } from './history-pager';
import { startFirstPage, takeFirstPage, TAB_KEY } from './first-page';

function savedTab(value: string | null): void {
  vi.stubGlobal('localStorage', { getItem: (key: string) => (key === TAB_KEY ? value : null) });
}

afterEach(() => vi.unstubAllGlobals());

describe('the first page the boot script asks for', () => {
  it('is asked for once, for the tab the popup opens on, and taken by the app once', async () => {
    savedTab('starred');
    const calls: unknown[] = [];
    const fetch: FetchHistoryPage = async (request) => {
      calls.push(request);
      return { rows: [], total: 7 };
    };
    const scope = {};
    startFirstPage(scope, fetch);
    expect(calls).toEqual([{ view: 'starred', query: '', offset: 0, limit: FIRST_PAGE_SIZE }]);
    const first = takeFirstPage(scope);
    expect(first?.query).toEqual({ view: 'starred', query: '' });
    await expect(first?.answer).resolves.toEqual({ rows: [], total: 7 });
    expect(takeFirstPage(scope)).toBeUndefined();
  });

  it('asks for the history under the dashboard, and when no tab or an unknown one was saved', () => {
    for (const [saved, view] of [['dashboard', 'history'], [null, 'history'], ['bogus', 'history'], ['read', 'read']] as const) {
      savedTab(saved);
      const scope = {};
      startFirstPage(scope, async () => ({ rows: [], total: 0 }));
      expect(takeFirstPage(scope)?.query.view).toBe(view);
    }
  });

  it('leaves nothing to take when the boot did not run', () => {
    expect(takeFirstPage({})).toBeUndefined();
  });

  it('keeps a failed answer for the list to show, without an unhandled rejection', async () => {
    savedTab(null);
    const scope = {};
    startFirstPage(scope, async () => {
      throw new Error('The store is not answering');
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(takeFirstPage(scope)?.answer).rejects.toThrow('The store is not answering');
  });
});
