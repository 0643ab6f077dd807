/**
 * Writes the wanted sync items, batched and throttled: the latest wanted state replaces any earlier one, a
 * write goes only when the write budget allows (core/sync/write-budget), and it carries every changed item in
 * one `set` call. Items no longer wanted are emptied in that same call rather than removed (a remove would be a
 * second write). A wanted state is worked out from the area as it was at a merge (its basis); when the area read
 * just before writing is no longer that basis (another device's items arrived meanwhile), nothing is written and
 * the caller merges again, so a stale wanted state never overwrites what another device just put there. A quota or rate refusal leaves the wanted state in place and retries later; the local store is
 * never touched here, so nothing is lost meanwhile.
 */
import type { SyncArea } from '../../core/sync/area';
import { canonicalJson, limitOf } from '../../core/sync/area';
import { nextWriteAt, recentWrites, WRITE_POLICY, type WritePolicy } from '../../core/sync/write-budget';

export const RETRY_AFTER_LIMIT_MS = 60_000;
export const RETRY_AFTER_ERROR_MS = 30_000;

export interface WriterDeps {
  area: SyncArea;
  now?: () => number;
  /** The times of earlier writes, kept across worker restarts. */
  loadWrites(): Promise<number[]>;
  saveWrites(times: number[]): Promise<void>;
  /** Whether a key of the area belongs to the part this writer owns (marks, settings...). */
  owns(key: string): boolean;
  /** A write was refused for the quota: the caller encodes again with less room. */
  onQuota?(): void;
  onState?(state: WriterState): void;
  /** A fingerprint of the area's contents, compared with a wanted state's basis before writing it. */
  fingerprint?(items: Record<string, unknown>): string;
  /** The area changed since the wanted state's merge: the caller merges again (and wants anew). */
  onStale?(): void;
  policy?: WritePolicy;
}

export type WriterState =
  | { kind: 'idle'; lastWriteAt?: number }
  | { kind: 'waiting'; at: number }
  | { kind: 'retrying'; at: number; reason: 'rate' | 'quota' | 'error'; message: string };

export class SyncWriter {
  private wanted: Record<string, unknown> | null = null;
  /** The fingerprint of the area the wanted state was worked out from (undefined: written whatever the area holds). */
  private basis: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private running: Promise<void> | null = null;
  private writes: number[] | null = null;
  private lastWriteAt: number | undefined;
  private readonly now: () => number;
  private readonly policy: WritePolicy;
  /** Writes made by this writer (for the engine to tell its own changes from another device's). */
  readonly written = new Map<string, string>();

  constructor(private readonly deps: WriterDeps) {
    this.now = deps.now ?? Date.now;
    this.policy = deps.policy ?? WRITE_POLICY;
  }

  /**
   * The whole wanted content of the owned keys; written after at least `delayMs`, within the budget, and only
   * while the area's fingerprint is still `basis` (when given).
   */
  want(items: Record<string, unknown>, delayMs = 0, basis?: string): void {
    this.wanted = items;
    this.basis = basis;
    this.schedule(this.now() + delayMs);
  }

  /** Drops what was wanted and not yet written (sync turned off). */
  cancel(): void {
    this.wanted = null;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  get pending(): boolean {
    return this.wanted !== null;
  }

  /** Resolves when nothing is being written and no write is due within `withinMs` (tests, the bench). */
  async settled(withinMs = 100): Promise<void> {
    while (this.running || (this.timer !== undefined && this.timerAt <= this.now() + withinMs)) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private schedule(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.run();
    }, Math.max(0, at - this.now()));
  }

  private async run(): Promise<void> {
    if (this.running) {
      await this.running;
      if (this.wanted) this.schedule(this.now());
      return;
    }
    this.running = this.flush().finally(() => { this.running = null; });
    await this.running;
  }

  private async flush(): Promise<void> {
    const wanted = this.wanted;
    if (!wanted) return;
    this.writes ??= await this.deps.loadWrites().catch(() => []);
    let current: Record<string, unknown>;
    try {
      current = await this.deps.area.get(null);
    } catch (error) {
      this.retry('error', error, RETRY_AFTER_ERROR_MS);
      return;
    }
    if (this.basis !== undefined && this.deps.fingerprint && this.deps.fingerprint(current) !== this.basis) {
      // Another device's items arrived after the merge this state came from: writing it would overwrite them.
      if (this.wanted === wanted) this.wanted = null;
      this.deps.onStale?.();
      return;
    }
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(wanted)) {
      if (canonicalJson(current[key]) !== canonicalJson(value)) changes[key] = value;
    }
    for (const key of Object.keys(current)) {
      if (this.deps.owns(key) && !(key in wanted) && current[key] !== '') changes[key] = '';
    }
    if (Object.keys(changes).length === 0) {
      if (this.wanted === wanted) this.wanted = null;
      this.deps.onState?.({ kind: 'idle', ...(this.lastWriteAt !== undefined ? { lastWriteAt: this.lastWriteAt } : {}) });
      return;
    }
    // Only a write that changes something waits for the budget (a merge that changed nothing shows as in step).
    const now = this.now();
    const allowed = nextWriteAt(this.writes, now, this.policy);
    if (allowed > now) {
      this.deps.onState?.({ kind: 'waiting', at: allowed });
      this.schedule(allowed);
      return;
    }
    this.writes = recentWrites([...this.writes, now], now);
    void this.deps.saveWrites(this.writes).catch(() => undefined);
    for (const [key, value] of Object.entries(changes)) this.written.set(key, canonicalJson(value));
    try {
      await this.deps.area.set(changes);
    } catch (error) {
      for (const key of Object.keys(changes)) this.written.delete(key);
      const limit = limitOf(error);
      if (limit === 'quota') this.deps.onQuota?.();
      this.retry(limit ?? 'error', error, limit ? RETRY_AFTER_LIMIT_MS : RETRY_AFTER_ERROR_MS);
      return;
    }
    this.lastWriteAt = now;
    if (this.wanted === wanted) {
      this.wanted = null;
      this.deps.onState?.({ kind: 'idle', lastWriteAt: now });
    } else if (this.wanted) this.schedule(nextWriteAt(this.writes, this.now(), this.policy));
  }

  private retry(reason: 'rate' | 'quota' | 'error', error: unknown, afterMs: number): void {
    const at = this.now() + afterMs;
    this.deps.onState?.({ kind: 'retrying', at, reason, message: error instanceof Error ? error.message : String(error) });
    this.schedule(at);
  }
}
