/** Test helpers: a Store on a fresh fake-indexeddb database with a hand-driven clock. Used by *.test.ts only. */
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { ListingPage, Paper } from '../core/types';
import { PaperLensDb } from './db/db';
import { Store } from './store';

let counter = 0;

export interface TestStore {
  store: Store;
  clock: { now: number };
  /** Moves the clock on by `ms`. */
  advance(ms: number): void;
}

export function freshStore(start = Date.parse('2024-03-11T09:00:00Z'), name = `paper-lens-test-${++counter}-${Math.random().toString(36).slice(2)}`): TestStore {
  const clock = { now: start };
  const store = new Store({ db: new PaperLensDb({ name, indexedDB, IDBKeyRange }), now: () => clock.now });
  return { store, clock, advance: (ms) => { clock.now += ms; } };
}

/** A database handle on the same fake IndexedDB (reopening, older schema versions). */
export function fakeIdb(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB, IDBKeyRange };
}

export function dayPage(date: string): ListingPage {
  return { kind: 'day', key: `day:${date}`, url: `https://huggingface.co/papers/date/${date}`, period: date };
}

export function paper(id: string, title: string, abstract = '', authors: string[] = []): Paper {
  return { id, title, abstract, authors };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
