/**
 * The pure part of `scripts/bench-ab.ts`: in which order two builds are run, and what their runs say side by side.
 *
 * The order alternates (A B, then B A, ...): on this 2-core machine the build launched first in a round measured
 * about 5 ms less CPU at 50 cards, whichever build it was (docs/performance.md), so a fixed order would credit one
 * build with the other's place.
 */
import { median } from './bench-report';

export type Build = 'a' | 'b';

export interface AbRun {
  build: Build;
  round: number;
  /** The bench's figures of this run: name to value, null when not measured. */
  figures: Record<string, number | null>;
}

/** The launches of `rounds` rounds: A then B in even rounds, B then A in odd ones. */
export function abOrder(rounds: number): Array<{ build: Build; round: number }> {
  const order: Array<{ build: Build; round: number }> = [];
  for (let round = 0; round < rounds; round++) {
    const pair: Build[] = round % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const build of pair) order.push({ build, round });
  }
  return order;
}

export interface AbFigure {
  name: string;
  a: number[];
  b: number[];
  /** Medians over the rounds, null when a build never measured the figure. */
  medianA: number | null;
  medianB: number | null;
  /** Of the rounds where A ran first, and where B did: B's value minus A's, so an order effect shows. */
  deltaAFirst: number[];
  deltaBFirst: number[];
}

/** Every figure some run measured, in the order the first run lists them, with both builds' values. */
export function compareRuns(runs: readonly AbRun[]): AbFigure[] {
  const names: string[] = [];
  for (const run of runs) for (const name of Object.keys(run.figures)) if (!names.includes(name)) names.push(name);
  const valueOf = (build: Build, round: number, name: string): number | null => runs.find((run) => run.build === build && run.round === round)?.figures[name] ?? null;
  const rounds = [...new Set(runs.map((run) => run.round))].sort((x, y) => x - y);
  return names.flatMap((name) => {
    const of = (build: Build): number[] => runs.filter((run) => run.build === build).flatMap((run) => (typeof run.figures[name] === 'number' ? [run.figures[name] as number] : []));
    const a = of('a');
    const b = of('b');
    if (a.length === 0 && b.length === 0) return [];
    const deltaAFirst: number[] = [];
    const deltaBFirst: number[] = [];
    for (const round of rounds) {
      const valueA = valueOf('a', round, name);
      const valueB = valueOf('b', round, name);
      if (valueA === null || valueB === null) continue;
      (round % 2 === 0 ? deltaAFirst : deltaBFirst).push(valueB - valueA);
    }
    return [{ name, a, b, medianA: a.length ? median(a) : null, medianB: b.length ? median(b) : null, deltaAFirst, deltaBFirst }];
  });
}

/** The figures of one `bench --json` output: its `results` object, value per name. */
export function figuresOf(benchJson: string): Record<string, number | null> {
  const parsed = JSON.parse(benchJson) as { results?: Record<string, { value: number | null }> };
  if (!parsed.results) throw new Error('not the JSON of npm run bench -- --json: no "results"');
  return Object.fromEntries(Object.entries(parsed.results).map(([name, result]) => [name, result.value]));
}
