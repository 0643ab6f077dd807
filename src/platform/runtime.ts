/**
 * The runtime messaging API of the browser the script runs in, without webextension-polyfill. Messaging is all
 * the content script needs, and it loads on every visit of the site: setting the polyfill up took 2-4 ms of its
 * start on a 2-core machine. For messaging the polyfill adds nothing here: Firefox's `browser.runtime` and
 * Chrome's MV3 `chrome.runtime.sendMessage` both return promises, and these listeners never answer (they take
 * broadcasts). The background, whose listeners do answer with promises, keeps the polyfill.
 */
import type { Runtime } from 'webextension-polyfill';

export type MessagingRuntime = Pick<Runtime.Static, 'sendMessage' | 'onMessage'>;

interface ExtensionGlobals {
  browser?: { runtime?: MessagingRuntime };
  chrome?: { runtime?: MessagingRuntime };
}

/**
 * `browser.runtime` where the browser has it, else `chrome.runtime`. Chrome takes `runtime` away from a content
 * script whose extension was reloaded: that is reported as the invalidated context it is.
 */
export function messagingRuntime(scope: ExtensionGlobals = globalThis as ExtensionGlobals): MessagingRuntime {
  const runtime = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!runtime?.sendMessage) throw new Error('Extension context invalidated: the extension runtime is not available to this script.');
  return runtime;
}
