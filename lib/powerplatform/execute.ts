/**
 * Runs one catalog operation: builds the documented request, sends it to the right API family, and
 * then streams a list (paging), returns the answer, or follows a long-running operation to its end.
 *
 * @module
 */

import type { Clock } from "../clock.ts";
import { command, type Phrase, phrase } from "../errors.ts";
import type { HttpClient } from "../http/client.ts";
import type { Operation, OperationApi } from "./catalog/types.ts";
import { acceptedOperation, type OperationOutcome, waitForOperation } from "./lro.ts";
import { listItems } from "./paging.ts";
import { buildRequest, type OperationInput } from "./request.ts";

/** How to run an operation, beyond the values that build its request. */
export interface RunOperationOptions extends OperationInput {
  /** Follow a long-running operation to its end. */
  wait?: boolean;
  /** Deadline of `wait`, in ms (default 30 minutes). */
  timeoutMs?: number;
  /** Poll interval without Retry-After (default 2000 ms). */
  intervalMs?: number;
  /** Every page of a list. */
  all?: boolean;
  /** At most this many items of a list. */
  top?: number;
  /** Resume a list at a continuation token or next-page URL a previous run reported. */
  continuationToken?: string;
  /** Told after each page where the next one is (undefined on the last page). */
  onNextPage?: (next: string | undefined) => void;
  /** Told each status seen while waiting. */
  onStatus?: (status: string | undefined) => void;
}

/** What an operation needs from outside. */
export interface RunOperationDeps {
  /** An HTTP client for an API family (base URL and token audience set). */
  client(api: OperationApi): HttpClient;
  /** Sleeps between polls and the wait's deadline. */
  clock: Clock;
}

/** The result of running an operation. */
export type OperationResult =
  | { kind: "items"; items: AsyncIterable<Record<string, unknown>> }
  | { kind: "done"; status: number; body: unknown }
  | { kind: "accepted"; operationId?: string; monitorUrl?: string; retryAfterMs?: number; body: unknown }
  | { kind: "finished"; outcome: OperationOutcome };

/** Runs the operation (see the module comment). Errors are the typed errors of lib/errors.ts. */
export async function runOperation(
  op: Operation,
  options: RunOperationOptions,
  deps: RunOperationDeps,
): Promise<OperationResult> {
  const request = buildRequest(op, options);
  const client = deps.client(op.api);
  if (op.list && op.method === "GET") {
    const items = listItems<Record<string, unknown>>(
      client,
      {
        path: request.path,
        query: request.query,
        headers: request.headers,
        resume: options.continuationToken,
      },
      { itemsKey: op.list.itemsKey, tokenParam: op.list.tokenParam },
      { all: options.all, top: options.top, onNext: options.onNextPage },
    );
    return { kind: "items", items };
  }
  const url = client.url(request.path, request.query).toString();
  const response = await client.send(request.method, url, {
    headers: request.headers,
    json: request.body,
  });
  const text = await response.text();
  let body: unknown = undefined;
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!op.longRunning || response.status !== 202) return { kind: "done", status: response.status, body };
  const accepted = acceptedOperation(response, body, deps.clock.now());
  if (accepted.monitorUrl && !accepted.monitorUrl.includes("://")) {
    accepted.monitorUrl = new URL(accepted.monitorUrl, url).toString();
  }
  if (!options.wait) return { kind: "accepted", ...accepted };
  const outcome = await waitForOperation(client, accepted, {
    timeoutMs: options.timeoutMs ?? 30 * 60_000,
    intervalMs: options.intervalMs,
    clock: deps.clock,
    firstUrl: url,
    onStatus: options.onStatus,
    resumeHint: (id, monitor) => resumeHint(op, id, monitor, options.environmentId),
  });
  return { kind: "finished", outcome };
}

/** How to resume watching an operation after `--timeout`: the command to run, as data. */
export function resumeHint(op: Operation, id: string | undefined, monitor: string, env?: string): Phrase {
  if (!id) return phrase`It is still running; check it with \`${command("api", "GET", monitor)}\`.`;
  if (op.path.startsWith("appmanagement")) {
    const words = ["packages", "status", id, ...(env ? ["-e", env] : [])];
    return phrase`It is still running; watch it with \`${command(...words)}\`.`;
  }
  return phrase`It is still running; watch it with \`${command("environment", "ops", "show", id)}\`.`;
}
