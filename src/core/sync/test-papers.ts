/**
 * Reading histories for the sync tests and the bench: arXiv ids over two years of listings, read within days
 * of their listing, a fifth of them starred (most of those read too), some stars and reads undone later.
 */
import { HybridClock, legacyStamp } from '../hlc';
import type { SyncEntry } from './codec';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryOptions {
  count: number;
  seed?: number;
  /** How stamps are made: by a device clock (ms or whole seconds) or absent (a history from before stamps). */
  stamps?: 'ms' | 'seconds' | 'none';
  /** Devices the changes were made on. */
  devices?: string[];
  /** Tags on about a third of the starred papers and a note on one in ten (50 to 600 characters). */
  annotate?: boolean;
}

const TAG_WORDS = ['to read', 'diffusion', 'llm', 'agents', 'vision', 'theory', 'benchmark', 'reproduce', 'cite', 'rl'];
const NOTE_WORDS = ['method', 'baseline', 'ablation', 'compare', 'with', 'the', 'results', 'look', 'strong', 'weak', 'check', 'appendix', 'code'];

interface Change {
  id: string;
  at: number;
  field: 'star' | 'read';
  on: boolean;
}

export function readingHistory({ count, seed = 1, stamps = 'ms', devices = ['laptop0001', 'desktop002'], annotate = false }: HistoryOptions): SyncEntry[] {
  const next = random(seed);
  const months = 24;
  const perMonth = Math.ceil(count / months);
  const ids = new Set<string>();
  const changes: Change[] = [];
  for (let month = 0; month < months && ids.size < count; month++) {
    const year = 23 + Math.floor(month / 12);
    const mm = (month % 12) + 1;
    const monthStart = Date.UTC(2000 + year, mm - 1, 1);
    for (let i = 0; i < perMonth && ids.size < count; i++) {
      let id: string;
      do id = `${year}${String(mm).padStart(2, '0')}.${String(Math.floor(next() * 20000)).padStart(5, '0')}`; while (ids.has(id));
      ids.add(id);
      const listed = monthStart + Math.floor(next() * 30 * 86_400_000);
      const starred = next() < 0.2;
      const read = !starred || next() < 0.75;
      if (read) {
        const at = listed + Math.floor(next() * 3 * 86_400_000);
        changes.push({ id, at, field: 'read', on: true });
        if (next() < 0.03) changes.push({ id, at: at + 3_600_000, field: 'read', on: false });
      }
      if (starred) {
        const at = listed + Math.floor(next() * 5 * 86_400_000);
        changes.push({ id, at, field: 'star', on: true });
        if (next() < 0.05) changes.push({ id, at: at + 86_400_000, field: 'star', on: false });
      }
    }
  }
  // The changes happen in time order, each on one of the devices (whose clocks see each other's stamps).
  changes.sort((a, b) => a.at - b.at);
  let now = 0;
  const clocks = devices.map((device) => new HybridClock(device, () => (stamps === 'seconds' ? Math.floor(now / 1000) * 1000 : now)));
  const states = new Map<string, SyncEntry['state']>();
  for (const change of changes) {
    now = change.at;
    const clock = clocks[Math.floor(next() * clocks.length)]!;
    const state = states.get(change.id) ?? {};
    states.set(change.id, state);
    const [valueKey, stampKey] = change.field === 'star' ? (['starredAt', 'starStamp'] as const) : (['readAt', 'readStamp'] as const);
    const stamp = stamps === 'none' ? (change.on ? undefined : legacyStamp(change.at)) : clock.next();
    if (stamp) for (const other of clocks) other.observe(stamp);
    if (change.on) state[valueKey] = stamps === 'seconds' ? Math.floor(change.at / 1000) * 1000 : change.at;
    else delete state[valueKey];
    if (stamp) state[stampKey] = stamp;
  }
  if (annotate && stamps !== 'none') {
    const clock = clocks[0]!;
    for (const state of states.values()) {
      if (state.starredAt === undefined) continue;
      now = state.starredAt + 60_000;
      if (next() < 0.33) {
        const tags = new Set<string>();
        const many = 1 + Math.floor(next() * 3);
        while (tags.size < many) tags.add(TAG_WORDS[Math.floor(next() * TAG_WORDS.length)]!);
        state.tags = [...tags];
        state.tagsStamp = clock.next();
      }
      if (next() < 0.1) {
        const words: string[] = [];
        const length = 50 + Math.floor(next() * 550);
        while (words.join(' ').length < length) words.push(NOTE_WORDS[Math.floor(next() * NOTE_WORDS.length)]!);
        state.note = words.join(' ');
        state.noteStamp = clock.next();
      }
    }
  }
  return [...states.entries()].map(([id, state]) => ({ id, state }));
}
