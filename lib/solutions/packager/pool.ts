/** Runs file operations a few at a time. Small entries are written synchronously (see Staging), so
 * this overlaps only the streamed writes of large entries, while memory stays bounded by the number in
 * flight. */

/** A bounded set of running tasks. */
export class Pool {
  readonly #limit: number;
  readonly #running = new Set<Promise<void>>();
  #error: unknown;

  constructor(limit = 16) {
    this.#limit = limit;
  }

  /** Starts `task` once a slot is free; the first failure is rethrown by `add` or `drain`. */
  async add(task: () => Promise<void>): Promise<void> {
    if (this.#error) throw this.#error;
    while (this.#running.size >= this.#limit) await Promise.race(this.#running);
    if (this.#error) throw this.#error;
    const p: Promise<void> = task().catch((error) => {
      this.#error ??= error;
    }).finally(() => this.#running.delete(p));
    this.#running.add(p);
  }

  /** Waits for every task; rethrows the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.#running);
    if (this.#error) throw this.#error;
  }
}
