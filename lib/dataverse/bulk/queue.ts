/**
 * The bulk engine's work queue: rows are added at the back as the CSV is read and retried rows go back
 * to the front, so they run before later rows of the file. Both ends are O(1) (an array's shift is not).
 *
 * @module
 */

/** A double-ended queue for the bulk engine's rows. */
export class RowQueue<T> {
  /** Rows put back to the front, last one first. */
  #front: T[] = [];
  #items: T[] = [];
  #head = 0;

  /** Number of queued rows. */
  get length(): number {
    return this.#front.length + this.#items.length - this.#head;
  }

  /** Adds a row at the back. */
  push(item: T): void {
    this.#items.push(item);
  }

  /** Puts rows back at the front, keeping their order. */
  unshift(...items: T[]): void {
    for (let i = items.length - 1; i >= 0; i--) this.#front.push(items[i]);
  }

  /** The next row, without taking it. */
  peek(): T | undefined {
    return this.#front.length ? this.#front[this.#front.length - 1] : this.#items[this.#head];
  }

  /** Takes the next row. */
  shift(): T | undefined {
    if (this.#front.length) return this.#front.pop();
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined as T;
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}
