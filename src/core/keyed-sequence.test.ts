import { describe, expect, it } from 'vitest';
import { KeyedSequence } from './keyed-sequence';

const gate = (): { promise: Promise<void>; open: () => void } => {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => { open = resolve; });
  return { promise, open };
};

describe('KeyedSequence', () => {
  it('starts a task of a key only once the earlier ones of that key settled, failed ones included', async () => {
    const sequence = new KeyedSequence();
    const order: string[] = [];
    const first = gate();
    const a = sequence.run('star:1', async () => { await first.promise; order.push('a'); throw new Error('lost'); });
    const b = sequence.run('star:1', async () => { order.push('b'); return 'b'; });
    const other = sequence.run('star:2', async () => { order.push('other'); return 'other'; });
    await other.result;
    expect(order).toEqual(['other']);
    first.open();
    await expect(a.result).rejects.toThrow('lost');
    expect(await b.result).toBe('b');
    expect(order).toEqual(['other', 'a', 'b']);
  });

  it('only the last task asked for a key is the latest, before and after it settled', async () => {
    const sequence = new KeyedSequence();
    const a = sequence.run('k', async () => 1);
    expect(a.isLatest()).toBe(true);
    const b = sequence.run('k', async () => 2);
    expect(a.isLatest()).toBe(false);
    await Promise.all([a.result, b.result]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(a.isLatest()).toBe(false);
    expect(b.isLatest()).toBe(true);
    const c = sequence.run('k', async () => 3);
    expect(b.isLatest()).toBe(false);
    await c.result;
  });
});
