/**
 * Listing writes under way, by page: a request about a page's visit (papers/seen) waits for them, and a clear of
 * all data for all of them, since a listing's write runs in parts after its answer and the request may arrive
 * between two parts (listing/record-listing.ts).
 */
export class PageWrites {
  private readonly byPage = new Map<string, Promise<void>>();

  /** Keeps `write` until it settles; later writes of the same page chain after the earlier ones. */
  add(pageKey: string, write: Promise<void>): void {
    const settled = write.catch(() => undefined);
    const chained = Promise.all([this.byPage.get(pageKey), settled]).then(() => undefined);
    this.byPage.set(pageKey, chained);
    void chained.then(() => {
      if (this.byPage.get(pageKey) === chained) this.byPage.delete(pageKey);
    });
  }

  /** Settles once every listing write known now has settled (committed or failed), of every page. */
  async allSettled(): Promise<void> {
    await Promise.all([...this.byPage.values()]);
  }

  /** Settles once every write of the page known now has settled (committed or failed). */
  async settled(pageKey: string): Promise<void> {
    await this.byPage.get(pageKey);
  }
}
