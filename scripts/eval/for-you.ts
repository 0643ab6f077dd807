/**
 * "For you" on the labelled real papers (eval/labels: two independent readings of four pools of 40 papers from
 * ../shared; lenient = a pair either reader marked, strict = both). A simulated reader likes (stars or reads)
 * two papers of one labelled group and has seen and skipped 30 papers of the other pools; the listing is every
 * other pool paper (about 130, a week's page). A pick is right when the labels relate it to a liked paper.
 * Reports precision@5 (lenient and strict) of For you, of a plain TF-IDF centroid of the liked papers, and of a
 * random pick (its expectation), over every such reader. Part of `npm run eval` (scripts/eval.ts); skips without ../shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../../src/core/types';
import { FOR_YOU_SHAPE, rankByCentroid, rankForYou, type ForYouShape } from '../../src/core/for-you/rank';
import { vectorize } from '../../src/core/for-you/vectors';
import { decision, trainLinearSvm } from './linear-svm';
import { loadSharedPapers } from '../../e2e/fixtures/shared-data';
import { makeRng } from '../../e2e/fixtures/synthetic';

const labelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../eval/labels');
const TOP = 5;
const SKIPPED = 30;
const LIKED_PER_READER = 2;
/** The shapes of the For you score tried when its figure is held out (the shipped one among them). */
const SHAPES: ForYouShape[] = [1, 2, 3].flatMap((neighbours) => [0, 0.25, 0.5, 0.75].map((skippedShare) => ({ neighbours, skippedShare })));
const shapeName = (shape: ForYouShape): string => `${shape.neighbours} nearest, skipped x${shape.skippedShare}`;

interface Pools { pools: Array<{ name: string; ids: string[] }> }
interface Labels { pools: Record<string, Array<{ a: string; b: string }>> }

export interface ForYouFigures {
  readers: number;
  /** What a perfect ranking would reach: some readers' listings hold fewer than five related papers. */
  bestPossibleLenient: number;
  /** The shipped shape, chosen on all pools (not held out). */
  forYouLenient: number;
  forYouStrict: number;
  /** Held out: each pool's readers scored with the shape that did best on the other pools' readers. */
  heldOutLenient: number;
  heldOutStrict: number;
  /** The shape each held-out pool got. */
  heldOutShapes: string[];
  /** Picks shown at the product's line (at most five), and the share of them the labels relate to a liked paper. */
  shownPerReader: number;
  shownPrecisionLenient: number;
  /** arxiv-sanity-lite's way: a linear SVM per reader (liked against every other paper, C = 0.01, balanced). */
  svmLenient: number;
  svmStrict: number;
  centroidLenient: number;
  centroidStrict: number;
  randomLenient: number;
  randomStrict: number;
}

const key = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);

function readJson<T>(file: string): T | null {
  const full = path.join(labelsDir, file);
  return existsSync(full) ? (JSON.parse(readFileSync(full, 'utf8')) as T) : null;
}

/** Connected groups of the lenient graph with at least three papers. */
function groups(ids: readonly string[], edges: ReadonlySet<string>): string[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x) as string));
  for (const edge of edges) {
    const [a, b] = edge.split(' ') as [string, string];
    if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  }
  const byRoot = new Map<string, string[]>();
  for (const id of ids) byRoot.set(find(id), [...(byRoot.get(find(id)) ?? []), id]);
  return [...byRoot.values()].filter((group) => group.length >= 3);
}

