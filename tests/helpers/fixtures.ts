/** Disposable fixtures for `await using`: temp directories and anything else with a close. */

/** A temp directory removed (recursively) when disposed. */
export interface TempDir extends AsyncDisposable {
  readonly path: string;
}

/** Makes a temp directory (`await using dir = await tempDir()`). */
export async function tempDir(prefix = "ppx-test-"): Promise<TempDir> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }).catch(() => {}),
  };
}

/** Adds `Symbol.asyncDispose` (calling `close`) to a fixture object. */
export function disposable<T extends { close(): Promise<void> }>(fixture: T): T & AsyncDisposable {
  return Object.assign(fixture, { [Symbol.asyncDispose]: () => fixture.close() });
}
