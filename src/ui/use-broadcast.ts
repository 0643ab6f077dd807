import { useEffect, useRef } from 'preact/hooks';
import type { Broadcast } from '../core/messages';
import { onBroadcast } from '../platform/messaging';

/** Calls the latest `listener` for every background broadcast while the component is mounted. */
export function useBroadcast(listener: (message: Broadcast) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => onBroadcast((message) => latest.current(message)), []);
}
