/** Axis arithmetic for the dashboard plot. Pure. */

/** A round axis maximum at or above `max` and evenly spaced ticks from 0 (at most `maxTicks` + 1 of them). */
export function niceTicks(max: number, maxTicks = 4): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough && candidate >= 1) ?? Math.max(1, magnitude * 10);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 2; value += step) ticks.push(Math.round(value));
  return { top, ticks };
}

/** Indexes of the days that get an x-axis label: the last day and every `every`th day before it. */
export function labelledDays(length: number, every = 7): number[] {
  const out: number[] = [];
  for (let index = length - 1; index >= 0; index -= every) out.unshift(index);
  return out;
}
