/**
 * Related links on the labelled real set (see labelled.ts), Paper Lens beside the peer (arxiv-sanity-lite's
 * TF-IDF cosine, given the same number of links per card):
 *  - page links: each pool analysed as one listing page, every pair a card shows;
 *  - "close to papers you starred": in each pool a reader starred every fifth paper (five rotations, so each
 *    paper is starred once); the other papers of the pool are listed and linked to the starred ones.
 * The strength model is fitted leave-one-pool-out: for each pool, its coefficients and line come from the
 * other pools only, and the figures are that pool's; they are summed over the four held-out pools.
 */
import type { Paper } from '../../src/core/types';
import { analysePage } from '../../src/core/analyse';
import { RelatedIndex, addPaper, relatedToReference, type RelatedModel } from '../../src/core/related';
import { RELATED_LINE, RELATED_MODEL } from '../../src/core/related-model';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { MAX_READER_RELATED } from '../../src/background/related/reader-related';
import { loadSharedPapers } from '../../e2e/fixtures/shared-data';
import { countPairs, emptyCounts, loadLabelledPools, pairKey, type LabelledPool, type PairCounts } from './labelled';
import { cosine, peerVectors } from './peer-tfidf';

const STAR_ROTATIONS = 5;
/**
 * Line chosen on the training pools: the most strict recall with lenient precision at least this; when no line
 * reaches it, the most precise line (a reader trusts few good links more than many mixed ones).
 */
const TRAINING_PRECISION = 0.75;
const LINES = Array.from({ length: 18 }, (_, k) => 0.1 + k * 0.05);

export interface Scored { model: RelatedModel; line: number }

export interface RealRelatedResult {
  skipped?: string;
  readers?: string[];
  page?: { paperLens: PairCounts; peer: PairCounts; links: number };
  starred?: { paperLens: PairCounts; peer: PairCounts };
  shipped?: { page: PairCounts; starred: PairCounts };
  heldOut?: Array<{ pool: string } & Scored>;
  /** Fitted on every pool: what related-model.ts ships. */
  fittedOnAll?: Scored;
  strictPairs?: number;
  lenientPairs?: number;
}

/** Page links of one pool: the pairs shown and how many links each card shows. */
function pageLinks(pool: LabelledPool, scored: Scored): { shown: Set<string>; perCard: number[] } {
  const analysis = analysePage(pool.papers, { relatedThreshold: scored.line, maxRelated: DEFAULT_SETTINGS.relatedCount }, scored.model);
  const shown = new Set<string>();
  const perCard = analysis.related.map((links, i) => {
    for (const link of links) shown.add(pairKey((pool.papers[i] as Paper).id, link.id));
    return links.length;
  });
  return { shown, perCard };
}

