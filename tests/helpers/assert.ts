/** Small assertion helpers (the std library is JSR-only, so we keep our own). */

/** Throws unless `condition` holds. */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  if (!condition) throw new Error(message);
}

/** Deep equality through JSON (enough for plain data). */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  const a = JSON.stringify(actual, null, 2);
  const e = JSON.stringify(expected, null, 2);
  if (a !== e) throw new Error(`${message ? message + "\n" : ""}expected:\n${e}\nactual:\n${a}`);
}

/** Throws unless `text` contains `part`. */
export function assertIncludes(text: string, part: string, message?: string): void {
  if (!text.includes(part)) {
    throw new Error(`${message ? message + "\n" : ""}expected to find ${JSON.stringify(part)} in:\n${text}`);
  }
}

/** Throws when `text` contains `part`. */
export function assertNotIncludes(text: string, part: string, message?: string): void {
  if (text.includes(part)) {
    throw new Error(`${message ? message + "\n" : ""}did not expect ${JSON.stringify(part)} in:\n${text}`);
  }
}

/** Asserts that `fn` rejects with an instance of `type`; returns the error. */
export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  type: new (...args: any[]) => E,
  includes?: string,
): Promise<E> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof type)) {
      throw new Error(
        `expected ${type.name}, got ${
          error instanceof Error ? error.constructor.name : typeof error
        }: ${error}`,
      );
    }
    if (includes && !error.message.includes(includes)) {
      throw new Error(`expected message to include ${JSON.stringify(includes)}, got: ${error.message}`);
    }
    return error;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
