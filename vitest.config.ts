import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
