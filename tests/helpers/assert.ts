/**
 * Assertions for tests, on top of `node:assert/strict` (built into Deno; `@std/assert` is JSR-only):
 * structural deep equality with a readable diff, and a few text and error helpers. Every failure is an
 * `AssertionError`.
 */

import { AssertionError, deepStrictEqual, ok } from "node:assert/strict";

export { AssertionError };

/** Throws unless `condition` holds. */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  ok(condition, message);
}

/**
 * Deep, strict equality (types, prototypes, `undefined` members, Maps and Sets all count). A message is
 * put in front of node's diff instead of replacing it.
 */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  try {
    deepStrictEqual(actual, expected);
  } catch (error) {
    if (message && error instanceof AssertionError) {
      throw new AssertionError({ message: `${message}\n${error.message}`, actual, expected });
    }
    throw error;
  }
}

/** Throws unless `text` contains `part`. */
export function assertIncludes(text: string, part: string, message?: string): void {
  if (!text.includes(part)) {
    throw new AssertionError({
      message: `${message ? message + "\n" : ""}expected to find ${JSON.stringify(part)} in:\n${text}`,
      actual: text,
      expected: part,
    });
  }
}

/** Throws when `text` contains `part`. */
export function assertNotIncludes(text: string, part: string, message?: string): void {
  if (text.includes(part)) {
    throw new AssertionError({
      message: `${message ? message + "\n" : ""}did not expect ${JSON.stringify(part)} in:\n${text}`,
      actual: text,
      expected: part,
    });
  }
}

/** Asserts that `fn` rejects with an instance of `type` (whose message includes `includes`); returns it. */
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
      throw new AssertionError({
        message: `expected ${type.name}, got ${
          error instanceof Error ? error.constructor.name : typeof error
        }: ${error}`,
        actual: error,
        expected: type,
      });
    }
    if (includes && !error.message.includes(includes)) {
      throw new AssertionError({
        message: `expected message to include ${JSON.stringify(includes)}, got: ${error.message}`,
        actual: error.message,
        expected: includes,
      });
    }
    return error;
  }
  throw new AssertionError({ message: `expected ${type.name} to be thrown` });
}

/**
 * Asserts that `text` holds no JWT (`eyJ<header>.eyJ<payload>`). A bare "eyJ" is not enough: it turns up by
 * chance in base64 ciphertext now and then.
 */
export function assertNoJwt(text: string, message = "no JWT"): void {
  assert(!/eyJ[\w-]*\.eyJ/.test(text), message);
}
