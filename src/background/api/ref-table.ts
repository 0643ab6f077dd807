/**
 * Values a request started, kept under a ref until a later request asks for them, the oldest dropped beyond a
 * limit (a page that never asked: closed, navigated away). Refs this table issues carry a prefix that differs
 * per worker start, so a ref handed out before a stop never names another value after it.
 */
export class RefTable<T> {
  private readonly byRef = new Map<string, T>();
  private next = 0;

  constructor(private readonly limit: number, private readonly run: string = crypto.randomUUID()) {}

  /** Keeps `value` under a new ref of this run; returns the ref. */
  issue(value: T): string {
    const ref = `${this.run}:${++this.next}`;
    this.set(ref, value);
    return ref;
  }

  /** Keeps `value` under a ref the caller chose. */
  set(ref: string, value: T): void {
    this.byRef.set(ref, value);
    for (const oldest of this.byRef.keys()) {
      if (this.byRef.size <= this.limit) break;
      this.byRef.delete(oldest);
    }
  }

  get(ref: string): T | undefined {
    return this.byRef.get(ref);
  }

  /** The value under `ref`, no longer kept. */
  take(ref: string): T | undefined {
    const found = this.byRef.get(ref);
    this.byRef.delete(ref);
    return found;
  }

  values(): IterableIterator<T> {
    return this.byRef.values();
  }
}
