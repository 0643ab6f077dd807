/**
 * The Firefox end-to-end suite: each shared scenario (../scenarios/cross-browser.ts) in a fresh Firefox with the
 * built add-on, one after another. A scenario fails on a failed check or on any error the extension's scripts
 * printed. Prints a line per scenario and the counts; exits 1 when any failed.
 * Usage: tsx e2e/firefox/run.ts [text in a scenario's name]   (after node build.mjs)
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CROSS_BROWSER_SCENARIOS, type Scenario } from '../scenarios/cross-browser';
import { syncBetweenTwoBrowsers, type TwoBrowserScenario } from '../scenarios/sync-two-browsers';
import { findFirefox, FIREFOX_INSTALL_HINT, launchFirefox, type LaunchedFirefox } from './launch';

const SCENARIO_TIMEOUT_MS = 300_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`${what} did not finish within ${ms / 1000} s`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runOne(scenario: Scenario): Promise<string[]> {
  let firefox: LaunchedFirefox | undefined;
  const problems: string[] = [];
  try {
    firefox = await launchFirefox();
    await withTimeout(scenario.run(firefox.browser), SCENARIO_TIMEOUT_MS, 'the scenario');
    const consoleErrors = firefox.browser.consoleErrors();
    if (consoleErrors.length > 0) problems.push(`the pages logged ${consoleErrors.length} error(s):\n${consoleErrors.join('\n')}`);
  } catch (error) {
    problems.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await firefox?.close().catch((error: unknown) => problems.push(`closing Firefox: ${String(error)}`));
  }
  const errors = firefox?.extensionErrors() ?? [];
  if (errors.length > 0) problems.push(`the extension printed ${errors.length} error(s):\n${errors.join('\n')}`);
  if (problems.length > 0 && firefox) {
    const tail = firefox.output().filter((line) => /moz-extension|JavaScript (error|warning)/.test(line)).slice(-20);
    if (tail.length > 0) problems.push(`Firefox's output about scripts (last ${tail.length} lines):\n${tail.join('\n')}`);
  }
  return problems;
}

/** Where Firefox keeps storage.sync in a profile with no account: its files and their sizes. */
function syncStorageFiles(profile: string | undefined): string {
  if (!profile || !existsSync(profile)) return 'profile not found';
  const files = readdirSync(profile).filter((name) => /storage-sync|webext-storage/i.test(name));
  return files.length > 0 ? files.map((name) => `${name} (${statSync(join(profile, name)).size} bytes)`).join(', ') : 'no storage-sync file';
}

/** A scenario with two browsers, each a fresh Firefox with its own profile. */
async function runTwo(scenario: TwoBrowserScenario, log: (line: string) => void): Promise<string[]> {
  const launched: LaunchedFirefox[] = [];
  const problems: string[] = [];
  try {
    launched.push(await launchFirefox(), await launchFirefox());
    await withTimeout(scenario.run(launched[0]!.browser, launched[1]!.browser, log), SCENARIO_TIMEOUT_MS, 'the scenario');
    launched.forEach((firefox, i) => log(`profile ${'AB'[i]}: ${syncStorageFiles(firefox.profileDir())}`));
    for (const firefox of launched) {
      const consoleErrors = firefox.browser.consoleErrors();
      if (consoleErrors.length > 0) problems.push(`the pages logged ${consoleErrors.length} error(s):\n${consoleErrors.join('\n')}`);
    }
  } catch (error) {
    problems.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    for (const firefox of launched) await firefox.close().catch((error: unknown) => problems.push(`closing Firefox: ${String(error)}`));
  }
  for (const firefox of launched) {
    const errors = firefox.extensionErrors();
    if (errors.length > 0) problems.push(`the extension printed ${errors.length} error(s):\n${errors.join('\n')}`);
  }
  if (problems.length > 0) {
    const tail = launched.flatMap((firefox) => firefox.output()).filter((line) => /moz-extension|JavaScript (error|warning)/.test(line)).slice(-20);
    if (tail.length > 0) problems.push(`Firefox's output about scripts (last ${tail.length} lines):\n${tail.join('\n')}`);
  }
  return problems;
}

const TWO_BROWSER_SCENARIOS: TwoBrowserScenario[] = [syncBetweenTwoBrowsers];

async function main(): Promise<void> {
  if (!findFirefox()) {
    console.error(FIREFOX_INSTALL_HINT);
    process.exit(1);
  }
  const filter = process.argv[2];
  const scenarios = CROSS_BROWSER_SCENARIOS.filter((scenario) => !filter || scenario.name.includes(filter));
  const pairs = TWO_BROWSER_SCENARIOS.filter((scenario) => !filter || scenario.name.includes(filter));
  if (scenarios.length + pairs.length === 0) {
    console.error(`[firefox e2e] no scenario matches "${filter}"`);
    process.exit(1);
  }
  console.log(`[firefox e2e] ${scenarios.length + pairs.length} scenario(s) in ${findFirefox()}`);
  let failed = 0;
  for (const [index, scenario] of scenarios.entries()) {
    const started = Date.now();
    const problems = await runOne(scenario);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) {
      console.log(`  ✓ ${index + 1} ${scenario.name} (${seconds} s)`);
    } else {
      failed++;
      console.log(`  ✘ ${index + 1} ${scenario.name} (${seconds} s)\n${problems.map((problem) => problem.replace(/^/gm, '      ')).join('\n')}`);
    }
  }
  for (const [index, scenario] of pairs.entries()) {
    const started = Date.now();
    const notes: string[] = [];
    const problems = await runTwo(scenario, (line) => notes.push(line));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const number = scenarios.length + index + 1;
    if (problems.length === 0) console.log(`  ✓ ${number} ${scenario.name} (${seconds} s)${notes.map((note) => `\n      ${note}`).join('')}`);
    else {
      failed++;
      console.log(`  ✘ ${number} ${scenario.name} (${seconds} s)${notes.map((note) => `\n      ${note}`).join('')}\n${problems.map((problem) => problem.replace(/^/gm, '      ')).join('\n')}`);
    }
  }
  const passed = scenarios.length + pairs.length - failed;
  console.log(`[firefox e2e] ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

await main();
