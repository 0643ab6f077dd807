/**
 * The few browser actions the popup takes besides messaging, reached through the runtime directly (see
 * platform/runtime.ts): Firefox's `browser.runtime` and Chrome's MV3 `chrome.runtime` both return promises, so the
 * popup does not load webextension-polyfill for them.
 */
import { extensionRuntime, type ExtensionGlobals } from '../platform/runtime';

export async function openOptionsPage(scope?: ExtensionGlobals): Promise<void> {
  const runtime = extensionRuntime(scope);
  if (!runtime?.openOptionsPage) throw new Error('The extension runtime is not available to this page.');
  await runtime.openOptionsPage();
}
