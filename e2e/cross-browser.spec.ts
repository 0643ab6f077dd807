/**
 * The scenarios the Firefox suite runs (e2e/scenarios/cross-browser.ts), here in Chromium, so both browsers are
 * held to the same checks.
 */
import { test, expect } from './harness';
import { CROSS_BROWSER_SCENARIOS } from './scenarios/cross-browser';
import { chromiumBrowser } from './scenarios/playwright-driver';

for (const scenario of CROSS_BROWSER_SCENARIOS) {
  test(`cross-browser: ${scenario.name}`, async ({ launched }) => {
    const browser = chromiumBrowser(launched);
    await scenario.run(browser);
    expect(browser.consoleErrors()).toEqual([]);
  });
}
