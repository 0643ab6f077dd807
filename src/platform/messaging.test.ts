import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifySendFailure, send } from './messaging';

const CHROME_ASYNC_CHANNEL_CLOSED = 'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A runtime whose sendMessage answers from a script of outcomes, one per call, recording what was sent. */
function scriptedRuntime(outcomes: Array<() => Promise<unknown>>): { sent: unknown[] } {
  const sent: unknown[] = [];
  const runtime = {
    sendMessage: (message: unknown) => {
      sent.push(message);
      const next = outcomes.shift();
      return next ? next() : Promise.reject(new Error('no more outcomes'));
    },
    onMessage: { addListener: () => undefined, removeListener: () => undefined },
  };
  vi.stubGlobal('chrome', { runtime });
  return { sent };
}

describe('classifySendFailure', () => {
  it('tells a lost reply, an undelivered message, a reloaded extension and anything else apart', () => {
    expect(classifySendFailure(new Error(CHROME_ASYNC_CHANNEL_CLOSED))).toBe('reply-lost');
    expect(classifySendFailure(new Error('The message port closed before a response was received.'))).toBe('reply-lost');
    expect(classifySendFailure(new Error('No SW response'))).toBe('reply-lost');
    expect(classifySendFailure(new Error('Could not establish connection. Receiving end does not exist.'))).toBe('not-delivered');
    expect(classifySendFailure(new Error('Extension context invalidated.'))).toBe('context-gone');
    expect(classifySendFailure(new Error('Cannot read properties of undefined'))).toBe('other');
  });
});

describe('send when the worker stops mid-request', () => {
  it("sends again with the same request id when Chrome says the async listener's channel closed", async () => {
    const { sent } = scriptedRuntime([
      () => Promise.reject(new Error(CHROME_ASYNC_CHANNEL_CLOSED)),
      () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      () => Promise.resolve({ ok: true, state: { id: '2401.00001', starredAt: 5 } }),
    ]);
    const answer = await send('paper/set-starred', { id: '2401.00001', starred: true });
    expect(answer).toMatchObject({ ok: true, state: { starredAt: 5 } });
    expect(sent).toHaveLength(3);
    const ids = sent.map((message) => (message as { requestId?: string }).requestId);
    expect(ids[0]).toEqual(expect.any(String));
    expect(new Set(ids).size).toBe(1);
    expect(sent[0]).toMatchObject({ type: 'paper/set-starred', id: '2401.00001', starred: true });
  });

  it('gives up with plain words after its retries, and at once on an error that is not about the worker', async () => {
    vi.useFakeTimers();
    const lost = Array.from({ length: 10 }, () => () => Promise.reject(new Error(CHROME_ASYNC_CHANNEL_CLOSED)));
    const { sent } = scriptedRuntime(lost);
    const failing = send('settings/get', {}).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(String(await failing)).toMatch(/could not reach its store/);
    expect(sent.length).toBe(7);

    const other = scriptedRuntime([() => Promise.reject(new Error('Cannot read properties of undefined'))]);
    await expect(send('settings/get', {})).rejects.toThrow(/could not reach its store/);
    expect(other.sent).toHaveLength(1);
  });
});
