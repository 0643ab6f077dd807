/**
 * Sends Broadcasts to every tab that may run the content script and to the extension's own pages. No 'tabs'
 * permission: tabs.query still lists tab ids, and tabs.sendMessage reaches only tabs where our content script
 * listens (others reject, which is ignored). Each listing tab gets states relative to its own page visit.
 */
import type { Broadcast } from '../../core/messages';
import type { PaperState } from '../../core/records';

export interface BroadcastTransport {
  tabIds(): Promise<number[]>;
  toTab(tabId: number, message: Broadcast): Promise<unknown>;
  toPages(message: Broadcast): Promise<unknown>;
}

export class Broadcaster {
  /** The listing page each content-script tab last reported (lost when the worker stops: then untailored). */
  private readonly pageKeyByTab = new Map<number, string>();

  constructor(private readonly transport: BroadcastTransport) {}

  noteTab(tabId: number | undefined, pageKey: string | undefined): void {
    if (tabId === undefined || tabId < 0) return;
    if (pageKey !== undefined) this.pageKeyByTab.set(tabId, pageKey);
  }

  async send(message: Broadcast): Promise<void> {
    const tabIds = await this.transport.tabIds().catch(() => [...this.pageKeyByTab.keys()]);
    await Promise.all([
      ...tabIds.map((tabId) => this.transport.toTab(tabId, message).catch(() => this.pageKeyByTab.delete(tabId))),
      this.transport.toPages(message).catch(() => undefined),
    ]);
  }

  /** To the extension's own pages only (the options page's sync status): tabs have no use for it. */
  async toPages(message: Broadcast): Promise<void> {
    await this.transport.toPages(message).catch(() => undefined);
  }

  /** state/changed to every tab, with states computed for the tab's page when it is known. */
  async sendStates(statesFor: (pageKey: string | undefined) => Promise<PaperState[]>): Promise<void> {
    const tabIds = await this.transport.tabIds().catch(() => [...this.pageKeyByTab.keys()]);
    const byPage = new Map<string | undefined, Promise<PaperState[]>>();
    const statesOf = (pageKey: string | undefined): Promise<PaperState[]> => {
      let states = byPage.get(pageKey);
      if (!states) byPage.set(pageKey, (states = statesFor(pageKey)));
      return states;
    };
    await Promise.all([
      ...tabIds.map(async (tabId) => {
        const states = await statesOf(this.pageKeyByTab.get(tabId));
        await this.transport.toTab(tabId, { type: 'state/changed', states }).catch(() => this.pageKeyByTab.delete(tabId));
      }),
      statesOf(undefined).then((states) => this.transport.toPages({ type: 'state/changed', states })).catch(() => undefined),
    ]);
  }
}
