/**
 * Writes Dataverse `$batch` request bodies exactly as the Web API documentation frames them: CRLF line
 * ends, quoted boundaries, `application/http` parts with `Content-Transfer-Encoding: binary`, change sets
 * as nested multipart/mixed parts with a Content-ID on every member, and bodies ending right before the
 * next delimiter.
 *
 * @module
 */

import { ValidationError } from "../errors.ts";

/** One request inside a batch. */
export interface BatchOperation {
  /** The inner request's method; only GET is refused inside a change set. */
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /**
   * The target: relative to the API root (`accounts(…)`), an absolute path (`/api/data/v9.2/accounts`),
   * an absolute URL, or a Content-ID reference (`$1`, `$1/primarycontactid/$ref`).
   */
  url: string;
  /** Extra headers of the inner request (e.g. `If-Match: *`, `Prefer: return=representation`). */
  headers?: Record<string, string>;
  /** A JSON body (objects are serialised) or raw text. */
  body?: unknown;
  /** Content-ID; assigned automatically (1, 2, …) inside change sets when absent. */
  contentId?: string;
}

/** A group of writes that succeed or fail together. GET is not allowed inside. */
export interface BatchChangeSet {
  /** The writes, in the order they run; later ones may refer to earlier ones by Content-ID (`$1`). */
  changeSet: BatchOperation[];
}

/** A top-level entry of a batch. */
export type BatchEntry = BatchOperation | BatchChangeSet;

/** A written batch request. */
export interface BatchRequestBody {
  /** The outer multipart boundary (`batch_<id>`), unquoted. */
  boundary: string;
  /** The value for the outer Content-Type header. */
  contentType: string;
  /** The whole request body with CRLF line ends, ready to POST to `$batch`. */
  body: string;
  /** Every operation in order, with its Content-ID as sent. */
  operations: (BatchOperation & { contentId?: string })[];
}

/** How to write a batch. */
export interface WriteBatchOptions {
  /** The API root path the relative URLs hang off (default `/api/data/v9.2`). */
  apiPath?: string;
  /** Boundary / id generator (tests pin it). */
  newId?: () => string;
}

/** Dataverse accepts up to 1,000 requests in one batch. */
export const MAX_BATCH_REQUESTS = 1000;

const CRLF = "\r\n";

/** True when `entry` is a change set. */
export function isChangeSet(entry: BatchEntry): entry is BatchChangeSet {
  return Array.isArray((entry as BatchChangeSet).changeSet);
}

function target(url: string, apiPath: string): string {
  if (url.startsWith("$") || /^https?:\/\//i.test(url) || url.startsWith("/")) return url;
  return `${apiPath.replace(/\/+$/, "")}/${url}`;
}

function part(op: BatchOperation, apiPath: string, contentId: string | undefined): string[] {
  if (/[\r\n]/.test(op.url)) throw new ValidationError("A batch request URL may not contain line breaks.");
  const lines = ["Content-Type: application/http", "Content-Transfer-Encoding: binary"];
  if (contentId !== undefined) lines.push(`Content-ID: ${contentId}`);
  lines.push("", `${op.method} ${target(op.url, apiPath)} HTTP/1.1`);
  const hasBody = op.body !== undefined;
  const headers = { ...op.headers };
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
    headers["Content-Type"] = "application/json; type=entry";
  }
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n]/.test(name + value)) {
      throw new ValidationError(`Header '${name}' may not contain line breaks.`);
    }
    lines.push(`${name}: ${value}`);
  }
  lines.push("");
  lines.push(hasBody ? (typeof op.body === "string" ? op.body : JSON.stringify(op.body)) : "");
  return lines;
}

/**
 * Writes a batch body. Change-set members get Content-IDs 1, 2, … unless given, unique across the whole
 * batch, so `$n` references resolve. Throws ValidationError for a GET in a change set, an empty change
 * set or more than 1,000 requests.
 */
export function writeBatch(entries: BatchEntry[], options: WriteBatchOptions = {}): BatchRequestBody {
  const apiPath = options.apiPath ?? "/api/data/v9.2";
  const newId = options.newId ?? (() => crypto.randomUUID());
  const boundary = `batch_${newId()}`;
  const operations: BatchRequestBody["operations"] = [];
  const used = new Set<string>();
  let nextId = 1;
  const assignId = (given: string | undefined): string => {
    if (given !== undefined) {
      if (used.has(given)) throw new ValidationError(`Content-ID ${given} is used twice in one batch.`);
      used.add(given);
      return given;
    }
    while (used.has(String(nextId))) nextId++;
    used.add(String(nextId));
    return String(nextId++);
  };

  const lines: string[] = [];
  for (const entry of entries) {
    if (isChangeSet(entry)) {
      if (entry.changeSet.length === 0) throw new ValidationError("A change set needs at least one request.");
      const cs = `changeset_${newId()}`;
      lines.push(`--${boundary}`, `Content-Type: multipart/mixed; boundary="${cs}"`, "");
      for (const op of entry.changeSet) {
        if (op.method === "GET") {
          throw new ValidationError("GET requests are not allowed inside a change set.", {
            hint: "Put reads outside the change set.",
          });
        }
        const id = assignId(op.contentId);
        operations.push({ ...op, contentId: id });
        lines.push(`--${cs}`, ...part(op, apiPath, id));
      }
      lines.push(`--${cs}--`, "");
    } else {
      const id = entry.contentId === undefined ? undefined : assignId(entry.contentId);
      operations.push({ ...entry, contentId: id });
      lines.push(`--${boundary}`, ...part(entry, apiPath, id));
    }
  }
  if (operations.length > MAX_BATCH_REQUESTS) {
    throw new ValidationError(
      `A batch holds at most ${MAX_BATCH_REQUESTS} requests; this one has ${operations.length}.`,
      { hint: "Split the work into several batches." },
    );
  }
  if (operations.length === 0) throw new ValidationError("A batch needs at least one request.");
  lines.push(`--${boundary}--`, "");
  return {
    boundary,
    contentType: `multipart/mixed; boundary="${boundary}"`,
    body: lines.join(CRLF),
    operations,
  };
}
