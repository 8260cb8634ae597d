/**
 * A streaming multipart/mixed reader (RFC 2046) written for the shapes Dataverse and its documentation
 * produce: CRLF or bare-LF line ends, quoted or unquoted boundaries, any spacing around header colons and
 * parameter separators, transport padding after delimiters, preamble and epilogue. It never uses a regular
 * expression to find parts: it scans for delimiter lines, so a boundary-like string inside a JSON body
 * does not split it, and it hands out each part as soon as its closing delimiter arrives.
 *
 * @module
 */

import { BatchFormatError } from "./errors.ts";

/** One body part: lower-cased header names and the raw body text. */
export interface MimePart {
  /** Header names lower-cased, values trimmed, folded lines joined with a space. */
  headers: Record<string, string>;
  /** Everything after the blank line, without the line break that belongs to the next delimiter. */
  body: string;
}

/** A parsed Content-Type value. */
export interface ContentType {
  /** Lower-cased media type, e.g. `multipart/mixed`. */
  type: string;
  /** Parameters with lower-cased names and unquoted values. */
  params: Record<string, string>;
}

/** Parses `multipart/mixed;boundary="batch_1"` and its spacing variants. */
export function parseContentType(value: string): ContentType {
  // Most values have no quoted parameter; splitting is then enough (this runs for every $batch part).
  if (!value.includes('"')) {
    const [type, ...rest] = value.split(";");
    const params: Record<string, string> = {};
    for (const segment of rest) {
      const eq = segment.indexOf("=");
      if (eq < 0) continue;
      const name = segment.slice(0, eq).trim().toLowerCase();
      if (name) params[name] = segment.slice(eq + 1).trim();
    }
    return { type: type.trim().toLowerCase(), params };
  }
  const segments: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted && ch === "\\" && i + 1 < value.length) {
      current += ch + value[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  const params: Record<string, string> = {};
  for (const segment of segments.slice(1)) {
    const eq = segment.indexOf("=");
    if (eq < 0) continue;
    const name = segment.slice(0, eq).trim().toLowerCase();
    let v = segment.slice(eq + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
    if (name) params[name] = v;
  }
  return { type: segments[0].trim().toLowerCase(), params };
}

/** The boundary of a multipart Content-Type; throws BatchFormatError when there is none. */
export function boundaryOf(contentType: string | null | undefined): string {
  const parsed = parseContentType(contentType ?? "");
  const boundary = parsed.params.boundary;
  if (!parsed.type.startsWith("multipart/") || !boundary) {
    throw new BatchFormatError(
      `Expected a multipart body with a boundary, got Content-Type '${contentType ?? ""}'.`,
    );
  }
  if (boundary.length > 200 || /[\r\n]/.test(boundary)) {
    throw new BatchFormatError("The multipart boundary is not valid.");
  }
  return boundary;
}

/**
 * Splits header lines from the body at the first empty line. Lines may end in CRLF or LF; a line that
 * starts with white space continues the previous header (obsolete folding).
 */
export function splitHeaders(text: string): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf("\n", pos);
    const raw = nl < 0 ? text.slice(pos) : text.slice(pos, nl);
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") return { headers, body: nl < 0 ? "" : text.slice(nl + 1) };
    if ((line[0] === " " || line[0] === "\t") && last !== undefined) {
      headers[last] += " " + line.trim();
    } else {
      const colon = line.indexOf(":");
      if (colon <= 0) {
        throw new BatchFormatError(`Malformed header line in a multipart part: '${line.slice(0, 80)}'.`);
      }
      last = line.slice(0, colon).trim().toLowerCase();
      headers[last] = line.slice(colon + 1).trim();
    }
    if (nl < 0) return { headers, body: "" };
    pos = nl + 1;
  }
  return { headers, body: "" };
}

/** Options of a MultipartReader. */
export interface MultipartReaderOptions {
  /** Largest part accepted, in characters (default 256 MiB), so a body without delimiters cannot eat memory. */
  maxPartChars?: number;
}

