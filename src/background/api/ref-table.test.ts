import { describe, expect, it } from 'vitest';
import { RefTable } from './ref-table';

describe('RefTable', () => {
  it('keeps values under refs of its run, drops the oldest beyond its limit, and gives each one up once', () => {
    const table = new RefTable<string>(2, 'run-a');
    const first = table.issue('one');
    const second = table.issue('two');
    expect(first).not.toBe(second);
    expect(first.startsWith('run-a:')).toBe(true);
    table.set('chosen', 'three');
    expect(table.get(first)).toBeUndefined();
    expect([...table.values()]).toEqual(['two', 'three']);
    expect(table.take(second)).toBe('two');
    expect(table.take(second)).toBeUndefined();
  });

  it('never issues a ref another run issued', () => {
    const before = new RefTable<number>(4);
    const after = new RefTable<number>(4);
    const ref = before.issue(1);
    after.issue(2);
    expect(after.get(ref)).toBeUndefined();
  });
});
