import { describe, expect, it } from 'vitest';
import { moduleLocator, summariseProfile, type CpuProfile } from './bench-profile';

const SCRIPT = 'chrome-extension://abc/content.js';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '1' });

describe('summariseProfile', () => {
  it('sums self time per function among samples with content.js on the stack, natives included', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 6] },
        { id: 2, callFrame: frame('(program)', '') },
        { id: 3, callFrame: frame('analysePage', SCRIPT, 20), children: [4] },
        { id: 4, callFrame: frame('shingles', SCRIPT, 5), children: [5] },
        { id: 5, callFrame: frame('setAttribute', '') },
        { id: 6, callFrame: frame('pageScript', 'https://huggingface.co/x.js') },
      ],
      startTime: 0,
      endTime: 1000,
      // A sample lasts until the next one: 3 -> 100 us, 4 -> 300 us, 5 -> 200 us, 6 -> 400 us, 2 -> 0.
      samples: [3, 4, 4, 5, 6, 2],
      timeDeltas: [0, 100, 100, 200, 200, 400],
    };
    const locate = (line: number): string => (line >= 10 ? 'src/content/index.ts' : 'src/core/minhash.ts');
    const summary = summariseProfile(profile, SCRIPT, locate);
    expect(summary.contentTotalMs).toBe(0.6);
    expect(summary.top.map((row) => [row.function, row.selfMs])).toEqual([['shingles', 0.3], ['setAttribute', 0.2], ['analysePage', 0.1]]);
    expect(summary.top[0]!.where).toBe('src/core/minhash.ts:6');
    expect(summary.modules.map((row) => row.function)).toEqual(['src/core/minhash.ts', '(browser: DOM, GC, natives)', 'src/content/index.ts']);
  });
});

describe('moduleLocator', () => {
  it('maps bundle lines to the module comment esbuild wrote above them', () => {
    const bundle = ['(() => {', '  // node_modules/stemmer/index.js', '  function stemmer() {}', '', '  // src/content/index.ts', '  run();', '})();'].join('\n');
    const locate = moduleLocator(bundle);
    expect(locate(0)).toBe('?');
    expect(locate(2)).toBe('node_modules/stemmer/index.js');
    expect(locate(5)).toBe('src/content/index.ts');
  });
});
