import { describe, expect, it } from 'vitest';
import { PaperTotal } from './paper-total';

describe('PaperTotal', () => {
  it('counts once, then follows the tracked writes', async () => {
    const total = new PaperTotal();
    let counts = 0;
    const count = async (): Promise<number> => { counts++; return 10; };
    expect(await total.get(count)).toBe(10);
    await total.track(async () => 'done', () => 3);
    expect(await total.get(count)).toBe(13);
    expect(counts).toBe(1);
  });

  it('counts for real while a tracked write is in flight, and keeps no count that overlapped one', async () => {
    const total = new PaperTotal();
    let release: () => void = () => undefined;
    const write = total.track(() => new Promise<void>((resolve) => { release = resolve; }), () => 1);
    expect(await total.get(async () => 5)).toBe(5);
    release();
    await write;
    expect(await total.get(async () => 6)).toBe(6);
    expect(await total.get(async () => 99)).toBe(6);
  });

  it('counts again after a clear, a failed write or forget', async () => {
    const total = new PaperTotal();
    await total.get(async () => 4);
    await total.track(async () => undefined, () => 'recount');
    expect(await total.get(async () => 0)).toBe(0);
    await expect(total.track(async () => { throw new Error('aborted'); }, () => 1)).rejects.toThrow('aborted');
    expect(await total.get(async () => 2)).toBe(2);
    total.forget();
    expect(await total.get(async () => 7)).toBe(7);
  });
});