/** The top five by a per-reader linear SVM trained as arxiv-sanity-lite trains one per tag. */
function svmRanking(liked: readonly Paper[], skipped: readonly Paper[], listed: readonly Paper[]): number[] {
  const { vectors } = vectorize([...liked, ...skipped, ...listed]);
  const labels = vectors.map((_, i) => (i < liked.length ? 1 : -1) as 1 | -1);
  const model = trainLinearSvm(vectors, labels, { c: 0.01, epochs: 30, seed: 1 });
  const offset = liked.length + skipped.length;
  return listed
    .map((_, index) => ({ index, score: decision(model, vectors[offset + index]!) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, TOP)
    .map((entry) => entry.index);
}

export function evaluateForYou(scenario: 'one-topic' | 'two-topics'): ForYouFigures | string {
  const papers = loadSharedPapers();
  if (!papers) return 'For you: skipped (../shared/data is absent)';
  const pools = readJson<Pools>('pools.json');
  const first = readJson<Labels>('reader-1.json');
  const second = readJson<Labels>('reader-2.json');
  if (!pools || !first || !second) return 'For you: skipped (eval/labels is incomplete)';
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const lenient = new Set<string>();
  const strict = new Set<string>();
  const secondKeys = new Set(Object.values(second.pools).flat().map((pair) => key(pair.a, pair.b)));
  for (const pair of Object.values(first.pools).flat()) if (secondKeys.has(key(pair.a, pair.b))) strict.add(key(pair.a, pair.b));
  for (const labels of [first, second]) for (const pair of Object.values(labels.pools).flat()) lenient.add(key(pair.a, pair.b));

  const rng = makeRng(20261202);
  const sums = { readers: 0, oracle: 0, shown: 0, shownRelated: 0, svmLenient: 0, svmStrict: 0, forYouLenient: 0, forYouStrict: 0, centroidLenient: 0, centroidStrict: 0, randomLenient: 0, randomStrict: 0 };
  const allIds = pools.pools.flatMap((entry) => entry.ids);
  const interests: string[][] = [];
  for (const pool of pools.pools) {
    for (const group of groups(pool.ids, lenient)) {
      const pairs: Array<[string, string]> = [];
      for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) if (lenient.has(key(group[i]!, group[j]!))) pairs.push([group[i]!, group[j]!]);
      interests.push(...pairs);
    }
  }
  // One-topic readers, and readers of two topics (two liked pairs from different groups), as most researchers are.
  const readers: string[][] = scenario === 'one-topic' ? interests : interests.map((pair, i) => {
    const other = interests[(i * 7 + 3) % interests.length] as string[];
    return other === pair || other.some((id) => pair.includes(id)) ? pair : [...pair, ...other];
  });
  const poolOf = new Map(pools.pools.flatMap((pool, p) => pool.ids.map((id) => [id, p] as const)));
  /** Per reader: its pool and, for each shape, its lenient and strict precision. */
  const perShape: Array<{ pool: number; lenient: number[]; strict: number[] }> = [];
  for (const likedIds of readers) {
      {
        // Seen and skipped: any pool's papers but the liked ones and those the labels relate to them (a reader who
        // likes a topic stars what they see of it); same-area papers among them teach the model what is not it.
        const near = new Set(allIds.filter((id) => likedIds.some((liked) => liked === id || lenient.has(key(liked, id)))));
        const skippedIds = allIds.filter((id) => !near.has(id)).sort(() => rng() - 0.5).slice(0, SKIPPED);
        const excluded = new Set([...likedIds, ...skippedIds]);
        const listedIds = allIds.filter((id) => !excluded.has(id));
        const get = (id: string): Paper => byId.get(id) as Paper;
        const liked = likedIds.map(get);
        const listed = listedIds.map(get);
        const relevant = (edges: ReadonlySet<string>) => (index: number): boolean => likedIds.some((id) => edges.has(key(id, listedIds[index]!)));
        const precision = (picked: readonly number[], edges: ReadonlySet<string>): number => picked.filter(relevant(edges)).length / TOP;
        const skipped = skippedIds.map(get);
        const rankAll = (shape: ForYouShape): number[] => rankForYou(liked, skipped, listed, { max: TOP, minScore: -Infinity, minCloseness: 0, shape }).map((pick) => pick.index);
        const byShape = SHAPES.map(rankAll);
        perShape.push({ pool: poolOf.get(likedIds[0]!) ?? 0, lenient: byShape.map((picked) => precision(picked, lenient)), strict: byShape.map((picked) => precision(picked, strict)) });
        const forYou = rankAll(FOR_YOU_SHAPE);
        const shown = rankForYou(liked, skipped, listed).map((pick) => pick.index);
        const centroid = rankByCentroid(liked, listed, TOP);
        const svm = svmRanking(liked, skipped, listed);
        sums.readers++;
        sums.oracle += Math.min(TOP, listed.filter((_, i) => relevant(lenient)(i)).length) / TOP;
        sums.forYouLenient += precision(forYou, lenient);
        sums.forYouStrict += precision(forYou, strict);
        sums.shown += shown.length;
        sums.shownRelated += shown.filter(relevant(lenient)).length;
        sums.svmLenient += precision(svm, lenient);
        sums.svmStrict += precision(svm, strict);
        sums.centroidLenient += precision(centroid, lenient);
        sums.centroidStrict += precision(centroid, strict);
        sums.randomLenient += listed.filter((_, i) => relevant(lenient)(i)).length / listed.length;
        sums.randomStrict += listed.filter((_, i) => relevant(strict)(i)).length / listed.length;
      }
  }
  const n = Math.max(1, sums.readers);
  let heldOutLenient = 0;
  let heldOutStrict = 0;
  const heldOutShapes: string[] = [];
  pools.pools.forEach((pool, p) => {
    const others = perShape.filter((reader) => reader.pool !== p);
    const mine = perShape.filter((reader) => reader.pool === p);
    if (mine.length === 0) return;
    const mean = (k: number): number => others.reduce((sum, reader) => sum + (reader.lenient[k] as number), 0) / Math.max(1, others.length);
    let best = 0;
    SHAPES.forEach((_, k) => { if (mean(k) > mean(best)) best = k; });
    heldOutShapes.push(`${pool.name}: ${shapeName(SHAPES[best]!)}`);
    for (const reader of mine) {
      heldOutLenient += reader.lenient[best] as number;
      heldOutStrict += reader.strict[best] as number;
    }
  });
  return {
    heldOutLenient: heldOutLenient / n,
    heldOutStrict: heldOutStrict / n,
    heldOutShapes,
    readers: sums.readers,
    bestPossibleLenient: sums.oracle / n,
    forYouLenient: sums.forYouLenient / n,
    forYouStrict: sums.forYouStrict / n,
    shownPerReader: sums.shown / n,
    shownPrecisionLenient: sums.shown === 0 ? 0 : sums.shownRelated / sums.shown,
    svmLenient: sums.svmLenient / n,
    svmStrict: sums.svmStrict / n,
    centroidLenient: sums.centroidLenient / n,
    centroidStrict: sums.centroidStrict / n,
    randomLenient: sums.randomLenient / n,
    randomStrict: sums.randomStrict / n,
  };
}
