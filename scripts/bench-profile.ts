/**
 * Where the content script's time goes on a 1000-card page: a V8 CPU profile (CDP Profiler, 100 µs sampling) of
 * the load with an unminified build of the same source, summarised as self time per function among the samples
 * that have content.js on the stack (so DOM calls made by the content script show under their own names).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LaunchedExtension } from '../e2e/launch';
import { generateSyntheticSet } from '../e2e/fixtures/synthetic';
import { BLANK_PATH } from './bench-load';
import { round } from './bench-report';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileRow {
  function: string;
  where: string;
  selfMs: number;
}

export interface ProfileSummary {
  /** Time with content.js anywhere on the stack. */
  contentTotalMs: number;
  /** Self time per function under content.js, largest first. */
  top: ProfileRow[];
  /** Self time per source module of the bundle (from its `// src/...` comments). */
  modules: ProfileRow[];
}

/** Maps a line of an unminified esbuild bundle to the module it came from (esbuild writes `// path` before each). */
export function moduleLocator(bundleText: string): (line: number) => string {
  const starts: Array<{ line: number; module: string }> = [];
  bundleText.split('\n').forEach((text, index) => {
    const match = /^\s*\/\/ ((?:src|node_modules|e2e)\/\S+)$/.exec(text);
    if (match?.[1]) starts.push({ line: index, module: match[1] });
  });
  return (line) => {
    let found = '?';
    for (const start of starts) {
      if (start.line > line) break;
      found = start.module;
    }
    return found;
  };
}

export function summariseProfile(profile: CpuProfile, scriptUrl: string, locate: (line: number) => string = () => ''): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const underScript = new Map<number, boolean>();
  const isUnder = (id: number): boolean => {
    const known = underScript.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = node !== undefined && (node.callFrame.url === scriptUrl || (up !== undefined && isUnder(up)));
    underScript.set(id, result);
    return result;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map<number, number>();
  for (let i = 0; i < samples.length; i++) {
    // A sample's duration is the gap to the next sample.
    const gap = deltas[i + 1] ?? 0;
    const id = samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, gap));
  }
  const rows = new Map<string, ProfileRow>();
  const modules = new Map<string, ProfileRow>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    if (!isUnder(id)) continue;
    totalUs += us;
    const frame = byId.get(id)!.callFrame;
    const inScript = frame.url === scriptUrl;
    const name = frame.functionName || (inScript ? '(anonymous)' : '(native)');
    const where = inScript ? `${locate(frame.lineNumber)}:${frame.lineNumber + 1}` : frame.url ? frame.url : 'browser';
    const rowKey = `${name}|${where}`;
    const row = rows.get(rowKey) ?? { function: name, where, selfMs: 0 };
    row.selfMs += us / 1000;
    rows.set(rowKey, row);
    const moduleName = inScript ? locate(frame.lineNumber) || 'content.js' : '(browser: DOM, GC, natives)';
    const moduleRow = modules.get(moduleName) ?? { function: moduleName, where: '', selfMs: 0 };
    moduleRow.selfMs += us / 1000;
    modules.set(moduleName, moduleRow);
  }
  const sortRows = (list: Iterable<ProfileRow>): ProfileRow[] => [...list].sort((a, b) => b.selfMs - a.selfMs).map((row) => ({ ...row, selfMs: round(row.selfMs) }));
  return { contentTotalMs: round(totalUs / 1000), top: sortRows(rows.values()), modules: sortRows(modules.values()) };
}

export async function profileContentLoad(launched: LaunchedExtension, extensionDir: string, cards: number): Promise<{ summary: ProfileSummary; file: string }> {
  const { papers } = generateSyntheticSet({ seed: 777, count: cards, plant: true, startDate: '2040-01-01' });
  const path = '/papers/date/2040-01-01';
  launched.site.setPage(path, { papers, layout: 'payload' });
  launched.site.setHtml(BLANK_PATH, '<!doctype html><title>bench</title>');
  const page = await launched.context.newPage();
  try {
    await page.goto(`https://huggingface.co${BLANK_PATH}`);
    const cdp = await launched.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`https://huggingface.co${path}`);
    await page.waitForSelector('html[data-paper-lens-ready]', { state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(300);
    const { profile } = await cdp.send('Profiler.stop');
    const dir = join(tmpdir(), 'paper-lens-bench');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `content-${cards}-cards.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const scriptUrl = `chrome-extension://${launched.extensionId}/content.js`;
    const locate = moduleLocator(readFileSync(join(extensionDir, 'content.js'), 'utf8'));
    return { summary: summariseProfile(profile as CpuProfile, scriptUrl, locate), file };
  } finally {
    await page.close();
  }
}
