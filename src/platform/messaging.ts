/**
 * Transport for the typed message API (src/core/messages.ts). Retries while the service worker wakes up,
 * so a request is never lost to a sleeping worker.
 */
import type { Broadcast, ErrorBody, Request, RequestMap, RequestType, Response } from '../core/messages';
import { isBroadcast } from '../core/messages';
import { messagingRuntime, type MessagingRuntime } from './runtime';

export class StoreError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
    this.name = 'StoreError';
  }
}

/** Waits between attempts while the worker starts again (about 8 s in all, room for a loaded machine). */
const RETRY_DELAYS_MS = [50, 150, 400, 1000, 2000, 4000];

/**
 * Why a send failed, from the browser's words:
 *  - 'not-delivered': no worker took the message (it is starting or was stopped);
 *  - 'reply-lost': a worker took it and stopped before it answered, so it may or may not have been applied;
 *  - 'context-gone': the extension was reloaded or updated under this script: nothing will answer again;
 *  - 'other': anything else, final.
 * Every request is idempotent (see core/messages), so both of the first two are sent again.
 */
export type SendFailure = 'not-delivered' | 'reply-lost' | 'context-gone' | 'other';

export function classifySendFailure(error: unknown): SendFailure {
  const text = error instanceof Error ? error.message : String(error);
  if (/Extension context invalidated/i.test(text)) return 'context-gone';
  if (/Receiving end does not exist|Could not establish connection/i.test(text)) return 'not-delivered';
  // Chrome: "The message port closed before a response was received." and "A listener indicated an asynchronous
  // response by returning true, but the message channel closed before a response was received"; Firefox: the
  // background's conduit went away while the request was open.
  if (/message (port|channel) closed|before a response was received|No SW response|service worker|disconnected|destroyed before/i.test(text)) return 'reply-lost';
  return 'other';
}

const newRequestId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * Sends a request to the background and resolves with its payload, or throws StoreError with plain words. A
 * request whose reply was lost is sent again with the same `requestId`, so the background can answer a repeat of
 * a request it already applied with that first answer.
 */
export async function send<T extends RequestType>(
  type: T,
  body: RequestMap[T]['req'],
): Promise<Extract<Response<T>, { ok: true }>> {
  const request = { ...body, type, requestId: newRequestId(), sentAt: Date.now() } as Request<T>;
  let lastError: unknown;
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    try {
      const response = (await messagingRuntime().sendMessage(request)) as Response<T> | undefined;
      if (response === undefined || response === null) throw new Error('No SW response');
      if (!response.ok) throw new StoreError(response.error);
      return response as Extract<Response<T>, { ok: true }>;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      const failure = classifySendFailure(error);
      if (failure === 'context-gone') throw new StoreError({ code: 'internal', message: 'Paper Lens was updated or reloaded; reload this page to use it again.' });
      lastError = error;
      if (failure === 'other') break;
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw new StoreError({ code: 'internal', message: `Paper Lens could not reach its store: ${lastError instanceof Error ? lastError.message : String(lastError)}` });
}

export function isContextInvalidated(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Extension context invalidated/i.test(text);
}

/** Subscribes to background broadcasts; returns an unsubscribe function. */
export function onBroadcast(listener: (message: Broadcast) => void): () => void {
  const handler = (message: unknown): undefined => {
    if (isBroadcast(message)) listener(message);
    return undefined;
  };
  let runtime: MessagingRuntime;
  try {
    runtime = messagingRuntime();
  } catch {
    // An orphaned script (its extension was reloaded) hears nothing more; its requests say why.
    return () => undefined;
  }
  runtime.onMessage.addListener(handler);
  return () => runtime.onMessage.removeListener(handler);
}
