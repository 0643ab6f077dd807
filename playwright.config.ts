import { defineConfig } from '@playwright/test';
import { findChromium, INSTALL_HINT } from './e2e/browser';

// Stop at once, with one line, when there is no browser to drive.
if (!findChromium()) {
  console.error(INSTALL_HINT);
  process.exit(1);
}

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Each test launches its own Chromium with a fresh profile; two at a time suits a 2-core machine.
  workers: process.env.CI ? 2 : 2,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
