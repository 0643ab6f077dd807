/**
 * The benchmark's figures: a fixed catalogue of stable names (unit in the name), their targets, and the two
 * outputs (a readable table, one JSON object). A figure that could not be taken keeps its name with a null value
 * and the reason, so the output always has the same shape.
 */

export type Unit = 'ms' | 's' | 'kb' | 'mb' | 'count' | 'ratio';
export type Status = 'met' | 'missed' | 'not measured' | 'info';

export interface Target {
  op: '<=' | '<';
  value: number;
}

export interface Figure {
  /** Stable JSON name, unit last, e.g. content_1000_cards_main_thread_ms. */
  name: string;
  label: string;
  unit: Unit;
  target?: Target;
  value: number | null;
  /** Why there is no value. */
  reason?: string;
  /** How it was taken, other views of the same quantity, spread. */
  note?: string;
  /** Individual runs, when the value is a median. */
  samples?: number[];
  /** Shown only in the JSON (another view of a figure the table already has in its note). */
  jsonOnly?: boolean;
}

export function statusOf(figure: Figure): Status {
  if (figure.value === null) return 'not measured';
  if (!figure.target) return 'info';
  const { op, value } = figure.target;
  return (op === '<=' ? figure.value <= value : figure.value < value) ? 'met' : 'missed';
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Rounds for display and JSON: three significant digits are all these measurements can carry. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(digits));
}

/** Holds every figure the run promises, in catalogue order; phases fill them in. */
export class Report {
  private readonly figures = new Map<string, Figure>();
  readonly sections: Array<{ title: string; lines: string[] }> = [];
  readonly extra: Record<string, unknown> = {};

  declare(name: string, label: string, unit: Unit, target?: Target, options: { jsonOnly?: boolean } = {}): void {
    this.figures.set(name, { name, label, unit, value: null, reason: 'not run', ...(target ? { target } : {}), ...(options.jsonOnly ? { jsonOnly: true } : {}) });
  }

  set(name: string, value: number, details: { note?: string; samples?: number[] } = {}): void {
    const figure = this.require(name);
    figure.value = round(value);
    delete figure.reason;
    if (details.note) figure.note = details.note;
    if (details.samples) figure.samples = details.samples.map(round);
  }

  /**
   * A figure measured against its floor in the same run: `${base}_ms` (what Paper Lens takes), `${base}_floor_ms`
   * (the least any design takes for the same thing) and `${base}_ratio` (the target applies to the ratio). The
   * table shows the ratio; the two times are in its note and in the JSON.
   */
  declareRatio(base: string, label: string, targetRatio?: number): void {
    this.declare(`${base}_ratio`, label, 'ratio', targetRatio === undefined ? undefined : { op: '<=', value: targetRatio });
    this.declare(`${base}_ms`, `${label}: Paper Lens`, 'ms', undefined, { jsonOnly: true });
    this.declare(`${base}_floor_ms`, `${label}: floor`, 'ms', undefined, { jsonOnly: true });
  }

  /**
   * Sets a ratio figure from samples of Paper Lens and of its floor. Paired samples (taken side by side, round by
   * round) give the median of the per-round ratios, which cancels a round's machine load; otherwise the ratio of
   * the medians.
   */
  setRatio(base: string, values: number[], floors: number[], details: { paired?: boolean; note?: string; floorNote?: string } = {}): void {
    if (values.length === 0 || floors.length === 0) {
      this.missRatio(base, values.length === 0 ? 'Paper Lens was not measured' : 'the floor was not measured');
      return;
    }
    const value = median(values);
    const floor = median(floors);
    const paired = details.paired === true && values.length === floors.length && floors.every((sample) => sample > 0);
    const ratio = paired ? median(values.map((sample, i) => sample / (floors[i] as number))) : value / floor;
    this.set(`${base}_ms`, value, { samples: values, ...(details.note ? { note: details.note } : {}) });
    this.set(`${base}_floor_ms`, floor, { samples: floors, ...(details.floorNote ? { note: details.floorNote } : {}) });
    if (!Number.isFinite(ratio)) {
      this.miss(`${base}_ratio`, `the floor measured ${round(floor)} ms`);
      return;
    }
    const how = paired ? `median of ${values.length} side-by-side ratios` : `ratio of the medians (${values.length} and ${floors.length} samples)`;
    this.set(`${base}_ratio`, ratio, {
      note: `${round(value)} ms against a floor of ${round(floor)} ms (${how})${details.note ? `; ${details.note}` : ''}${details.floorNote ? `; floor: ${details.floorNote}` : ''}`,
    });
  }

