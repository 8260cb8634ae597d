/**
 * Long-running operations of the admin APIs, in one place: an accepted request (202 with
 * `Operation-Location`, `Azure-AsyncOperation` or `Location`), polling with `Retry-After` honoured,
 * terminal states matched case-insensitively, a deadline (exit 6, saying how to resume watching) and a
 * failed operation as an error carrying the service's own detail (exit 1).
 *
 * @module
 */

import type { Clock } from "../clock.ts";
import {
  ApiError,
  command,
  type ErrorText,
  ExitCode,
  phrase,
  PpxError,
  ThrottledError,
  TimeoutError,
} from "../errors.ts";
import type { HttpClient } from "../http/client.ts";
import { parseRetryAfter } from "../http/retry.ts";
import { followUp } from "./follow.ts";

/** States that end an operation well. */
export const SUCCESS_STATES: ReadonlySet<string> = new Set([
  "succeeded",
  "completed",
  "success",
  "validated",
]);
/** States that end an operation badly. */
export const FAILURE_STATES: ReadonlySet<string> = new Set([
  "failed",
  "canceled",
  "cancelled",
  "faulted",
  "error",
  "validationerror",
  "aborted",
  "timedout",
]);

/** What the service said when it accepted a long-running request. */
export interface AcceptedOperation {
  /** The URL to poll, when the service named one. */
  monitorUrl?: string;
  /** The operation id: the monitor URL's last segment, or `operationId` / `id` in the body. */
  operationId?: string;
  /** Milliseconds the service asked to wait before the first poll. */
  retryAfterMs?: number;
  /** The accepting answer's body (often empty). */
  body: unknown;
}

/** The end of a long-running operation. */
export interface OperationOutcome {
  /** The terminal status as the service spelled it (e.g. `Succeeded`). */
  status: string;
  /** The operation id, when known. */
  operationId?: string;
  /** The last body the monitor returned. */
  body: unknown;
}

/** Options of `waitForOperation`. */
export interface WaitOptions {
  /** Give up after this many ms (exit 6). */
  timeoutMs: number;
  /** Poll interval when the service gives no Retry-After (default 2000 ms). */
  intervalMs?: number;
  /** Time source (sleeps and the deadline). */
  clock: Clock;
  /** The URL of the request that started the operation (for the token-origin rule). */
  firstUrl: string;
  /** How to resume watching, printed on timeout (e.g. `ppx environment ops show ID`). */
  resumeHint?: (operationId: string | undefined, monitorUrl: string) => ErrorText;
  /** Told each status seen (progress display). */
  onStatus?: (status: string | undefined) => void;
  /** Aborts the wait. */
  signal?: AbortSignal;
}

/** A long-running operation ended in a failure state. Exit 1; the message carries the service's detail. */
export class OperationFailedError extends PpxError {
  /** The terminal status as the service spelled it. */
  readonly status: string;
  /** The operation id, when known. */
  readonly operationId?: string;
  /** The last body the monitor returned. */
  readonly body: unknown;

  /** `detail` is the service's own explanation, extracted from the body. */
  constructor(status: string, detail: string | undefined, operationId: string | undefined, body: unknown) {
    super(
      "operation.failed",
      `The operation${operationId ? ` ${operationId}` : ""} ended in state '${status}'${
        detail ? `: ${detail}` : "."
      }`,
      ExitCode.Failure,
      { hint: "Fix the cause the service names and run the command again." },
    );
    this.status = status;
    this.operationId = operationId;
    this.body = body;
  }
}

/** Reads the accepting answer of a long-running request (its body already parsed). */
export function acceptedOperation(response: Response, body: unknown, now: number): AcceptedOperation {
  const h = response.headers;
  const monitorUrl = h.get("operation-location") ?? h.get("azure-asyncoperation") ?? h.get("location") ??
    undefined;
  const record = asRecord(body);
  const fromBody = stringField(record, "operationId") ?? stringField(record, "id");
  return {
    monitorUrl: monitorUrl ? new URL(monitorUrl, response.url || "http://invalid/").toString() : undefined,
    operationId: (monitorUrl ? lastSegment(monitorUrl) : undefined) ?? fromBody,
    retryAfterMs: parseRetryAfter(h.get("retry-after"), now),
    body,
  };
}

/** The status word of an operation body: status, state, provisioningState (also under `properties`). */
export function operationStatus(body: unknown): string | undefined {
  const r = asRecord(body);
  const p = asRecord(r?.properties);
  for (const v of [r?.status, r?.state, r?.provisioningState, p?.provisioningState, p?.status, p?.state]) {
    if (typeof v === "string" && v !== "") return v;
    const nested = asRecord(v);
    if (nested && typeof nested.name === "string") return nested.name;
  }
  return undefined;
}

