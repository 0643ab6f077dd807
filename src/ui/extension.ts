/**
 * The few browser actions the popup takes besides messaging, reached directly (as platform/runtime.ts does for
 * messaging): Firefox's `browser.runtime` and Chrome's MV3 `chrome.runtime` both return promises, so the popup
 * does not load webextension-polyfill for them.
 */
interface OptionsRuntime {
  openOptionsPage(): Promise<void>;
}
interface ExtensionGlobals {
  browser?: { runtime?: Partial<OptionsRuntime> };
  chrome?: { runtime?: Partial<OptionsRuntime> };
}

export async function openOptionsPage(scope: ExtensionGlobals = globalThis as ExtensionGlobals): Promise<void> {
  const runtime = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!runtime?.openOptionsPage) throw new Error('The extension runtime is not available to this page.');
  await runtime.openOptionsPage();
}
