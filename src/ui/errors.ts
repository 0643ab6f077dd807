/** Turns anything thrown by the store or the browser into a sentence for the reader. */
import { StoreError } from '../platform/messaging';

export function errorMessage(error: unknown): string {
  if (error instanceof StoreError) return error.body.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again, or reload the extension.';
}
