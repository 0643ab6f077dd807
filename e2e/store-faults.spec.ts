/**
 * The service worker can stop at any moment: a stopped worker wakes on the next message and answers with the
 * stored data, and nothing written before (or retried across) the stop is lost. State survives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, launchExtension } from './harness';
import { generateSyntheticSet } from './fixtures/synthetic';
import type { Paper } from '../src/core/types';
import { extensionPage, request, statesOf, stopServiceWorkers } from './store-helpers';

const listing = (date: string) => ({ kind: 'day', key: `day:${date}`, url: `https://huggingface.co/papers/date/${date}`, period: date });

test('a worker stopped mid-flow loses nothing and wakes with real data', async ({ context, extensionId }) => {
  const { papers } = generateSyntheticSet({ seed: 21, count: 30 });
  const ext = await extensionPage(context, extensionId);
  expect((await request<{ ok: boolean }>(ext, { type: 'page/listed', page: listing('2024-03-11'), papers: papers.slice(0, 20) })).ok).toBe(true);

  // A burst of stars with the worker stopped in the middle; the sender retries like the content side.
  const starred = papers.slice(0, 12).map((paper) => paper.id);
  const burst = Promise.all(starred.map((id) => request<{ ok: boolean }>(ext, { type: 'paper/set-starred', id, starred: true })));
  await stopServiceWorkers(ext);
  const answers = await burst;
  expect(answers.every((answer) => answer.ok)).toBe(true);

  await stopServiceWorkers(ext);
  // The first answer after waking is the stored state, not a default.
  const states = await statesOf(ext, starred);
  expect(states.every((state) => state.starredAt !== undefined)).toBe(true);

  await stopServiceWorkers(ext);
  const next = await request<{ ok: boolean; states: Array<{ id: string; seenBefore: boolean }> }>(ext, { type: 'page/listed', page: listing('2024-03-12'), papers: papers.slice(15, 30) });
  expect(next.states.filter((state) => state.seenBefore).map((state) => state.id)).toEqual(papers.slice(15, 20).map((paper) => paper.id));
  const history = await request<{ ok: boolean; total: number }>(ext, { type: 'history/list', view: 'starred', offset: 0, limit: 50 });
  expect(history.total).toBe(12);
});

test('a listing answered just before the worker stops is stored exactly once', async ({ context, extensionId }) => {
  const { papers } = generateSyntheticSet({ seed: 22, count: 40 });
  const ext = await extensionPage(context, extensionId);
  const ids = papers.map((paper) => paper.id);
  // The answer leaves before the write commits; the worker stops right then, its write done or not.
  const raw = await ext.evaluate(async (body) => chrome.runtime.sendMessage(body), { type: 'page/listed', page: listing('2024-03-11'), papers }) as { ok: boolean; receipt?: string };
  expect(raw).toMatchObject({ ok: true, receipt: expect.any(String) });
  await stopServiceWorkers(ext);
  // What the content side does next: ask with the receipt (a woken worker knows none), send again if not stored.
  const settled = await request<{ ok: boolean; recorded: boolean }>(ext, { type: 'listing/settled', receipt: raw.receipt });
  expect(settled).toMatchObject({ ok: true, recorded: false });
  await request(ext, { type: 'page/listed', page: listing('2024-03-11'), papers });
  const stored = await request<{ ok: boolean; papers: Array<{ id: string; listedCount: number }> }>(ext, { type: 'papers/get', ids });
  expect(stored.papers.map((paper) => [paper.id, paper.listedCount])).toEqual(ids.map((id) => [id, 1]));
  const sightings = await request<{ ok: boolean; total: number }>(ext, { type: 'backup/read', table: 'sightings', offset: 0, limit: 1 });
  expect(sightings.total).toBe(papers.length);
});

test('reading state survives a browser restart with the same profile', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'paper-lens-restart-'));
  const { papers } = generateSyntheticSet({ seed: 33, count: 10 });
  try {
    const first = await launchExtension({ userDataDir });
    const ext = await extensionPage(first.context, first.extensionId);
    await request(ext, { type: 'page/listed', page: listing('2024-03-11'), papers: papers.slice(0, 6) });
    await request(ext, { type: 'paper/set-starred', id: papers[0]!.id, starred: true });
    await request(ext, { type: 'paper/set-read', id: papers[1]!.id, read: true });
    await request(ext, { type: 'settings/set', patch: { relatedCount: 2 } });
    await first.context.close();

    const second = await launchExtension({ userDataDir });
    try {
      const page = await extensionPage(second.context, second.extensionId);
      const [star, read] = await statesOf(page, [papers[0]!.id, papers[1]!.id]);
      expect(star?.starredAt).toBeDefined();
      expect(read?.readAt).toBeDefined();
      const settings = await request<{ settings: { relatedCount: number } }>(page, { type: 'settings/get' });
      expect(settings.settings.relatedCount).toBe(2);
      const next = await request<{ states: Array<{ id: string; seenBefore: boolean }> }>(page, { type: 'page/listed', page: listing('2024-03-12'), papers: papers.slice(4, 10) as Paper[] });
      expect(next.states.filter((state) => state.seenBefore).map((state) => state.id)).toEqual(papers.slice(4, 6).map((paper) => paper.id));
    } finally {
      await second.context.close();
    }
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
