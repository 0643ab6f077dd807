/** Reports a phase's ms since `since` and returns now: set in bench builds only (bench-hooks.ts); call it under `__BENCH__`. */
export type Lap = (phase: string, since: number) => number;
