import { describe, expect, it } from 'vitest';
import { abOrder, compareRuns, figuresOf, type AbRun } from './bench-ab-plan';

describe('abOrder', () => {
  it('alternates which build goes first, round by round', () => {
    expect(abOrder(3).map(({ build, round }) => `${round}${build}`)).toEqual(['0a', '0b', '1b', '1a', '2a', '2b']);
    expect(abOrder(0)).toEqual([]);
  });
});

describe('compareRuns', () => {
  const runs: AbRun[] = [
    { build: 'a', round: 0, figures: { cpu: 40, rows: null } },
    { build: 'b', round: 0, figures: { cpu: 46, rows: 3 } },
    { build: 'b', round: 1, figures: { cpu: 41, rows: 5 } },
    { build: 'a', round: 1, figures: { cpu: 45, rows: null, late: 7 } },
  ];

  it('gives both builds their values and medians, and the difference by who went first', () => {
    const [cpu, rows, late] = compareRuns(runs);
    expect(cpu).toEqual({ name: 'cpu', a: [40, 45], b: [46, 41], medianA: 42.5, medianB: 43.5, deltaAFirst: [6], deltaBFirst: [-4] });
    // A build that never measured a figure has no median, and no round compares it.
    expect(rows).toMatchObject({ name: 'rows', a: [], b: [3, 5], medianA: null, medianB: 4, deltaAFirst: [], deltaBFirst: [] });
    expect(late).toMatchObject({ name: 'late', a: [7], b: [], medianB: null });
  });

  it('leaves out figures no run measured', () => {
    expect(compareRuns([{ build: 'a', round: 0, figures: { gone: null } }])).toEqual([]);
  });
});

describe('figuresOf', () => {
  it('reads the value of each result of the bench JSON', () => {
    expect(figuresOf(JSON.stringify({ date: 'x', results: { one: { value: 1.5, unit: 'ms' }, two: { value: null, reason: 'skipped' } } }))).toEqual({ one: 1.5, two: null });
  });

  it('says so when the text is not the bench JSON', () => {
    expect(() => figuresOf('{"date": "x"}')).toThrow(/no "results"/);
  });
});
