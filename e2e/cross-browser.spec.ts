/**
 * The scenarios the Firefox suite runs (e2e/scenarios/cross-browser.ts), here in Chromium, so both browsers are
 * held to the same checks.
 */
import { test, expect } from './harness';
import { CROSS_BROWSER_SCENARIOS } from './scenarios/cross-browser';
import { chromiumBrowser } from './scenarios/playwright-driver';

for (const scenario of CROSS_BROWSER_SCENARIOS) {
  test(`cross-browser: ${scenario.name}`, async ({ launched }) => {
    // Each wait in a scenario allows 60 s on a loaded machine and returns as soon as its condition holds.
    test.setTimeout(180_000);
    const browser = chromiumBrowser(launched);
    await scenario.run(browser);
    expect(browser.consoleErrors()).toEqual([]);
  });
}
