/**
 * Build-time flags, replaced by esbuild's `define` (build.mjs) and vitest's (vitest.config.ts). Code under
 * `if (__BENCH__)` exists only in the bench build (`node build.mjs --bench`, dist-bench/); the production build
 * drops it, and e2e/bundle-hooks.spec.ts checks that it did.
 */
declare const __BENCH__: boolean;
