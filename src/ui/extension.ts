/** The few browser actions the popup and options page take besides messaging. */
import browser from 'webextension-polyfill';

export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