/** Classifies a status word: `success`, `failure` or `running`. */
export function classify(status: string | undefined): "success" | "failure" | "running" {
  const s = status?.toLowerCase().replace(/[^a-z]/g, "");
  if (s && SUCCESS_STATES.has(s)) return "success";
  if (s && FAILURE_STATES.has(s)) return "failure";
  return "running";
}

/**
 * The service's own explanation in a failed operation's body: the first message / detail / reason found
 * (depth first through error, errors, details, errorDetail), several joined with "; ".
 */
export function failureDetail(body: unknown, depth = 0): string | undefined {
  if (depth > 6 || body === null || body === undefined) return undefined;
  if (typeof body === "string") return body || undefined;
  if (Array.isArray(body)) {
    const parts = body.map((b) => failureDetail(b, depth + 1)).filter((s): s is string => !!s);
    return parts.length ? parts.join("; ") : undefined;
  }
  const r = asRecord(body);
  if (!r) return undefined;
  for (const key of ["message", "Message", "detail", "Detail", "reason", "errorMessage"]) {
    if (typeof r[key] === "string" && r[key]) return r[key] as string;
  }
  for (const key of ["error", "errorDetail", "errors", "details", "properties", "code"]) {
    const found = failureDetail(r[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Polls an accepted operation until it ends. A 202 from the monitor means "still running" (a new
 * Location or Retry-After is honoured); a 200 without a status word means done. Throws
 * OperationFailedError on a failure state and TimeoutError (exit 6, with `resumeHint`) at the deadline.
 */
export async function waitForOperation(
  client: HttpClient,
  accepted: AcceptedOperation,
  options: WaitOptions,
): Promise<OperationOutcome> {
  if (!accepted.monitorUrl) {
    throw new PpxError(
      "operation.no-monitor",
      "The service accepted the request but named no operation to watch.",
      ExitCode.Failure,
      { hint: phrase`Check the result later, e.g. with \`${command("environment", "ops", "list")}\`.` },
    );
  }
  const { clock } = options;
  const interval = options.intervalMs ?? 2000;
  const deadline = clock.now() + options.timeoutMs;
  let monitor = accepted.monitorUrl;
  let wait = accepted.retryAfterMs ?? interval;
  let operationId = accepted.operationId;
  for (;;) {
    if (clock.now() + wait > deadline) {
      throw new TimeoutError(
        `The operation${operationId ? ` ${operationId}` : ""} did not finish within ${
          Math.round(options.timeoutMs / 1000)
        } s.`,
        {
          hint: options.resumeHint?.(operationId, monitor) ??
            `It is still running; watch it with a GET of ${monitor}.`,
        },
      );
    }
    await clock.sleep(wait, options.signal);
    const target = followUp(options.firstUrl, monitor);
    let response: Response;
    try {
      response = await client.send("GET", target.url, { anonymous: target.anonymous, allowStatus: [202] });
    } catch (error) {
      // The operation runs on the service whatever happens to one check: a check that stayed throttled,
      // timed out or hit a 5xx after the HTTP retries is not the operation's failure; check again later.
      if (!transient(error)) throw error;
      wait = interval;
      continue;
    }
    const text = await response.text();
    const body = text.trim() ? safeJson(text) : undefined;
    operationId ??= stringField(asRecord(body), "operationId");
    const status = operationStatus(body);
    options.onStatus?.(status);
    const state = response.status === 202 ? "running" : status === undefined ? "success" : classify(status);
    if (state === "success") return { status: status ?? "Succeeded", operationId, body };
    if (state === "failure") throw new OperationFailedError(status!, failureDetail(body), operationId, body);
    const location = response.headers.get("location") ?? response.headers.get("operation-location");
    if (location) monitor = new URL(location, target.url).toString();
    wait = parseRetryAfter(response.headers.get("retry-after"), clock.now()) ?? interval;
  }
}

/** Errors of one check that say nothing about the operation: throttling, timeouts, 5xx, no answer. */
function transient(error: unknown): boolean {
  if (error instanceof ThrottledError || error instanceof TimeoutError) return true;
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function lastSegment(url: string): string | undefined {
  try {
    const segments = new URL(url, "http://invalid/").pathname.split("/").filter(Boolean);
    return segments.at(-1);
  } catch {
    return undefined;
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
}

function stringField(r: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = r?.[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}