  missRatio(base: string, reason: string): void {
    for (const suffix of ['_ratio', '_ms', '_floor_ms']) this.miss(`${base}${suffix}`, reason);
  }

  /** Marks a figure as not measured (keeps an earlier value if one was already set). */
  miss(name: string, reason: string): void {
    const figure = this.require(name);
    if (figure.value === null) figure.reason = reason;
  }

  /** Marks every still-empty figure whose name starts with `prefix` and that has no reason of its own yet. */
  missAll(prefix: string, reason: string): void {
    for (const figure of this.figures.values()) if (figure.name.startsWith(prefix) && figure.value === null && figure.reason === 'not run') figure.reason = reason;
  }

  get(name: string): Figure {
    return this.require(name);
  }

  all(): Figure[] {
    return [...this.figures.values()];
  }

  private require(name: string): Figure {
    const figure = this.figures.get(name);
    if (!figure) throw new Error(`bench figure ${name} is not declared`);
    return figure;
  }
}

export interface Machine {
  cpu_model: string;
  cpu_count: number;
  chromium_version: string;
  node_version: string;
  date: string;
}

export function toJson(report: Report, machine: Machine, durationS: number): Record<string, unknown> {
  const flat: Record<string, number | null> = {};
  const results: Record<string, unknown> = {};
  for (const figure of report.all()) {
    flat[figure.name] = figure.value;
    results[figure.name] = {
      value: figure.value,
      unit: figure.unit,
      status: statusOf(figure),
      ...(figure.target ? { target: `${figure.target.op} ${figure.target.value}` } : {}),
      ...(figure.reason && figure.value === null ? { reason: figure.reason } : {}),
      ...(figure.note ? { note: figure.note } : {}),
      ...(figure.samples ? { samples: figure.samples } : {}),
    };
  }
  return { ...machine, bench_duration_s: round(durationS), ...flat, results, ...report.extra };
}

const UNIT_TEXT: Record<Unit, string> = { ms: 'ms', s: 's', kb: 'KB', mb: 'MB', count: '', ratio: 'x' };

function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '-';
  if (unit === 'ratio') return `${value}x`;
  return `${value}${UNIT_TEXT[unit] ? ` ${UNIT_TEXT[unit]}` : ''}`;
}

/** A plain-text table: label, value, target, status; notes and reasons on the line below. */
export function toTable(report: Report, machine: Machine, durationS: number): string {
  const figures = report.all().filter((figure) => !figure.jsonOnly);
  const rows = figures.map((figure) => [
    figure.label,
    formatValue(figure.value, figure.unit),
    figure.target ? `${figure.target.op} ${formatValue(figure.target.value, figure.unit)}` : '',
    statusOf(figure) === 'info' ? '' : statusOf(figure),
  ]);
  const widths = [0, 1, 2, 3].map((col) => Math.max(...rows.map((row) => (row[col] as string).length), ['figure', 'value', 'target', 'status'][col]!.length));
  const line = (cells: string[]): string => cells.map((cell, col) => (col === 1 ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join('  ').trimEnd();
  const out: string[] = [
    `Paper Lens benchmark, ${machine.date}`,
    `CPU: ${machine.cpu_model} (${machine.cpu_count} cores); ${machine.chromium_version}; Node ${machine.node_version}; took ${round(durationS)} s`,
    '',
    line(['figure', 'value', 'target', 'status']),
    line(widths.map((width) => '-'.repeat(width))),
  ];
  figures.forEach((figure, index) => {
    out.push(line(rows[index] as string[]));
    const detail = figure.value === null ? `not measured: ${figure.reason ?? 'unknown'}` : figure.note;
    if (detail) out.push(`    ${detail}`);
  });
  const counts = { met: 0, missed: 0, 'not measured': 0 };
  for (const figure of report.all()) {
    const status = statusOf(figure);
    if (figure.target && status !== 'info') counts[status]++;
  }
  out.push('', `targets: ${counts.met} met, ${counts.missed} missed, ${counts['not measured']} not measured`);
  for (const section of report.sections) out.push('', section.title, ...section.lines.map((text) => `  ${text}`));
  return out.join('\n');
}
