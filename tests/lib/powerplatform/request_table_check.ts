/** The check both request tables run: every listed operation builds exactly the expected request. */

import { operation } from "../../../lib/powerplatform/catalog/mod.ts";
import { buildRequest, type OperationInput } from "../../../lib/powerplatform/request.ts";
import { assertEquals } from "../../helpers/assert.ts";

/** One expectation: the input, the API family, method, path?query (query keys sorted) and body. */
export interface RequestExpectation {
  input: OperationInput;
  api: string;
  method: string;
  /** Path and query exactly as sent (query keys sorted). */
  url: string;
  body?: unknown;
}

function sortedUrl(path: string, query: Record<string, string>): string {
  const q = new URLSearchParams(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))).toString();
  return q ? `${path}?${q.replaceAll("%24", "$")}` : path;
}

/** JSON with object keys sorted, so key order does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
  );
}

/** Registers one test per operation of `table`. */
export function testRequestTable(table: Record<string, RequestExpectation>): void {
  for (const [id, expected] of Object.entries(table)) {
    Deno.test(`${id} builds ${expected.method} ${expected.url.split("?")[0]}`, () => {
      const built = buildRequest(operation(id), expected.input);
      assertEquals(built.api, expected.api);
      assertEquals(built.method, expected.method);
      assertEquals(sortedUrl(built.path, built.query), expected.url);
      assertEquals(canonical(built.body), canonical(expected.body));
    });
  }
}
