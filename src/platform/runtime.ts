/**
 * The runtime messaging API of the browser the script runs in, without webextension-polyfill. Messaging is all
 * the content script needs, and it loads on every visit of the site: setting the polyfill up took 2-4 ms of its
 * start on a 2-core machine. For messaging the polyfill adds nothing here: Firefox's `browser.runtime` and
 * Chrome's MV3 `chrome.runtime.sendMessage` both return promises, and these listeners never answer (they take
 * broadcasts). The background, whose listeners do answer with promises, keeps the polyfill.
 */
import type { Runtime } from 'webextension-polyfill';

export type MessagingRuntime = Pick<Runtime.Static, 'sendMessage' | 'onMessage'>;
/** The runtime members the pages without the polyfill use (each may be missing where the runtime is gone). */
type RuntimeApi = Partial<Pick<Runtime.Static, 'sendMessage' | 'onMessage' | 'openOptionsPage'>>;

export interface ExtensionGlobals {
  browser?: { runtime?: RuntimeApi };
  chrome?: { runtime?: RuntimeApi };
}

/** `browser.runtime` where the browser has it, else `chrome.runtime`; undefined where neither is. */
export function extensionRuntime(scope: ExtensionGlobals = globalThis as ExtensionGlobals): RuntimeApi | undefined {
  return scope.browser?.runtime ?? scope.chrome?.runtime;
}

/**
 * The runtime to message with. Chrome takes `runtime` away from a content script whose extension was reloaded:
 * that is reported as the invalidated context it is.
 */
export function messagingRuntime(scope?: ExtensionGlobals): MessagingRuntime {
  const runtime = extensionRuntime(scope);
  if (!runtime?.sendMessage || !runtime.onMessage) throw new Error('Extension context invalidated: the extension runtime is not available to this script.');
  // Both members were checked just above; a Partial is not narrowed by checking its members.
  return runtime as MessagingRuntime;
}