/** Feeds text in, takes complete parts out. */
export class MultipartReader {
  readonly #delimiter: string;
  readonly #max: number;
  #buffer = "";
  /** Where the unconsumed text starts in #buffer (avoids re-slicing on every part). */
  #start = 0;
  #scanFrom = 0;
  #state: "preamble" | "parts" | "done" = "preamble";

  /**
   * One reader per multipart body; a nested change set needs its own reader with its own boundary.
   *
   * @param boundary the boundary parameter of the Content-Type, without the leading `--` or quotes
   * @param options the part size limit
   */
  constructor(boundary: string, options: MultipartReaderOptions = {}) {
    this.#delimiter = `--${boundary}`;
    this.#max = options.maxPartChars ?? 256 * 1024 * 1024;
  }

  /** True once the closing delimiter was read. */
  get done(): boolean {
    return this.#state === "done";
  }

  /** Adds text; returns the parts completed by it. */
  push(text: string): MimePart[] {
    if (this.#state === "done") return [];
    if (this.#start > 0 && this.#start >= this.#buffer.length / 2) {
      this.#buffer = this.#buffer.slice(this.#start);
      this.#scanFrom -= this.#start;
      this.#start = 0;
    }
    this.#buffer += text;
    return this.#drain(false);
  }

  /** Signals the end of input; returns the last parts or throws when the body was cut short. */
  end(): MimePart[] {
    const parts = this.#state === "done" ? [] : this.#drain(true);
    if (this.#state === "preamble") {
      throw new BatchFormatError(`The multipart body has no part delimited by '${this.#delimiter}'.`);
    }
    if (this.#state !== "done") {
      throw new BatchFormatError(`The multipart body ended before its closing '${this.#delimiter}--'.`);
    }
    return parts;
  }

  #drain(final: boolean): MimePart[] {
    const parts: MimePart[] = [];
    const d = this.#delimiter;
    const buf = this.#buffer;
    while (this.#state !== "done") {
      const idx = buf.indexOf(d, Math.max(this.#scanFrom, this.#start));
      if (idx < 0) {
        this.#scanFrom = Math.max(this.#start, buf.length - d.length - 1);
        break;
      }
      // A delimiter starts a line: at the start of the unconsumed text or right after a line feed.
      if (idx !== this.#start && buf[idx - 1] !== "\n") {
        this.#scanFrom = idx + 1;
        continue;
      }
      const after = idx + d.length;
      if (buf.length - after < 2 && !final) {
        this.#scanFrom = idx;
        break;
      }
      const close = buf.startsWith("--", after);
      let lineEnd = buf.indexOf("\n", after);
      if (lineEnd < 0) {
        if (!final && !close) {
          this.#scanFrom = idx;
          break;
        }
        lineEnd = buf.length;
      }
      if (!close && buf.slice(after, lineEnd).trim() !== "") {
        // A longer token that merely starts with the boundary.
        this.#scanFrom = idx + 1;
        continue;
      }
      if (this.#state === "parts") {
        let contentEnd = idx;
        if (buf[contentEnd - 1] === "\n" && contentEnd > this.#start) contentEnd--;
        if (buf[contentEnd - 1] === "\r" && contentEnd > this.#start) contentEnd--;
        parts.push(splitHeaders(buf.slice(this.#start, contentEnd)));
      }
      this.#start = Math.min(buf.length, lineEnd + 1);
      this.#scanFrom = this.#start;
      this.#state = close ? "done" : "parts";
    }
    if (this.#state === "done") {
      this.#buffer = "";
      this.#start = this.#scanFrom = 0;
    } else if (buf.length - this.#start > this.#max) {
      throw new BatchFormatError(`A multipart part is larger than ${this.#max} characters.`);
    }
    return parts;
  }
}

/** Parses a complete multipart body held in memory. */
export function parseMultipart(boundary: string, text: string, options?: MultipartReaderOptions): MimePart[] {
  const reader = new MultipartReader(boundary, options);
  return [...reader.push(text), ...reader.end()];
}
