/**
 * The emulator's `$batch` endpoint. It reads request bodies with its own small line-based multipart
 * reader (independent of the client's parser, so each checks the other), runs change sets atomically,
 * resolves Content-ID `$n` references, honours `Prefer: odata.continue-on-error`, and answers with new
 * `batchresponse_` / `changesetresponse_` boundaries, or a top-level 400 when a request failed without
 * continue-on-error.
 *
 * @module
 */

import { CODES, DvError } from "./errors.ts";
import { type DvRequest, type DvResponse, STATUS_TEXT } from "./http.ts";
import { parsePrefer } from "./query.ts";
import type { ContentIds } from "./records.ts";
import type { DataverseStore } from "./store.ts";

interface RawPart {
  headers: Map<string, string>;
  body: string;
}

function boundaryOf(contentType: string | null): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The lines of `text` (CRLF or LF ends) from `from` up to the next line equal to `delimiter[--]`. */
function splitParts(text: string, boundary: string): RawPart[] {
  const delimiter = `--${boundary}`;
  const parts: RawPart[] = [];
  let partStart = -1;
  let pos = 0;
  // Delimiters are found with indexOf and checked to stand alone on their line; bodies are sliced, not
  // rebuilt line by line (this runs for every row of a bulk load).
  for (;;) {
    const at = text.indexOf(delimiter, pos);
    if (at < 0) break;
    const lineStart = at === 0 || text[at - 1] === "\n";
    let lineEnd = text.indexOf("\n", at);
    if (lineEnd < 0) lineEnd = text.length;
    const rest = text.slice(at + delimiter.length, lineEnd).trimEnd();
    if (!lineStart || (rest !== "" && rest !== "--")) {
      pos = at + delimiter.length;
      continue;
    }
    if (partStart >= 0) {
      let end = at;
      if (text[end - 1] === "\n") end--;
      if (text[end - 1] === "\r") end--;
      parts.push(toPart(text.slice(partStart, Math.max(partStart, end))));
    }
    if (rest === "--") return parts;
    partStart = lineEnd + 1;
    pos = partStart;
  }
  throw new DvError(
    400,
    CODES.badRequest,
    `The batch body is missing its closing '--${boundary}--' delimiter.`,
  );
}

/** Splits header lines from the rest at the first empty line; names are lower-cased. */
function headerBlock(
  text: string,
  from: number,
  what: string,
): { headers: Map<string, string>; next: number } {
  const headers = new Map<string, string>();
  let pos = from;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, text[nl - 1] === "\r" ? nl - 1 : nl);
    pos = nl + 1;
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new DvError(400, CODES.badRequest, `Malformed ${what} '${line}'.`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, next: Math.min(pos, text.length) };
}

function toPart(text: string): RawPart {
  const { headers, next } = headerBlock(text, 0, "part header");
  return { headers, body: text.slice(next) };
}

