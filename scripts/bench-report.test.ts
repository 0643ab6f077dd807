import { describe, expect, it } from 'vitest';
import { median, Report, round, statusOf, toJson, toTable, type Machine } from './bench-report';
import { unionLength } from './bench-load';

const machine: Machine = { date: '2024-03-11T00:00:00.000Z', cpu_model: 'Test CPU', cpu_count: 2, chromium_version: 'Chrome/1.2.3', node_version: '20.0.0' };

function sampleReport(): Report {
  const report = new Report();
  report.declare('content_50_cards_main_thread_ms', 'content 50 cards', 'ms', { op: '<=', value: 15 });
  report.declare('star_to_other_tab_ms', 'star', 'ms', { op: '<=', value: 300 });
  report.declare('popup_first_paint_100000_ms', 'popup', 'ms', { op: '<', value: 150 });
  report.declare('db_kb_per_1000_papers', 'db', 'kb');
  report.declare('content_50_cards_cdp_script_ms', 'cdp', 'ms', undefined, { jsonOnly: true });
  report.set('content_50_cards_main_thread_ms', 12.345, { samples: [12.345, 13.01], note: 'median of 2' });
  report.set('star_to_other_tab_ms', 420);
  report.set('popup_first_paint_100000_ms', 150);
  report.miss('db_kb_per_1000_papers', 'the store does not answer');
  return report;
}

describe('bench report', () => {
  it('compares each figure with its target', () => {
    const report = sampleReport();
    expect(statusOf(report.get('content_50_cards_main_thread_ms'))).toBe('met');
    expect(statusOf(report.get('star_to_other_tab_ms'))).toBe('missed');
    // "< 150" is strict.
    expect(statusOf(report.get('popup_first_paint_100000_ms'))).toBe('missed');
    expect(statusOf(report.get('db_kb_per_1000_papers'))).toBe('not measured');
  });

  it('writes every declared figure under its stable name, null with a reason when not measured', () => {
    const out = toJson(sampleReport(), machine, 12.3) as Record<string, unknown> & { results: Record<string, { status: string; reason?: string; target?: string }> };
    expect(out.cpu_model).toBe('Test CPU');
    expect(out.chromium_version).toBe('Chrome/1.2.3');
    expect(out.content_50_cards_main_thread_ms).toBe(12.3);
    expect(out.db_kb_per_1000_papers).toBeNull();
    expect(out.content_50_cards_cdp_script_ms).toBeNull();
    expect(out.results.db_kb_per_1000_papers).toMatchObject({ status: 'not measured', reason: 'the store does not answer' });
    expect(out.results.star_to_other_tab_ms).toMatchObject({ status: 'missed', target: '<= 300' });
  });

  it('prints a table with status, reasons, and without JSON-only figures', () => {
    const table = toTable(sampleReport(), machine, 12.3);
    expect(table).toMatch(/content 50 cards\s+12\.3 ms\s+<= 15 ms\s+met/);
    expect(table).toMatch(/star\s+420 ms\s+<= 300 ms\s+missed/);
    expect(table).toContain('not measured: the store does not answer');
    expect(table).not.toContain('cdp');
    expect(table).toContain('targets: 1 met, 2 missed, 0 not measured');
  });

  it('refuses figures it did not declare', () => {
    expect(() => new Report().set('nope_ms', 1)).toThrow(/not declared/);
  });
});

describe('numbers', () => {
  it('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('rounds to about three significant digits', () => {
    expect(round(1234.56)).toBe(1235);
    expect(round(12.345)).toBe(12.3);
    expect(round(1.2345)).toBe(1.23);
    expect(round(0.12345)).toBe(0.123);
  });

  it('measures overlapping intervals once', () => {
    expect(unionLength([{ start: 0, duration: 10 }, { start: 5, duration: 10 }, { start: 30, duration: 1 }, { start: 2, duration: 3 }])).toBe(16);
  });
});

describe('figures against their floor', () => {
  it('declares the time, the floor and the ratio, the target on the ratio', () => {
    const report = new Report();
    report.declareRatio('store_state_250_of_10000', 'states', 2);
    expect(report.all().map((figure) => figure.name)).toEqual(['store_state_250_of_10000_ratio', 'store_state_250_of_10000_ms', 'store_state_250_of_10000_floor_ms']);
    expect(report.get('store_state_250_of_10000_ratio').target).toEqual({ op: '<=', value: 2 });
    expect(toJson(report, machine, 1)).toMatchObject({ store_state_250_of_10000_ms: null, store_state_250_of_10000_floor_ms: null, store_state_250_of_10000_ratio: null });
  });

  it('takes the median of side-by-side ratios when the samples are paired, the ratio of medians otherwise', () => {
    const report = new Report();
    report.declareRatio('a', 'a', 2);
    report.declareRatio('b', 'b', 2);
    // Round 2 ran on a machine twice as slow: both sides doubled, its ratio did not change.
    report.setRatio('a', [30, 60, 33], [10, 20, 10], { paired: true });
    report.setRatio('b', [30, 60, 33], [10, 20, 10]);
    expect(report.get('a_ratio').value).toBe(3);
    expect(report.get('a_ms').value).toBe(33);
    expect(report.get('a_floor_ms').value).toBe(10);
    expect(report.get('b_ratio').value).toBe(3.3);
    expect(statusOf(report.get('a_ratio'))).toBe('missed');
    expect(toTable(report, machine, 1)).toContain('3x');
  });

  it('leaves all three unmeasured, with the reason, when a side is missing', () => {
    const report = new Report();
    report.declareRatio('a', 'a', 2);
    report.setRatio('a', [30], []);
    expect(statusOf(report.get('a_ratio'))).toBe('not measured');
    expect(report.get('a_ratio').reason).toBe('the floor was not measured');
    expect(report.get('a_ms').value).toBeNull();
  });
});

describe('reasons', () => {
  it("keeps a figure's own reason when a phase marks the rest of its figures", () => {
    const report = new Report();
    report.declareRatio('import_100000_papers', 'import', 1.25);
    report.declare('store_state_250_of_100000_ms', 'state', 'ms');
    report.missRatio('import_100000_papers', 'out of time after 33000 papers: 1.24x so far');
    report.missAll('import_', 'the import ran out of time');
    report.missAll('store_', 'the import ran out of time');
    expect(report.get('import_100000_papers_ratio').reason).toBe('out of time after 33000 papers: 1.24x so far');
    expect(report.get('store_state_250_of_100000_ms').reason).toBe('the import ran out of time');
  });
});
