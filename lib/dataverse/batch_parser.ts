/**
 * Reads a Dataverse `$batch` answer: a multipart/mixed body whose parts are `application/http` responses
 * or change sets (nested multipart/mixed with their own boundary). Parts are yielded as they arrive, so a
 * thousand-request batch is processed without holding the whole body twice.
 *
 * @module
 */

import { PpxError } from "../errors.ts";
import { BatchFormatError } from "./errors.ts";
import { boundaryOf, type MimePart, MultipartReader, parseContentType, splitHeaders } from "./multipart.ts";

/** One response inside a `$batch` answer. */
export interface BatchResponsePart {
  /** Position in the answer, counting change-set members one by one. */
  index: number;
  /** The Content-ID echoed for a change-set member. */
  contentId?: string;
  /** Which change set (0-based, in answer order) the part belongs to; undefined for top-level parts. */
  changeSet?: number;
  /**
   * Position of the top-level part it came in (0-based, in answer order): a change set and a lone response
   * each count one. A change set that failed is answered by one lone response, so this is what ties that
   * answer to the request when it carries no Content-ID.
   */
  entry: number;
  /** The inner response's HTTP status, e.g. 204 for a write, 4xx/5xx for a request that failed. */
  status: number;
  /** The reason phrase of the inner status line (e.g. `No Content`); empty when it had none. */
  statusText: string;
  /** Headers of the inner HTTP response, names lower-cased. */
  headers: Record<string, string>;
  /** The inner body as text (empty for 204). */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

/** Where a `$batch` answer can come from. */
export type BatchBodySource = string | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Parses the inner `HTTP/1.1 204 No Content` message of an application/http part. */
export function parseHttpResponse(text: string): Omit<BatchResponsePart, "index" | "entry"> {
  let t = text;
  while (t.startsWith("\r\n") || t.startsWith("\n")) t = t.slice(t.startsWith("\r\n") ? 2 : 1);
  const nl = t.indexOf("\n");
  const statusLine = (nl < 0 ? t : t.slice(0, nl)).replace(/\r$/, "");
  const match = /^HTTP\/\d(?:\.\d)?[ \t]+(\d{3})(?:[ \t]+(.*))?$/.exec(statusLine);
  if (!match) {
    throw new BatchFormatError(`A $batch part does not hold an HTTP response: '${statusLine.slice(0, 80)}'.`);
  }
  const { headers, body: rawBody } = splitHeaders(nl < 0 ? "" : t.slice(nl + 1));
  let end = rawBody.length;
  while (end > 0 && (rawBody[end - 1] === "\n" || rawBody[end - 1] === "\r")) end--;
  const body = rawBody.slice(0, end);
  const part: Omit<BatchResponsePart, "index" | "entry"> = {
    status: Number(match[1]),
    statusText: (match[2] ?? "").trim(),
    headers,
    body,
  };
  const first = body.trimStart()[0];
  if (first === "{" || first === "[") {
    try {
      part.json = JSON.parse(body);
    } catch {
      // leave json unset; body keeps the text
    }
  }
  return part;
}

/** The media type of a part; the usual `application/http` without parsing. */
function typeOf(contentType: string | undefined): string {
  if (contentType === undefined) return "";
  if (contentType === "application/http") return contentType;
  return parseContentType(contentType).type;
}

class PartExpander {
  index = 0;
  changeSets = 0;
  entries = 0;

  *expand(part: MimePart): Generator<BatchResponsePart> {
    const entry = this.entries++;
    const type = parseContentType(part.headers["content-type"] ?? "");
    if (type.type === "multipart/mixed") {
      const changeSet = this.changeSets++;
      const inner = new MultipartReader(
        type.params.boundary && type.params.boundary.length <= 200 && !/[\r\n]/.test(type.params.boundary)
          ? type.params.boundary
          : boundaryOf(part.headers["content-type"]),
      );
      for (const member of [...inner.push(part.body), ...inner.end()]) {
        const memberType = typeOf(member.headers["content-type"]);
        if (memberType === "multipart/mixed") {
          throw new BatchFormatError("A change set in the $batch answer contains another multipart part.");
        }
        yield this.#response(member, changeSet, entry);
      }
      return;
    }
    yield this.#response(part, undefined, entry);
  }

  #response(part: MimePart, changeSet: number | undefined, entry: number): BatchResponsePart {
    const type = typeOf(part.headers["content-type"]);
    if (type !== "" && type !== "application/http") {
      throw new BatchFormatError(`Unexpected part of type '${type}' in the $batch answer.`);
    }
    const parsed = parseHttpResponse(part.body);
    const contentId = part.headers["content-id"] ?? parsed.headers["content-id"];
    return {
      index: this.index++,
      ...(contentId !== undefined ? { contentId } : {}),
      ...(changeSet !== undefined ? { changeSet } : {}),
      entry,
      ...parsed,
    };
  }
}

async function* chunksOf(source: BatchBodySource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === "string" || source instanceof Uint8Array) {
    yield source;
    return;
  }
  if (source instanceof ReadableStream) {
    const reader = source.getReader();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array>;
}

/**
 * Yields every response of a `$batch` answer in order, reading `source` incrementally. `contentType` is
 * the answer's Content-Type header (it carries the boundary). Malformed input raises BatchFormatError,
 * never anything else.
 */
export async function* parseBatchResponse(
  contentType: string | null,
  source: BatchBodySource,
): AsyncGenerator<BatchResponsePart> {
  try {
    const reader = new MultipartReader(boundaryOf(contentType));
    const expander = new PartExpander();
    const decoder = new TextDecoder();
    for await (const chunk of chunksOf(source)) {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      for (const part of reader.push(text)) yield* expander.expand(part);
    }
    for (const part of reader.push(decoder.decode())) yield* expander.expand(part);
    for (const part of reader.end()) yield* expander.expand(part);
  } catch (error) {
    if (error instanceof PpxError) throw error;
    throw new BatchFormatError(
      `Could not read the $batch answer: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Parses a whole `$batch` answer held in memory. */
export function parseBatchResponseText(contentType: string | null, text: string): BatchResponsePart[] {
  try {
    const reader = new MultipartReader(boundaryOf(contentType));
    const expander = new PartExpander();
    const out: BatchResponsePart[] = [];
    for (const part of [...reader.push(text), ...reader.end()]) out.push(...expander.expand(part));
    return out;
  } catch (error) {
    if (error instanceof PpxError) throw error;
    throw new BatchFormatError(
      `Could not read the $batch answer: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** The Dataverse error code and message of a failed part, when its body is the error envelope. */
export function partError(part: BatchResponsePart): { code?: string; message?: string } {
  const error = (part.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!error || typeof error !== "object") return {};
  return {
    code: typeof error.code === "string" ? error.code : undefined,
    message: typeof error.message === "string" ? error.message : undefined,
  };
}
