/**
 * History duplicates of freshly listed papers: candidates from the in-memory candidate index, confirmed against
 * the stored text of at most CANDIDATES_PER_PAPER of them each.
 */
import type { DuplicateRule } from '../../core/types';
import { compareFeatures, duplicateFeatures, type DuplicateFeatures } from '../../core/duplicates';
import type { CandidateIndex, CandidateKeys } from './candidate-index';
import type { PaperLensDb, StoredPaper } from '../db/db';

/** Candidates confirmed per listed paper, those sharing the most keys first (keeps 250 papers fast). */
const CANDIDATES_PER_PAPER = 3;

const RULE_RANK: Record<DuplicateRule, number> = { 'same-id': 0, 'same-title': 1, 'near-abstract': 2 };

export type DuplicateVerdict = { id: string; rule: DuplicateRule } | null;

/** Duplicate features per paper id for one request (each paper's text is folded and shingled once). */
class FeatureCache {
  private readonly byId = new Map<string, DuplicateFeatures>();
  constructor(private readonly make: (paper: StoredPaper) => DuplicateFeatures) {}
  of(paper: StoredPaper): DuplicateFeatures {
    let features = this.byId.get(paper.id);
    if (!features) this.byId.set(paper.id, (features = this.make(paper)));
    return features;
  }
}

/**
 * The best earlier-known paper `record` repeats: same title before near abstract, read/starred first, oldest.
 * Same rules as matchKnownPaper (compareFeatures on the known and the listed paper), with features cached.
 */
function bestDuplicate(record: StoredPaper, candidates: StoredPaper[], features: FeatureCache): DuplicateVerdict {
  let best: { known: StoredPaper; rule: DuplicateRule } | null = null;
  for (const known of candidates) {
    if (known.id === record.id || known.firstListedAt >= record.firstListedAt || known.dupOf?.id === record.id) continue;
    const rule = compareFeatures(features.of(known), features.of(record))?.rule ?? null;
    if (!rule) continue;
    const engaged = (paper: StoredPaper): number => (paper.readAt !== undefined || paper.starredAt !== undefined ? 0 : 1);
    const better = !best
      || RULE_RANK[rule] < RULE_RANK[best.rule]
      || (rule === best.rule && (engaged(known) < engaged(best.known) || (engaged(known) === engaged(best.known) && known.firstListedAt < best.known.firstListedAt)));
    if (better) best = { known, rule };
  }
  // A repeat of a repeat points at the original.
  if (best?.known.dupOf) return { id: best.known.dupOf.id, rule: best.rule };
  return best ? { id: best.known.id, rule: best.rule } : null;
}

/** The stored papers to read so that `toCheck` can be confirmed: up to CANDIDATES_PER_PAPER each. */
export function candidatesOf(toCheck: readonly StoredPaper[], keysById: ReadonlyMap<string, CandidateKeys>, index: CandidateIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const record of toCheck) {
    const keys = keysById.get(record.id) as CandidateKeys;
    out.set(record.id, index.candidates(keys).filter((id) => id !== record.id).slice(0, CANDIDATES_PER_PAPER));
  }
  return out;
}

/** The verdict for each paper in `toCheck`, by id, from its candidates as found in `known`. */
export function confirmDuplicates(
  toCheck: readonly StoredPaper[],
  candidateIds: ReadonlyMap<string, string[]>,
  known: ReadonlyMap<string, StoredPaper>,
  featuresOf: (paper: StoredPaper) => DuplicateFeatures = duplicateFeatures,
): Map<string, DuplicateVerdict> {
  const features = new FeatureCache(featuresOf);
  const verdicts = new Map<string, DuplicateVerdict>();
  for (const record of toCheck) {
    const found = (candidateIds.get(record.id) ?? []).map((id) => known.get(id)).filter((paper): paper is StoredPaper => !!paper);
    verdicts.set(record.id, bestDuplicate(record, found, features));
  }
  return verdicts;
}

/** Records a paper's check: when it was made, and the known paper it repeats (if any). */
export function applyVerdict(record: StoredPaper, verdict: DuplicateVerdict, now: number): void {
  record.dupCheckedAt = now;
  if (verdict) record.dupOf = verdict;
}

/** Reads the wanted papers not in `known` into it; returns how many were found. */
export async function readMissing(db: PaperLensDb, known: Map<string, StoredPaper>, wanted: ReadonlySet<string>): Promise<number> {
  const missing = [...wanted].filter((id) => !known.has(id));
  if (missing.length === 0) return 0;
  const fetched = await db.papers.bulkGet(missing);
  let found = 0;
  for (const paper of fetched) {
    if (!paper) continue;
    known.set(paper.id, paper);
    found++;
  }
  return found;
}
