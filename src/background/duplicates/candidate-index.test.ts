import { describe, expect, it } from 'vitest';
import { hashString } from '../../core/minhash';
import { duplicateBandHashes, duplicateFeatures, duplicateKeysOf } from '../../core/duplicates';
import { CandidateIndex, type CandidateKeys } from './candidate-index';
import { indexRowOf } from '../db/derive';
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';

type StringKeys = Extract<CandidateKeys, { bandKeys: readonly string[] }>;

/** The plain definition: per id, 64 for an equal title key plus one per shared band key. */
function naiveScores(entries: ReadonlyArray<{ id: string; keys: StringKeys }>, keys: StringKeys): Map<string, number> {
  const hashed = (k: StringKeys): number[] => [...(k.titleKey ? [hashString(`title\u0000${k.titleKey}`)] : []), ...k.bandKeys.map((band) => hashString(band))];
  const wanted = hashed(keys);
  const score = new Map<string, number>();
  wanted.forEach((key, k) => {
    const weight = k === 0 && keys.titleKey ? 64 : 1;
    for (const entry of entries) {
      const count = hashed(entry.keys).filter((other) => other === key).length;
      for (let c = 0; c < count; c++) score.set(entry.id, (score.get(entry.id) ?? 0) + weight);
    }
  });
  return score;
}

describe('CandidateIndex', () => {
  const { papers } = generateSyntheticSet({ seed: 21, count: 400, plant: true });
  const rows = papers.map((paper) => ({ id: paper.id, keys: indexRowOf(paper, 1) }));

  it('finds the same candidates, in the same order of score, from its base array and its delta', () => {
    const index = new CandidateIndex('f');
    rows.slice(0, 300).forEach((row, i) => index.add(row.id, row.keys, i));
    index.compact();
    rows.slice(300).forEach((row, i) => index.add(row.id, row.keys, 300 + i));
    // A paper added again after a text change counts as one paper.
    const changed = { id: rows[5]!.id, keys: indexRowOf({ ...papers[5]!, abstract: `${papers[5]!.abstract} Revised.` }, 2) };
    index.add(changed.id, changed.keys, 500);
    const all = [...rows, changed];
    for (const probe of [...rows.slice(0, 15), ...rows.slice(350, 360), changed]) {
      const got = index.candidates(probe.keys);
      const scores = naiveScores(all, probe.keys);
      expect(new Set(got)).toEqual(new Set([...scores].filter(([, value]) => value >= 2).map(([id]) => id)));
      const ordered = got.map((id) => scores.get(id) as number);
      expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
    }
    expect(index.has(rows[0]!.id)).toBe(true);
    expect(index.has('0000.00000')).toBe(false);
  });

  it('finds the same candidates from band hashes as from the band-key strings they spell', () => {
    const index = new CandidateIndex('f');
    rows.slice(0, 200).forEach((row, i) => index.add(row.id, row.keys, i));
    index.compact();
    rows.slice(200, 300).forEach((row, i) => index.add(row.id, row.keys, 200 + i));
    let found = 0;
    for (const paper of papers) {
      const features = duplicateFeatures(paper);
      const fromStrings = index.candidates(duplicateKeysOf(features));
      expect(index.candidates({ titleKey: features.titleKey, bandHashes: duplicateBandHashes(features) })).toEqual(fromStrings);
      found += fromStrings.length;
    }
    expect(found).toBeGreaterThan(300);
  });

  it('finds every key of a large base array', () => {
    const index = new CandidateIndex('f');
    for (let i = 0; i < 20_000; i++) index.add(`p${i}`, { titleKey: `title ${i}`, bandKeys: [`band ${i}`, `band ${i + 1}`] }, i);
    index.compact();
    for (const i of [0, 1, 777, 12_345, 19_999]) {
      expect(index.candidates({ titleKey: `title ${i}`, bandKeys: [] })).toEqual([`p${i}`]);
      // Bands alone: `band i` is shared with p(i-1) and p(i).
      expect(new Set(index.candidates({ titleKey: '', bandKeys: [`band ${i}`, `band ${i + 1}`] }, 1))).toEqual(new Set([`p${i}`, ...(i > 0 ? [`p${i - 1}`] : []), `p${i + 1}`].filter((id) => id !== 'p20000')));
    }
  });
});
