/**
 * The use-case of `ppx api`: one authenticated request, sent as given, and the answer as data (status,
 * headers, body text), whatever its status; retried only on transient statuses, like every request.
 *
 * @module
 */

import type { HttpClient } from "./client.ts";

/** The statuses the HTTP core retries; every other one is answered as it is. */
const RETRIED = new Set([429, 502, 503, 504]);
const PASS_THROUGH = Array.from({ length: 500 }, (_, i) => i + 100).filter((s) => !RETRIED.has(s));

/** One request, already resolved to a URL. */
export interface RawRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The absolute URL. */
  url: string;
  /** Request headers (OData ones are added for Dataverse Web API URLs unless given). */
  headers: Record<string, string>;
  /** A JSON body, when there is one. */
  json?: unknown;
}

/** The answer, as it came. */
export interface RawResponse {
  status: number;
  statusText: string;
  ok: boolean;
  /** Response headers, in the order the runtime gives them. */
  headers: [string, string][];
  /** The body as text ("" when empty). */
  text: string;
}

/** Sends the request with the client (which holds the token for the URL's audience) and reads the answer. */
export async function sendRaw(request: RawRequest, deps: { http: HttpClient }): Promise<RawResponse> {
  const headers = { ...request.headers };
  if (request.url.includes("/api/data/")) {
    headers["OData-MaxVersion"] ??= "4.0";
    headers["OData-Version"] ??= "4.0";
    headers.Accept ??= "application/json";
  }
  const response = await deps.http.send(request.method, request.url, {
    headers,
    json: request.json,
    allowStatus: PASS_THROUGH,
  });
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers: [...response.headers],
    text: await response.text(),
  };
}
