/**
 * The card side of the store: typed requests through platform/messaging, with failures turned into one
 * plain-words problem the summary bar shows. The page keeps its page-only marks whatever happens here.
 */
import type { Broadcast, RequestMap, RequestType, Response } from '../core/messages';
import { onBroadcast, send, StoreError, isContextInvalidated } from '../platform/messaging';

export type Sender = <T extends RequestType>(type: T, body: RequestMap[T]['req']) => Promise<Extract<Response<T>, { ok: true }>>;
export type BroadcastSubscriber = (listener: (message: Broadcast) => void) => () => void;

/** Times a listing is sent again when the store could not say it was recorded (a worker stopped each time). */
const LISTING_RESENDS = 3;

export class StoreLink {
  /** What is wrong, in plain words, or null while the store answers. */
  problem: string | null = null;
  /** The extension was reloaded or updated under this page: nothing will answer again. */
  dead = false;
  private readonly confirming = new Set<Promise<void>>();

  constructor(
    private readonly onProblem: () => void,
    private readonly sender: Sender = send,
    private readonly subscribe: BroadcastSubscriber = onBroadcast,
  ) {}

  /** The payload, or null when the store failed (the problem is recorded). */
  async request<T extends RequestType>(type: T, body: RequestMap[T]['req']): Promise<Extract<Response<T>, { ok: true }> | null> {
    if (this.dead) return null;
    try {
      const response = await this.sender(type, body);
      if (this.problem !== null) {
        this.problem = null;
        this.onProblem();
      }
      if (type === 'page/listed') this.confirmListing(body as RequestMap['page/listed']['req'], response as Extract<Response<'page/listed'>, { ok: true }>);
      return response;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  /**
   * The store answers a listing before storing it: asks, with the answer's receipt, whether it was stored, and
   * sends it again (without the analysis, already answered) when the store cannot say so. Resolves when settled.
   */
  confirmListing(body: RequestMap['page/listed']['req'], answer: { receipt?: string }): Promise<void> {
    const run = async (): Promise<void> => {
      let receipt = answer.receipt;
      for (let resend = 0; receipt !== undefined; resend++) {
        if ((await this.sender('listing/settled', { receipt })).recorded) return;
        if (resend >= LISTING_RESENDS) throw new Error('the listing could not be saved');
        receipt = (await this.sender('page/listed', { page: body.page, papers: body.papers })).receipt;
      }
    };
    const confirmed = run().catch((error: unknown) => {
      if (!this.dead) this.fail(error);
    });
    this.confirming.add(confirmed);
    void confirmed.finally(() => this.confirming.delete(confirmed));
    return confirmed;
  }

  /** Resolves once every listing sent so far is known to be stored (or failed). */
  async settled(): Promise<void> {
    while (this.confirming.size > 0) await Promise.all([...this.confirming]);
  }

  fail(error: unknown): void {
    const message = error instanceof StoreError ? error.body.message : error instanceof Error ? error.message : String(error);
    if (isContextInvalidated(error) || /updated or reloaded/i.test(message)) this.dead = true;
    const problem = this.dead
      ? 'Paper Lens was updated or reloaded, so this page shows marks for this page only. Reload the page to see your history again.'
      : `Paper Lens can’t reach its saved history right now (${message.replace(/\.$/, '')}). Marks for this page still work.`;
    if (problem !== this.problem) {
      this.problem = problem;
      this.onProblem();
    }
  }

  listen(listener: (message: Broadcast) => void): () => void {
    try {
      return this.subscribe(listener);
    } catch (error) {
      this.fail(error);
      return () => undefined;
    }
  }
}
