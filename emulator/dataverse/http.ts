/**
 * The emulator's internal request / response for Web API operations, shared by plain requests and the
 * requests inside a `$batch`.
 *
 * @module
 */

import type { ContentIds } from "./records.ts";

/** The header lookups the handlers make (a `Headers`, or the lighter map `$batch` parts use). */
export interface DvHeaders {
  get(name: string): string | null;
}

/** One Web API operation. */
export interface DvRequest {
  method: string;
  url: URL;
  headers: DvHeaders;
  body: string;
  /** Token claims of the caller. */
  principal: Record<string, unknown>;
  /** Set inside a `$batch`. */
  batch?: { contentIds: ContentIds; contentId?: string };
}

/** The answer to one operation. */
export interface DvResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or undefined for no body. */
  body?: string;
}

/** Reason phrases for the statuses the emulator answers with. */
export const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  412: "Precondition Failed",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

/** Headers of a JSON answer. */
export const JSON_HEADERS: Record<string, string> = {
  "Content-Type": "application/json; odata.metadata=minimal",
  "OData-Version": "4.0",
};

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): DvResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** An answer without a body. */
export function empty(status: number, headers: Record<string, string> = {}): DvResponse {
  return { status, headers: { "OData-Version": "4.0", ...headers } };
}

/** Deterministic GUID-shaped id for a name (metadata ids, user ids), so they are stable across runs. */
export function stableGuid(text: string): string {
  const words: number[] = [];
  for (let seed = 0; seed < 4; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    words.push(h >>> 0);
  }
  const hex = words.map((w) => w.toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${
    hex.slice(20, 32)
  }`;
}
