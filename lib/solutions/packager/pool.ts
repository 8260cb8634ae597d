/** Runs file operations a few at a time (unpack's writes, see Staging.writeReserved), so memory stays
 * bounded by the number in flight. */

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
    let started: Promise<void>;
    try {
      started = task();
    } catch (error) {
      // A task that throws before its first await fails like one that rejects.
      started = Promise.reject(error);
    }
    const p: Promise<void> = started.catch((error) => {
      this.#error ??= error;
    }).finally(() => this.#running.delete(p));
    this.#running.add(p);
  }

  /** Waits for every task, failed or not; then rethrows the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.#running);
    if (this.#error) throw this.#error;
  }
}
