/**
 * A linear SVM over sparse vectors (L2-regularised hinge loss, trained by dual coordinate descent as in
 * LIBLINEAR), with the cost of each class scaled by its share like scikit-learn's `class_weight='balanced'`,
 * so a reader's few liked papers weigh as much as the many skipped ones. arxiv-sanity-lite ranks by the same
 * kind of model (C = 0.01) trained per reader tag.
 */
import type { SparseVector } from '../../src/core/for-you/vectors';
import { makeRng } from '../../e2e/fixtures/synthetic';

export interface SvmOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Passes over the data at most. */
  epochs: number;
  /** Seed of the visiting order, so a ranking is the same for the same history. */
  seed: number;
}

export interface LinearModel {
  weights: SparseVector;
  bias: number;
}

/** Trains on `vectors` labelled +1 / -1. The bias is learnt as the weight of a constant feature. */
export function trainLinearSvm(vectors: readonly SparseVector[], labels: readonly (1 | -1)[], options: SvmOptions): LinearModel {
  const n = vectors.length;
  const positives = labels.filter((label) => label === 1).length;
  const negatives = n - positives;
  const weights: SparseVector = new Map();
  let bias = 0;
  if (positives === 0 || negatives === 0) return { weights, bias };
  const upper = labels.map((label) => options.c * (n / (2 * (label === 1 ? positives : negatives))));
  const alpha = new Float64Array(n);
  // ||x||^2 plus the constant feature's 1.
  const diagonal = vectors.map((vector) => {
    let sum = 1;
    for (const value of vector.values()) sum += value * value;
    return sum;
  });
  const order = Array.from({ length: n }, (_, i) => i);
  const next = makeRng(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let largestStep = 0;
    for (const i of order) {
      const vector = vectors[i] as SparseVector;
      const y = labels[i] as 1 | -1;
      let margin = bias;
      for (const [term, value] of vector) margin += (weights.get(term) ?? 0) * value;
      const gradient = y * margin - 1;
      const previous = alpha[i] as number;
      const updated = Math.min(Math.max(previous - gradient / (diagonal[i] as number), 0), upper[i] as number);
      const step = updated - previous;
      if (step === 0) continue;
      alpha[i] = updated;
      largestStep = Math.max(largestStep, Math.abs(step));
      for (const [term, value] of vector) weights.set(term, (weights.get(term) ?? 0) + step * y * value);
      bias += step * y;
    }
    if (largestStep < 1e-6) break;
  }
  return { weights, bias };
}

export function decision(model: LinearModel, vector: SparseVector): number {
  let sum = model.bias;
  for (const [term, value] of vector) sum += (model.weights.get(term) ?? 0) * value;
  return sum;
}
