import { describe, expect, it } from 'vitest';
import { splitPayloadInSteps } from './payload-split';

function run<T>(steps: Generator<void, T, void>): { value: T; steps: number } {
  let count = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value, steps: count };
    count++;
  }
}

describe('splitPayloadInSteps', () => {
  it('parses the list element by element and gives the same data as JSON.parse', () => {
    const props = {
      periodType: 'day',
      note: 'a "quoted" ] } [ { string, with \\ backslashes',
      dailyPapers: Array.from({ length: 1200 }, (_, i) => ({ title: `T${i} "x" ]}`, paper: { id: `2403.${10000 + i}`, summary: 'braces { [ ] } in text\n', authors: [{ name: 'A' }] } })),
      after: [1, 2, { deep: ['x'] }],
    };
    const raw = JSON.stringify(props);
    const { value, steps } = run(splitPayloadInSteps(raw, ['dailyPapers']));
    expect(value?.key).toBe('dailyPapers');
    expect({ ...(value?.top as object), dailyPapers: value?.elements }).toEqual(props);
    expect(steps).toBeGreaterThan(3);
  });

  it('answers null for text that is not a payload so JSON.parse can report it', () => {
    expect(run(splitPayloadInSteps('{"dailyPapers": [ {"paper": oops', ['dailyPapers'])).value).toBeNull();
    expect(run(splitPayloadInSteps('{"other": []}', ['dailyPapers'])).value).toBeNull();
    expect(run(splitPayloadInSteps('{"x": {"dailyPapers": [{}]}}', ['dailyPapers'])).value).toBeNull();
    expect(run(splitPayloadInSteps('[1,2]', ['dailyPapers'])).value).toBeNull();
  });

  it('keeps going past one broken element', () => {
    const { value } = run(splitPayloadInSteps('{"dailyPapers":[{"a":1},{"b":tru},{"c":3}]}', ['dailyPapers']));
    expect(value?.elements).toEqual([{ a: 1 }, null, { c: 3 }]);
  });
});
