import { describe, expect, it } from 'vitest';
import { duplicateFeatures, duplicateKeys } from '../../core/duplicates';
import { bandKeysOf } from '../../core/minhash';
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';
import { indexRowOf } from '../db/derive';
import { ListingTexts } from './merge';

const { papers } = generateSyntheticSet({ seed: 5, count: 60, plant: true });

describe('ListingTexts', () => {
  it('makes the same keys, features and index rows as the functions the rest of the store uses', () => {
    const texts = new ListingTexts(1234);
    for (const paper of papers) {
      const keys = texts.keys(paper);
      expect({ titleKey: keys.titleKey, bandKeys: bandKeysOf(keys.bandHashes) }).toEqual(duplicateKeys(paper));
      expect(texts.features(paper)).toEqual(duplicateFeatures(paper));
      expect(texts.row(paper)).toEqual(indexRowOf(paper, 1234));
    }
  });

  it('reuses its work only for the same text', () => {
    const texts = new ListingTexts(0);
    const paper = papers[0]!;
    const keys = texts.keys(paper);
    expect(texts.keys({ ...paper })).toBe(keys);
    const longer = { ...paper, abstract: `${paper.abstract} One more sentence about something else entirely.` };
    expect(texts.keys(longer)).not.toBe(keys);
    expect(texts.row(longer)).toEqual(indexRowOf(longer, 0));
  });
});
