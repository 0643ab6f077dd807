import { describe, expect, it, vi } from 'vitest';
import { openOptionsPage } from './extension';

describe('openOptionsPage', () => {
  it("uses Firefox's browser.runtime where it exists, else Chrome's chrome.runtime", async () => {
    const firefox = vi.fn(async () => undefined);
    const chrome = vi.fn(async () => undefined);
    await openOptionsPage({ browser: { runtime: { openOptionsPage: firefox } }, chrome: { runtime: { openOptionsPage: chrome } } });
    expect(firefox).toHaveBeenCalledOnce();
    await openOptionsPage({ chrome: { runtime: { openOptionsPage: chrome } } });
    expect(chrome).toHaveBeenCalledOnce();
  });

  it('says so when the page has no extension runtime, and passes the browser refusing on', async () => {
    await expect(openOptionsPage({})).rejects.toThrow(/runtime is not available/);
    await expect(openOptionsPage({ chrome: { runtime: { openOptionsPage: () => Promise.reject(new Error('no options page')) } } })).rejects.toThrow('no options page');
  });
});