/** A part's request headers: lower-cased names, looked up like `Headers`. */
class PartHeaders {
  readonly #map: Map<string, string>;
  constructor(map: Map<string, string>) {
    this.#map = map;
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
}

interface InnerRequest {
  method: string;
  target: string;
  headers: PartHeaders;
  body: string;
  contentId?: string;
}

const REQUEST_LINE = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d\.\d)?$/;
const VALID_HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseInner(part: RawPart): InnerRequest {
  const type = part.headers.get("content-type") ?? "";
  if (!/^application\/http/i.test(type)) {
    throw new DvError(400, CODES.badRequest, `A batch part must be application/http, not '${type}'.`);
  }
  const text = part.body;
  let pos = 0;
  while (text.startsWith("\r\n", pos) || text.startsWith("\n", pos)) pos += text[pos] === "\r" ? 2 : 1;
  let nl = text.indexOf("\n", pos);
  if (nl < 0) nl = text.length;
  const first = text.slice(pos, text[nl - 1] === "\r" ? nl - 1 : nl);
  const m = REQUEST_LINE.exec(first);
  if (!m) {
    throw new DvError(
      400,
      CODES.badRequest,
      `The batch part does not start with a request line: '${first}'.`,
    );
  }
  const { headers, next } = headerBlock(text, nl + 1, "request header");
  for (const [name, value] of headers) {
    if (!VALID_HEADER.test(name) || /[\0\r\n]/.test(value)) {
      throw new DvError(400, CODES.badRequest, `Invalid request header '${name}: ${value}'.`);
    }
  }
  let end = text.length;
  while (end > next && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
  return {
    method: m[1],
    target: m[2],
    headers: new PartHeaders(headers),
    body: text.slice(next, end),
    contentId: part.headers.get("content-id") ?? headers.get("content-id") ?? undefined,
  };
}

function httpPart(response: DvResponse, contentId?: string): string {
  const lines = ["Content-Type: application/http", "Content-Transfer-Encoding: binary"];
  if (contentId !== undefined) lines.push(`Content-ID: ${contentId}`);
  lines.push("", `HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? ""}`.trimEnd());
  for (const [k, v] of Object.entries(response.headers)) {
    lines.push(
      `${k}: ${k.toLowerCase() === "content-type" && response.body ? `${v}; odata.streaming=true` : v}`,
    );
  }
  lines.push("", response.body ?? "", "");
  return lines.join("\r\n");
}

/**
 * The order of the answers: `request` (default, as Dataverse answers) or `reverse`, which answers the
 * top-level parts last first and the members of each change set last first, and names a failed change set's
 * answer by the Content-ID of the request that failed. OData requires clients to match change-set members by
 * Content-ID; this knob lets tests prove that a client does not match by position.
 */
export type BatchAnswerOrder = "request" | "reverse";

/** Runs one inner request; the service supplies it. */
export type Dispatch = (request: DvRequest) => Promise<DvResponse>;

/** Handles `POST $batch`. */
export async function handleBatch(
  req: DvRequest,
  dispatch: Dispatch,
  store: DataverseStore,
  apiPath: string,
  operations: (n: number) => Promise<void>,
  errorResponse: (error: unknown) => DvResponse,
  answerOrder: BatchAnswerOrder = "request",
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const reverse = answerOrder === "reverse";
  const boundary = boundaryOf(req.headers.get("content-type"));
  if (!/^multipart\/mixed/i.test(req.headers.get("content-type") ?? "") || !boundary) {
    throw new DvError(
      400,
      CODES.badRequest,
      "A $batch request needs Content-Type: multipart/mixed with a boundary.",
    );
  }
  const continueOnError = parsePrefer(req.headers.get("prefer")).has("odata.continue-on-error");
  const top = splitParts(req.body, boundary);
  let count = 0;
  for (const p of top) count += /multipart\/mixed/i.test(p.headers.get("content-type") ?? "") ? 2 : 1;
  if (count > 1000) {
    throw new DvError(400, CODES.badRequest, "The number of requests in a batch cannot exceed 1000.");
  }

  const responseBoundary = `batchresponse_${crypto.randomUUID()}`;
  const out: string[] = [];
  let failed: string | undefined;

  const toRequest = (inner: InnerRequest, contentIds: ContentIds): DvRequest => {
    let target = inner.target;
    const ref = /^\$([A-Za-z0-9_-]+)(.*)$/.exec(target);
    if (ref) {
      const known = contentIds.get(ref[1]);
      if (!known) {
        throw new DvError(
          400,
          CODES.badRequest,
          `Content-ID Reference: '$${ref[1]}' does not exist in the batch context.`,
        );
      }
      const table = store.table(known.table)!;
      target = `${apiPath}/${table.schema.entitySetName}(${known.id})${ref[2]}`;
    } else if (!target.startsWith("/") && !/^https?:/i.test(target)) {
      target = `${apiPath}/${target}`;
    }
    const url = new URL(target, req.url);
    if (url.pathname.endsWith("/$batch")) {
      throw new DvError(400, CODES.badRequest, "Batches cannot be nested.");
    }
    return {
      method: inner.method,
      url,
      headers: inner.headers,
      body: inner.body,
      principal: req.principal,
      batch: { contentIds, contentId: inner.contentId },
    };
  };

  const run = async (inner: InnerRequest, contentIds: ContentIds): Promise<DvResponse> => {
    await operations(1);
    try {
      return await dispatch(toRequest(inner, contentIds));
    } catch (error) {
      return errorResponse(error);
    }
  };

  for (const part of top) {
    const type = part.headers.get("content-type") ?? "";
    if (/^multipart\/mixed/i.test(type)) {
      const csBoundary = boundaryOf(type);
      if (!csBoundary) throw new DvError(400, CODES.badRequest, "A change set needs a boundary.");
      const members = splitParts(part.body, csBoundary).map(parseInner);
      const contentIds: ContentIds = new Map();
      const responses: { response: DvResponse; contentId?: string }[] = [];
      let failure: DvResponse | undefined;
      let failedId: string | undefined;
      try {
        await store.transaction(async () => {
          for (const member of members) {
            if (member.method === "GET") {
              failure = errorResponse(
                new DvError(400, CODES.badRequest, "GET requests are not allowed in a change set."),
              );
              throw failure;
            }
            const response = await run(member, contentIds);
            if (response.status >= 400) {
              failure = response;
              failedId = member.contentId;
              throw response;
            }
            responses.push({ response, contentId: member.contentId });
          }
        });
      } catch (error) {
        if (!failure) throw error;
      }
      if (failure) {
        const text = httpPart(failure, reverse ? failedId : undefined);
        out.push(`--${responseBoundary}\r\n${text}`);
        failed ??= text;
        if (!continueOnError) break;
        continue;
      }
      const cs = `changesetresponse_${crypto.randomUUID()}`;
      if (reverse) responses.reverse();
      const inner = responses.map((r) => `--${cs}\r\n${httpPart(r.response, r.contentId)}`).join("");
      out.push(
        `--${responseBoundary}\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n${inner}--${cs}--\r\n`,
      );
    } else {
      const inner = parseInner(part);
      const response = await run(inner, new Map());
      const text = httpPart(response);
      out.push(`--${responseBoundary}\r\n${text}`);
      if (response.status >= 400) {
        failed ??= text;
        if (!continueOnError) break;
      }
    }
  }
  const headers = { "Content-Type": `multipart/mixed; boundary=${responseBoundary}`, "OData-Version": "4.0" };
  if (failed !== undefined && !continueOnError) {
    return { status: 400, headers, body: `--${responseBoundary}\r\n${failed}--${responseBoundary}--\r\n` };
  }
  if (reverse) out.reverse();
  return { status: 200, headers, body: `${out.join("")}--${responseBoundary}--\r\n` };
}
