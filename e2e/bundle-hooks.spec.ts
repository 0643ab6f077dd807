/**
 * The benchmark's hooks exist only in the bench build (`node build.mjs --bench`, dist-bench/): the production
 * bundles in dist/ carry none of them, neither their code (esbuild's metafile says which sources each bundle
 * holds) nor the names the bench reaches them by.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '..', 'dist');
/** Sources that serve only the bench: none may put a byte in a production bundle. */
const BENCH_SOURCES = ['src/background/bench/bench-hooks.ts', 'src/background/bench/dev-seed.ts'];
/** Names the bench finds its hooks by (scripts/bench-store.ts, bench-floors-store.ts, bench-import.ts). */
const BENCH_NAMES = ['paperLensStore', 'onTiming', '.lap(', 'paper-lens-bench', 'listed:prepare', 'merge:put-papers', 'index:batch'];

test.describe('production bundles', () => {
  test('hold no source that serves only the bench', () => {
    const meta = JSON.parse(readFileSync(resolve(dist, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
    const outputs = Object.entries(meta.outputs);
    expect(outputs.length).toBeGreaterThan(0);
    for (const [output, { inputs }] of outputs) {
      for (const source of BENCH_SOURCES) expect(inputs[source]?.bytesInOutput ?? 0, `${source} in ${output}`).toBe(0);
    }
  });

  for (const target of ['chrome', 'firefox']) {
    test(`${target}: no bench hook by name`, () => {
      const files = readdirSync(resolve(dist, target)).filter((file) => file.endsWith('.js'));
      expect(files).toContain('background.js');
      for (const file of files) {
        const code = readFileSync(resolve(dist, target, file), 'utf8');
        for (const name of BENCH_NAMES) expect(code.includes(name), `${name} in ${target}/${file}`).toBe(false);
      }
    });
  }

  test('the bench build has the hooks the production build leaves out', () => {
    const benchBackground = resolve(dist, '..', 'dist-bench', 'chrome', 'background.js');
    test.skip(!existsSync(benchBackground), 'no bench build (node build.mjs --bench) to compare with');
    const code = readFileSync(benchBackground, 'utf8');
    for (const name of ['paperLensStore', 'onTiming', 'paper-lens-bench', 'listed:prepare']) expect(code.includes(name), name).toBe(true);
  });
});
