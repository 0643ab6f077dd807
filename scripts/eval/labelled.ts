/**
 * The labelled real set: pools of 40 real papers (eval/labels/pools.json, ids only), each pair judged by two
 * independent readers (eval/labels/reader-*.json: the pairs each reader found related, by id). Strict gold is
 * the pairs both readers chose, lenient gold the pairs either chose. The papers' texts are read from ../shared.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../../src/core/types';
import { normaliseId } from '../../src/core/ids';
import { loadSharedPapers } from '../../e2e/fixtures/shared-data';

const labelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../eval/labels');

export interface LabelledPool {
  name: string;
  papers: Paper[];
  strict: Set<string>;
  lenient: Set<string>;
}

/** One key per unordered pair of ids. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

interface ReaderFile {
  reader?: unknown;
  pools?: Record<string, Array<{ a?: unknown; b?: unknown }>>;
}

/** The pools with their papers and gold pairs, or the reason they cannot be measured. */
export function loadLabelledPools(): { pools: LabelledPool[]; readers: string[] } | { skipped: string } {
  const poolsFile = path.join(labelsDir, 'pools.json');
  if (!existsSync(poolsFile)) return { skipped: 'eval/labels/pools.json is absent' };
  const shared = loadSharedPapers();
  if (!shared) return { skipped: '../shared/data is absent (the pools name papers by id; their texts live there)' };
  const byId = new Map(shared.map((paper) => [paper.id, paper]));
  const readerFiles = readdirSync(labelsDir).filter((file) => /^reader-.*\.json$/.test(file)).sort();
  if (readerFiles.length < 2) return { skipped: `eval/labels has ${readerFiles.length} reader file(s); two independent readings are needed` };
  const readers = readerFiles.map((file) => JSON.parse(readFileSync(path.join(labelsDir, file), 'utf8')) as ReaderFile);
  const spec = JSON.parse(readFileSync(poolsFile, 'utf8')) as { pools: Array<{ name: string; ids: string[] }> };
  const pools = spec.pools.map(({ name, ids }) => {
    const papers = ids.map((id) => {
      const paper = byId.get(normaliseId(id));
      if (!paper) throw new Error(`pool ${name}: paper ${id} is not in ../shared/data`);
      return paper;
    });
    const inPool = new Set(papers.map((paper) => paper.id));
    const votes = new Map<string, number>();
    readers.forEach((reader, r) => {
      const chosen = new Set<string>();
      for (const { a, b } of reader.pools?.[name] ?? []) {
        const x = normaliseId(String(a));
        const y = normaliseId(String(b));
        if (!inPool.has(x) || !inPool.has(y) || x === y) throw new Error(`${readerFiles[r]}: pair ${String(a)}-${String(b)} is not two papers of pool ${name}`);
        chosen.add(pairKey(x, y));
      }
      for (const key of chosen) votes.set(key, (votes.get(key) ?? 0) + 1);
    });
    const strict = new Set([...votes].filter(([, count]) => count >= readers.length).map(([key]) => key));
    const lenient = new Set(votes.keys());
    return { name, papers, strict, lenient };
  });
  return { pools, readers: readerFiles };
}

export interface PairCounts {
  shown: number;
  lenientHits: number;
  strictHits: number;
  strictTotal: number;
}

export const emptyCounts = (): PairCounts => ({ shown: 0, lenientHits: 0, strictHits: 0, strictTotal: 0 });

/** Adds the shown pairs of one pool (or one part of it) against gold restricted to `eligible` pairs. */
export function countPairs(counts: PairCounts, shown: ReadonlySet<string>, pool: LabelledPool, eligible: (key: string) => boolean = () => true): void {
  counts.shown += shown.size;
  for (const key of shown) {
    if (pool.lenient.has(key)) counts.lenientHits++;
    if (pool.strict.has(key)) counts.strictHits++;
  }
  for (const key of pool.strict) if (eligible(key)) counts.strictTotal++;
}

export function addCounts(into: PairCounts, from: PairCounts): void {
  into.shown += from.shown;
  into.lenientHits += from.lenientHits;
  into.strictHits += from.strictHits;
  into.strictTotal += from.strictTotal;
}
