/**
 * Runs the tasks of one key one after another, in the order they were asked for (a star, then the un-star clicked
 * next, reach the store in that order even when the first is sent again after a lost reply), and tells each
 * task whether it is still the latest of its key: only the latest one's answer settles what the reader sees.
 */
export interface Turn<T> {
  result: Promise<T>;
  /** No later task of the same key was asked for since this one. */
  isLatest(): boolean;
}

export class KeyedSequence {
  private readonly tails = new Map<string, { ticket: number; settled: Promise<void> }>();
  /** The ticket of the last task asked for each key (kept once settled: a key per paper the reader toggled). */
  private readonly latest = new Map<string, number>();
  private tickets = 0;

  run<T>(key: string, task: () => Promise<T>): Turn<T> {
    const ticket = ++this.tickets;
    const previous = this.tails.get(key)?.settled ?? Promise.resolve();
    const result = previous.then(task);
    const settled = result.then(() => undefined, () => undefined);
    this.tails.set(key, { ticket, settled });
    this.latest.set(key, ticket);
    void settled.then(() => {
      if (this.tails.get(key)?.ticket === ticket) this.tails.delete(key);
    });
    return { result, isLatest: () => this.latest.get(key) === ticket };
  }
}