/** The peer's pairs when card i shows its `perCard[i]` closest candidates. */
function peerLinks(papers: readonly Paper[], candidates: (i: number) => readonly Paper[], perCard: readonly number[], vectors: Map<string, Map<string, number>>): Set<string> {
  const shown = new Set<string>();
  papers.forEach((paper, i) => {
    const count = perCard[i] ?? 0;
    if (count === 0) return;
    const ranked = candidates(i).filter((other) => other.id !== paper.id)
      .map((other) => ({ id: other.id, score: cosine(vectors.get(paper.id), vectors.get(other.id)) }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
    for (const other of ranked.slice(0, count)) shown.add(pairKey(paper.id, other.id));
  });
  return shown;
}

/** Starred-paper links of one pool over the rotations, with the peer given the same counts. */
function starredLinks(pool: LabelledPool, scored: Scored, vectors: Map<string, Map<string, number>> | null, into: { paperLens: PairCounts; peer: PairCounts }): void {
  for (let rotation = 0; rotation < STAR_ROTATIONS; rotation++) {
    const starred = pool.papers.filter((_, i) => i % STAR_ROTATIONS === rotation);
    const listed = pool.papers.filter((_, i) => i % STAR_ROTATIONS !== rotation);
    const starredIds = new Set(starred.map((paper) => paper.id));
    const crosses = (key: string): boolean => key.split('|').filter((id) => starredIds.has(id)).length === 1;
    const links = relatedToReference(listed, starred, { threshold: scored.line, max: MAX_READER_RELATED, model: scored.model });
    const shown = new Set<string>();
    links.forEach((found, i) => {
      for (const link of found) shown.add(pairKey((listed[i] as Paper).id, (starred[link.referenceIndex] as Paper).id));
    });
    countPairs(into.paperLens, shown, pool, crosses);
    if (vectors) countPairs(into.peer, peerLinks(listed, () => starred, links.map((found) => found.length), vectors), pool, crosses);
  }
}

/** Every pair's evidence and gold labels in one pool, each pool analysed as a page. */
function pairRows(pool: LabelledPool): Array<{ x: number[]; lenient: number }> {
  const index = new RelatedIndex();
  for (const paper of pool.papers) addPaper(index, paper);
  index.computeIdf();
  index.weigh(0, index.size);
  index.buildPostings();
  const rows: Array<{ x: number[]; lenient: number }> = [];
  for (let a = 0; a < pool.papers.length; a++) {
    for (let b = a + 1; b < pool.papers.length; b++) {
      const evidence = index.pairEvidence(a, b);
      const key = pairKey((pool.papers[a] as Paper).id, (pool.papers[b] as Paper).id);
      rows.push({ x: FEATURES.map((name) => evidence[name]), lenient: pool.lenient.has(key) ? 1 : 0 });
    }
  }
  return rows;
}

const FEATURES = ['cosine', 'specific', 'title', 'exclusive'] as const;

/** Logistic regression over FEATURES by Newton steps with a small ridge penalty. */
export function fitLogistic(rows: ReadonlyArray<{ x: readonly number[]; lenient: number }>): RelatedModel {
  const dims = FEATURES.length + 1;
  let w = new Array<number>(dims).fill(0);
  const ridge = 1e-3;
  for (let step = 0; step < 50; step++) {
    const grad = new Array<number>(dims).fill(0);
    const hess = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    for (const row of rows) {
      const f = [1, ...row.x];
      const z = f.reduce((sum, v, k) => sum + v * (w[k] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let i = 0; i < dims; i++) {
        grad[i] = (grad[i] as number) + ((p - row.lenient) * (f[i] as number));
        for (let j = 0; j < dims; j++) (hess[i] as number[])[j] = ((hess[i] as number[])[j] as number) + p * (1 - p) * (f[i] as number) * (f[j] as number);
      }
    }
    for (let i = 1; i < dims; i++) {
      grad[i] = (grad[i] as number) + ridge * (w[i] as number);
      (hess[i] as number[])[i] = ((hess[i] as number[])[i] as number) + ridge;
    }
    const delta = solve(hess, grad);
    w = w.map((v, k) => v - (delta[k] as number));
    if (Math.max(...delta.map(Math.abs)) < 1e-7) break;
  }
  const model: RelatedModel = { bias: w[0] as number, cosine: 0, specific: 0, title: 0, exclusive: 0 };
  FEATURES.forEach((name, k) => (model[name] = w[k + 1] as number));
  return model;
}

function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const lead = (a[col] as number[])[col] as number;
    if (Math.abs(lead) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = ((a[r] as number[])[col] as number) / lead;
      for (let c = col; c <= n; c++) (a[r] as number[])[c] = ((a[r] as number[])[c] as number) - factor * ((a[col] as number[])[c] as number);
    }
  }
  return a.map((row, i) => (Math.abs(row[i] as number) < 1e-12 ? 0 : (row[n] as number) / (row[i] as number)));
}

const precision = (hits: number, shown: number): number => (shown === 0 ? 1 : hits / shown);

/** The model and line for `held`: fitted and chosen on the other pools only. */
export function fitOn(training: readonly LabelledPool[]): Scored {
  const model = fitLogistic(training.flatMap(pairRows));
  let best: { line: number; recall: number; precision: number } | null = null;
  let mostPrecise = { line: LINES[LINES.length - 1] as number, precision: -1 };
  for (const line of LINES) {
    const counts = emptyCounts();
    for (const pool of training) countPairs(counts, pageLinks(pool, { model, line }).shown, pool);
    const p = precision(counts.lenientHits, counts.shown);
    const recall = counts.strictTotal === 0 ? 0 : counts.strictHits / counts.strictTotal;
    if (p > mostPrecise.precision) mostPrecise = { line, precision: p };
    if (p >= TRAINING_PRECISION && (!best || recall > best.recall)) best = { line, recall, precision: p };
  }
  return { model, line: best?.line ?? mostPrecise.line };
}

export function realRelated(): RealRelatedResult {
  const loaded = loadLabelledPools();
  if ('skipped' in loaded) return { skipped: loaded.skipped };
  const { pools, readers } = loaded;
  const corpus = loadSharedPapers() ?? [];
  const vectors = peerVectors(corpus);
  const page = { paperLens: emptyCounts(), peer: emptyCounts(), links: 0 };
  const starred = { paperLens: emptyCounts(), peer: emptyCounts() };
  const heldOut: Array<{ pool: string } & Scored> = [];
  for (const held of pools) {
    const scored = fitOn(pools.filter((pool) => pool !== held));
    heldOut.push({ pool: held.name, ...scored });
    const { shown, perCard } = pageLinks(held, scored);
    page.links += perCard.reduce((sum, count) => sum + count, 0);
    countPairs(page.paperLens, shown, held);
    countPairs(page.peer, peerLinks(held.papers, () => held.papers, perCard, vectors), held);
    starredLinks(held, scored, vectors, starred);
  }
  // The shipped model and line on all pools (fitted on all of them: not a held-out figure, shown for reference).
  const shipped = { page: emptyCounts(), starred: { paperLens: emptyCounts(), peer: emptyCounts() } };
  const shippedScored = { model: RELATED_MODEL, line: RELATED_LINE };
  for (const pool of pools) {
    countPairs(shipped.page, pageLinks(pool, shippedScored).shown, pool);
    starredLinks(pool, shippedScored, null, shipped.starred);
  }
  const total = (pick: (pool: LabelledPool) => Set<string>): number => pools.reduce((sum, pool) => sum + pick(pool).size, 0);
  return {
    readers, page, starred, heldOut, fittedOnAll: fitOn(pools),
    shipped: { page: shipped.page, starred: shipped.starred.paperLens },
    strictPairs: total((pool) => pool.strict), lenientPairs: total((pool) => pool.lenient),
  };
}
