/**
 * How strongly two papers are related, from the evidence they share (see RelatedIndex): a logistic model over
 * the cosine of their weighted terms and the part of it carried by specific terms (named methods, models and
 * datasets such as "LoRA" or "SD3", and phrases of two non-generic words such as "Gaussian splatting"). Shared
 * broad words ("3D", "video", "LLMs") add to the cosine but not to the specific part.
 *
 * The strength is a number in (0, 1); a link is shown when it reaches the reader's line
 * (Settings.relatedThreshold, default RELATED_LINE), and a card shows more than STRONG_LINK_COUNT links only
 * when they reach STRONG_LINE.
 */
export interface PairEvidence {
  /** Cosine of the two papers' weighted term vectors, 0..1. */
  cosine: number;
  /** The part of the cosine carried by shared specific terms, 0..cosine. */
  specific: number;
  /** Cosine of the two titles (and the site's keywords), 0..1: a title names the paper's specific problem. */
  title: number;
  /** The part of the cosine carried by terms only these two papers of the page share, 0..cosine. */
  exclusive: number;
}

export interface RelatedModel {
  bias: number;
  cosine: number;
  specific: number;
  title: number;
  exclusive: number;
}

/**
 * Coefficients and line fitted on all four labelled pools (eval/labels) by `npm run eval`, which prints them
 * ("fitted on all pools") and reports figures only for models fitted without the pool they are measured on.
 */
export const RELATED_MODEL: RelatedModel = { bias: -6.64, cosine: 35.66, specific: -10.09, title: 1.05, exclusive: 1.47 };

/** The default line: a link is shown at this strength and above. */
export const RELATED_LINE = 0.55;
/** Links a card shows unless the evidence is strong. */
export const STRONG_LINK_COUNT = 3;
export const STRONG_LINE = 0.85;

export function linkStrength(evidence: PairEvidence, model: RelatedModel = RELATED_MODEL): number {
  const z = model.bias + model.cosine * evidence.cosine + model.specific * evidence.specific + model.title * evidence.title + model.exclusive * evidence.exclusive;
  return 1 / (1 + Math.exp(-z));
}

/** The strength a pair needs without a term worth at most `weight` to reach `floor` with it. */
export function strengthWithout(floor: number, weight: number): number {
  if (floor <= 0 || weight <= 0) return floor;
  if (floor >= 1) return 1;
  const z = Math.log(floor / (1 - floor)) - weight;
  return 1 / (1 + Math.exp(-z));
}

/** A strength in words, as the related list shows it (a bare "41%" says nothing a reader can use). */
export function strengthWords(strength: number): 'Strong match' | 'Good match' | 'Fair match' {
  if (strength >= STRONG_LINE) return 'Strong match';
  if (strength >= (1 + RELATED_LINE) / 2) return 'Good match';
  return 'Fair match';
}
