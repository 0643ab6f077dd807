import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // As in the production build: the bench's hooks (src/background/bench/bench-hooks.ts) are left out.
  define: { __BENCH__: 'false' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
