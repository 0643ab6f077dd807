/**
 * `npm run bench`: every speed target of Paper Lens, measured in real Chromium on routed pages, each speed figure
 * as a ratio to its floor measured in the same run (`<name>_ms`, `<name>_floor_ms`, `<name>_ratio`; the target is
 * on the ratio). Prints a table (or, with --json, one JSON object and nothing else on stdout); progress goes to
 * stderr. Figures that cannot be taken (a piece missing, out of time) are printed as not measured with the reason.
 *
 *   npm run bench [-- --json] [-- --only=bundle,page,star,spa,store,content,profile] [-- --store-small (the store only up to 10,000 papers)]
 *
 * It builds and runs its own bench build (dist-bench/chrome: `node build.mjs --bench`, the production code plus the
 * worker's bench hooks); the bundle sizes are read from the production build (`node build.mjs` first). Takes about
 * 20-25 minutes on a 2-core machine; a watchdog ends it at 35 (times PAPER_LENS_BENCH_TIME_SCALE, which stretches
 * every time budget on a machine slowed by other work).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { findChromium } from '../e2e/browser';
import type { LaunchedExtension } from '../e2e/launch';
import { BENCH_INIT_SCRIPT, BLANK_HTML, BLANK_PATH } from './bench-load';
import { declareBundleFigures, measureBundles } from './bench-bundle';
import { declareContentFigures, firstLine, runContentBench } from './bench-content';
import { BENCH_EXTENSION_DIR, buildBenchExtension, buildReadableExtension, launchBench } from './bench-launch';
import { declarePageFigures, runPageFloorBench } from './bench-floors-page';
import { profileContentLoad } from './bench-profile';
import { Report, round, toJson, toTable, type Machine } from './bench-report';
import { declareStarFigures, runStarBench } from './bench-star';
import { declareSpaFigures, runSpaBench } from './bench-spa';
import { declareStoreFigures, runStoreBench } from './bench-store';

const PHASES = ['bundle', 'page', 'content', 'star', 'spa', 'profile', 'store'] as const;
type Phase = (typeof PHASES)[number];
/**
 * Run unless --only names them: every figure with a floor, and the ones with a target of their own. `content`
 * (absolute times of the content script, more sizes) and `profile` (a CPU profile of a 1000-card load) are
 * diagnostics the ratios of `page` replaced: --only=content,profile runs them.
 */
const DEFAULT_PHASES: readonly Phase[] = ['bundle', 'page', 'star', 'spa', 'store'];

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyArg = args.find((arg) => arg.startsWith('--only='));
const phases = new Set<Phase>(onlyArg ? (onlyArg.slice('--only='.length).split(',') as Phase[]) : DEFAULT_PHASES);

const startedAt = Date.now();
/** PAPER_LENS_BENCH_TIME_SCALE stretches every time budget below (a machine several times slower than usual). */
const TIME_SCALE = Math.max(1, Number(process.env.PAPER_LENS_BENCH_TIME_SCALE) || 1);
const WATCHDOG_MS = 2_100_000 * TIME_SCALE;
/** Budgets from each phase's start: content sizes and page rounds stop repeating after theirs; the store import stops at its deadlines (papers, then sightings). */
const CONTENT_BUDGET_MS = 150_000 * TIME_SCALE;
const PAGE_BUDGET_MS = 420_000 * TIME_SCALE;
const STORE_BUDGETS_MS = { papers: 720_000 * TIME_SCALE, sightings: 900_000 * TIME_SCALE };

const log = (line: string): void => {
  process.stderr.write(`[bench ${Math.round((Date.now() - startedAt) / 1000)}s] ${line}\n`);
};

const report = new Report();
declareBundleFigures(report);
declarePageFigures(report);
if (phases.has('content')) declareContentFigures(report);
declareStarFigures(report);
declareSpaFigures(report);
declareStoreFigures(report);

const machine: Machine = {
  date: new Date().toISOString(),
  cpu_model: cpus()[0]?.model ?? 'unknown',
  cpu_count: cpus().length,
  chromium_version: 'unknown',
  node_version: process.versions.node,
};

async function browserVersion(launched: LaunchedExtension): Promise<string> {
  const page = launched.context.pages()[0] ?? (await launched.context.newPage());
  const cdp = await launched.context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product;
}

async function withBrowser(label: string, extensionDir: string | undefined, body: (launched: LaunchedExtension) => Promise<void>): Promise<void> {
  let launched: LaunchedExtension | undefined;
  try {
    launched = await launchBench(extensionDir);
    if (machine.chromium_version === 'unknown') machine.chromium_version = await browserVersion(launched);
    launched.site.setHtml(BLANK_PATH, BLANK_HTML);
    await launched.context.addInitScript(BENCH_INIT_SCRIPT);
    await body(launched);
  } finally {
    await launched?.close().catch((error: unknown) => log(`${label}: closing the browser failed: ${firstLine(error)}`));
  }
}

