import { afterEach, describe, expect, it, vi } from 'vitest';
import { messagingRuntime, type MessagingRuntime } from './runtime';
import { isContextInvalidated, onBroadcast, send, StoreError } from './messaging';

function fakeRuntime(sendMessage: (message: unknown) => Promise<unknown>): MessagingRuntime & { listeners: Array<(message: unknown) => unknown> } {
  const listeners: Array<(message: unknown) => unknown> = [];
  const onMessage = {
    addListener: (listener: (message: unknown) => unknown) => void listeners.push(listener),
    removeListener: (listener: (message: unknown) => unknown) => void listeners.splice(listeners.indexOf(listener), 1),
    hasListener: () => listeners.length > 0,
    hasListeners: () => listeners.length > 0,
  };
  // Only sendMessage and onMessage are used; the rest of the types' overloads do not matter here.
  return { sendMessage, onMessage, listeners } as unknown as MessagingRuntime & { listeners: typeof listeners };
}

afterEach(() => vi.unstubAllGlobals());

describe('messagingRuntime', () => {
  it("takes Firefox's browser.runtime before chrome.runtime", () => {
    const firefox = fakeRuntime(async () => 'browser');
    const chrome = fakeRuntime(async () => 'chrome');
    expect(messagingRuntime({ browser: { runtime: firefox }, chrome: { runtime: chrome } })).toBe(firefox);
    expect(messagingRuntime({ chrome: { runtime: chrome } })).toBe(chrome);
  });

  it('reports a missing runtime (a reloaded extension) as an invalidated context', () => {
    let thrown: unknown;
    try {
      messagingRuntime({ chrome: {} });
    } catch (error) {
      thrown = error;
    }
    expect(isContextInvalidated(thrown)).toBe(true);
  });
});

describe('send and onBroadcast on the runtime', () => {
  it('resolves with the payload of an ok answer and throws the store error of a failed one', async () => {
    vi.stubGlobal('chrome', { runtime: fakeRuntime(async (message) => ((message as { type: string }).type === 'settings/get' ? { ok: true, settings: { x: 1 } } : { ok: false, error: { code: 'internal', message: 'disk full' } })) });
    await expect(send('settings/get', {})).resolves.toMatchObject({ ok: true, settings: { x: 1 } });
    await expect(send('paper/set-starred', { id: '2401.00001', starred: true })).rejects.toThrow('disk full');
  });

  it('says the extension was reloaded when the runtime is gone, without retrying', async () => {
    vi.stubGlobal('chrome', {});
    const error = await send('settings/get', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/updated or reloaded/);
  });

  it('passes broadcasts to the listener, ignores other messages, and unsubscribes', () => {
    const runtime = fakeRuntime(async () => undefined);
    vi.stubGlobal('chrome', { runtime });
    const heard: unknown[] = [];
    const stop = onBroadcast((message) => heard.push(message));
    const broadcast = { type: 'data/cleared' };
    for (const listener of runtime.listeners) listener(broadcast);
    for (const listener of runtime.listeners) listener({ type: 'not a broadcast' });
    expect(heard).toEqual([broadcast]);
    stop();
    expect(runtime.listeners).toHaveLength(0);
  });

  it('gives a script without a runtime a subscription that hears nothing instead of failing', () => {
    vi.stubGlobal('chrome', {});
    expect(() => onBroadcast(() => undefined)()).not.toThrow();
  });
});
