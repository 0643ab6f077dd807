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

const RETRY_DELAYS_MS = [50, 150, 400, 1000, 2000];

function isTransient(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Receiving end does not exist|Could not establish connection|message port closed|No SW|service worker/i.test(text);
}

/** Sends a request to the background and resolves with its payload, or throws StoreError with plain words. */
export async function send<T extends RequestType>(
  type: T,
  body: RequestMap[T]['req'],
): Promise<Extract<Response<T>, { ok: true }>> {
  const request = { type, ...body } as Request<T>;
  let lastError: unknown;
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    try {
      const response = (await messagingRuntime().sendMessage(request)) as Response<T> | undefined;
      if (response === undefined || response === null) throw new Error('No SW response');
      if (!response.ok) throw new StoreError(response.error);
      return response as Extract<Response<T>, { ok: true }>;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      if (isContextInvalidated(error)) throw new StoreError({ code: 'internal', message: 'Paper Lens was updated or reloaded; reload this page to use it again.' });
      lastError = error;
      if (!isTransient(error)) break;
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