let finished = false;
function finish(): void {
  if (finished) return;
  finished = true;
  if (machine.chromium_version === 'unknown') {
    const binary = findChromium();
    try {
      if (binary) machine.chromium_version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      // Left as 'unknown': the version is a label, not a figure.
    }
  }
  const durationS = (Date.now() - startedAt) / 1000;
  process.stdout.write(json ? `${JSON.stringify(toJson(report, machine, durationS))}\n` : `${toTable(report, machine, durationS)}\n`);
  // Playwright may hold handles of a browser abandoned by the watchdog.
  process.exitCode = 0;
  setTimeout(() => process.exit(0), 100);
}

const watchdog = setTimeout(() => {
  log('time limit reached: printing what was measured');
  for (const figure of report.all()) if (figure.value === null && figure.reason === 'not run') report.miss(figure.name, `the bench ran out of its ${round(WATCHDOG_MS / 60_000)}-minute limit before this`);
  finish();
}, WATCHDOG_MS);

async function phase(name: Phase, prefixes: string[], body: () => Promise<void>): Promise<void> {
  if (!phases.has(name)) {
    for (const prefix of prefixes) report.missAll(prefix, `skipped (--only=${[...phases].join(',')})`);
    return;
  }
  log(`${name}: start`);
  try {
    await body();
  } catch (error) {
    for (const prefix of prefixes) report.missAll(prefix, `${name} failed: ${firstLine(error)}`);
    log(`${name}: failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

async function main(): Promise<void> {
  await phase('bundle', ['bundle_'], async () => {
    measureBundles(report, process.env.PAPER_LENS_BENCH_EXTENSION_DIR);
  });

  const extensionDir = process.env.PAPER_LENS_BENCH_EXTENSION_DIR ?? BENCH_EXTENSION_DIR;
  if (!process.env.PAPER_LENS_BENCH_EXTENSION_DIR && [...phases].some((name) => name !== 'bundle')) {
    log('building the bench build (dist-bench/chrome)');
    buildBenchExtension();
  }

  await phase('page', ['page_'], () => runPageFloorBench(extensionDir, report, log, Date.now() + PAGE_BUDGET_MS));

  if (phases.has('content') || phases.has('star') || phases.has('spa')) {
    await withBrowser('content', undefined, async (launched) => {
      await phase('content', ['content_'], () => runContentBench(launched, report, log, Date.now() + CONTENT_BUDGET_MS));
      await phase('star', ['star_'], () => runStarBench(launched, report, log));
      await phase('spa', ['spa_'], () => runSpaBench(launched, report, log));
    }).catch((error: unknown) => {
      for (const prefix of ['content_', 'star_', 'spa_']) report.missAll(prefix, `browser did not start: ${firstLine(error)}`);
    });
  } else {
    await phase('content', ['content_'], async () => {});
    await phase('star', ['star_'], async () => {});
    await phase('spa', ['spa_'], async () => {});
  }

  await phase('profile', [], async () => {
    const readable = await buildReadableExtension();
    try {
      await withBrowser('profile', readable.dir, async (launched) => {
        const { summary, file } = await profileContentLoad(launched, readable.dir, Number(process.env.PAPER_LENS_PROFILE_CARDS ?? 1000));
        report.extra.profile_content_1000_cards = { content_js_on_stack_ms: summary.contentTotalMs, top_self_time: summary.top.slice(0, 15), modules: summary.modules.slice(0, 10), file };
        report.sections.push({
          title: `CPU profile of a 1000-card page load (unminified build, 100 us sampling; ${summary.contentTotalMs} ms with content.js on the stack; ${file})`,
          lines: [
            'top self time:',
            ...summary.top.slice(0, 12).map((row) => `  ${String(row.selfMs).padStart(7)} ms  ${row.function}  ${row.where}`),
            'by module:',
            ...summary.modules.slice(0, 8).map((row) => `  ${String(row.selfMs).padStart(7)} ms  ${row.function}`),
          ],
        });
      });
    } finally {
      readable.cleanup();
    }
  });

  await phase('store', ['import_', 'store_', 'db_', 'popup_', 'busy_'], () => {
    const start = Date.now();
    const deadlines = { papers: start + STORE_BUDGETS_MS.papers, sightings: start + STORE_BUDGETS_MS.sightings, smallOnly: args.includes('--store-small') };
    return withBrowser('store', undefined, (launched) => runStoreBench(launched, report, log, deadlines, extensionDir));
  });
}

main()
  .catch((error: unknown) => log(`bench failed: ${error instanceof Error ? error.stack : String(error)}`))
  .finally(() => {
    clearTimeout(watchdog);
    finish();
  });
