/**
 * A fetch that writes a redacted trace line per request and response, for calls that do not go through
 * HttpClient (the OAuth library's token requests). Secrets in URLs, form bodies and JSON answers are
 * masked with the same rules as the HttpClient trace.
 *
 * @module
 */

import { redactBody, redactUrl } from "./redact.ts";

/** Wraps `inner` so every exchange is traced to `trace`. */
export function tracedFetch(inner: typeof fetch, trace: (line: string) => void): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    trace(`> ${method} ${redactUrl(url)}`);
    const body = init?.body;
    const type = new Headers(init?.headers).get("content-type");
    if (typeof body === "string") trace(`> ${redactBody(body, type)}`);
    else if (body instanceof URLSearchParams) {
      trace(`> ${redactBody(body.toString(), "application/x-www-form-urlencoded")}`);
    }
    const started = performance.now();
    const response = await inner(input, init);
    trace(`< ${response.status} ${response.statusText} (${Math.round(performance.now() - started)} ms)`);
    const answerType = response.headers.get("content-type");
    if (answerType && /json/.test(answerType)) {
      const text = await response.clone().text();
      if (text) trace(`< ${redactBody(text, answerType)}`);
    }
    return response;
  };
}
