import { describe, expect, it } from 'vitest';
import { bandKeyHash, bandKeysOf, hashString } from './minhash';

describe('bandKeyHash', () => {
  it('equals hashString of the band key bandKeysOf spells, at every digit count and both ends of the range', () => {
    const hashes = [0, 1, 35, 36, 1295, 1296, 46_655, 46_656, 2 ** 31 - 1, 2 ** 31, 0xffffffff];
    // A fixed spread of other values (a multiplicative sequence: no randomness in a test).
    for (let i = 1; i <= 2000; i++) hashes.push(Math.imul(i, 0x9e3779b1) >>> 0);
    const values = Uint32Array.from(hashes);
    for (let band = 0; band < 40; band++) {
      const shifted = values.map((value) => (value + band) >>> 0);
      const keys = bandKeysOf(shifted);
      for (let i = 0; i < shifted.length; i++) {
        // bandKeysOf numbers bands by position: key i is band i's.
        const expected = hashString(`${band.toString(36)}:${(shifted[i] as number).toString(36)}`);
        expect(bandKeyHash(band, shifted[i] as number)).toBe(expected);
        if (i === band) expect(hashString(keys[i] as string)).toBe(expected);
      }
    }
  });
});
