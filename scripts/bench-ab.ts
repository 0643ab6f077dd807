/**
 * Two builds side by side: `npm run bench:ab -- --a=DIR --b=DIR [--rounds=N] [bench options]`, e.g.
 * `npm run bench:ab -- --a=/tmp/old/chrome --b=dist/chrome --rounds=4 --only=content`.
 *
 * Runs `npm run bench -- --json` once per build per round, with PAPER_LENS_BENCH_EXTENSION_DIR set to the build,
 * A first in even rounds and B first in odd ones (bench-ab-plan.ts says why), and prints each figure's values,
 * medians and B minus A by which build went first. Options other than --a, --b and --rounds go to the bench
 * (--only=..., --store-small); PAPER_LENS_BENCH_CARDS and the other bench variables pass through the environment.
 * Each launch's progress goes to stderr; a launch that fails is reported and the others go on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { abOrder, compareRuns, figuresOf, type AbRun } from './bench-ab-plan';
import { round } from './bench-report';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const dirs = { a: option('a'), b: option('b') };
const rounds = Number(option('rounds') ?? 2);
const benchArgs = args.filter((arg) => !/^--(a|b|rounds)=/.test(arg) && arg !== '--json');

function fail(message: string): never {
  process.stderr.write(`bench:ab: ${message}\n`);
  process.exit(2);
}

if (!dirs.a || !dirs.b) fail('give both builds: --a=DIR --b=DIR (unpacked extension directories, e.g. a copy of dist/chrome)');
for (const dir of [dirs.a, dirs.b]) if (!existsSync(resolve(dir, 'manifest.json'))) fail(`${dir} holds no manifest.json: not an unpacked extension`);
if (!Number.isInteger(rounds) || rounds < 1) fail(`--rounds must be a whole number of at least 1, not ${option('rounds')}`);

const runs: AbRun[] = [];
for (const { build, round: roundIndex } of abOrder(rounds)) {
  const dir = resolve(dirs[build] as string);
  process.stderr.write(`bench:ab: round ${roundIndex + 1} of ${rounds}, build ${build.toUpperCase()} (${dir})\n`);
  const result = spawnSync('npx', ['tsx', 'scripts/bench.ts', '--json', ...benchArgs], {
    cwd: root,
    env: { ...process.env, PAPER_LENS_BENCH_EXTENSION_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    if (result.status !== 0) throw new Error(`the bench ended with status ${result.status ?? result.signal}`);
    runs.push({ build, round: roundIndex, figures: figuresOf(result.stdout.slice(result.stdout.indexOf('{'))) });
  } catch (error) {
    process.stderr.write(`bench:ab: build ${build.toUpperCase()} in round ${roundIndex + 1}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

const shown = (values: readonly number[]): string => (values.length ? values.map((value) => round(value)).join(' / ') : '-');
const figures = compareRuns(runs);
if (figures.length === 0) fail('no run measured anything');
console.log(`A: ${dirs.a}\nB: ${dirs.b}\n${rounds} rounds, A first in rounds 1, 3, ...\n`);
const header = ['figure', 'A', 'B', 'median A', 'median B', 'B - A (A first)', 'B - A (B first)'];
const rows = figures.map((figure) => [
  figure.name,
  shown(figure.a),
  shown(figure.b),
  figure.medianA === null ? '-' : String(round(figure.medianA)),
  figure.medianB === null ? '-' : String(round(figure.medianB)),
  shown(figure.deltaAFirst),
  shown(figure.deltaBFirst),
]);
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd());
