/**
 * Turns a failed HTTP response into an ApiError that carries the service's own code, message and
 * correlation id. Understands the error bodies of Dataverse / OData, Entra (OAuth), GitHub and the
 * Power Platform API.
 *
 * @module
 */

import { ApiError, command, type ErrorText, phrase } from "../errors.ts";
import { redactTokensInText } from "./redact.ts";

const CORRELATION_HEADERS = [
  "x-ms-service-request-id",
  "x-ms-correlation-request-id",
  "x-ms-request-id",
  "req_id",
  "request-id",
  "x-github-request-id",
  "x-ms-activity-vector",
];

/** Finds the correlation / request id a service put on its answer. */
export function correlationIdOf(headers: Headers): string | undefined {
  for (const name of CORRELATION_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Reads the service's error code and message out of the common error body shapes. Both are undefined
 * when the body is not one of them (HTML, empty, unknown JSON); an AADSTS number in an OAuth
 * description wins over the generic `error` code.
 */
export function parseErrorBody(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  // OData / Dataverse / Power Platform: {"error":{"code":"0x80040217","message":"..."}}
  if (b.error && typeof b.error === "object") {
    const e = b.error as Record<string, unknown>;
    return { code: str(e.code), message: str(e.message) };
  }
  // OAuth 2 (Entra, GitHub): {"error":"invalid_client","error_description":"AADSTS7000215: ..."}
  if (typeof b.error === "string") {
    const description = str(b.error_description);
    const aadsts = description ? /AADSTS\d+/.exec(description)?.[0] : undefined;
    return { code: aadsts ?? b.error, message: description ?? b.error };
  }
  // GitHub REST: {"message":"Bad credentials","documentation_url":"..."}
  if (typeof b.message === "string") return { code: str(b.code), message: b.message };
  if (typeof b.Message === "string") return { code: str(b.Code), message: b.Message };
  return {};
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Reads a failed response and builds the ApiError for it. */
export async function errorFromResponse(
  response: Response,
  method: string,
  url: string,
  requestId: string,
): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const parsed = parseErrorBody(body);
  const host = safeHost(url);
  const detail = parsed.message ??
    (text && text.length < 300 && !/<html/i.test(text) ? text.trim() : undefined);
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const message = redactTokensInText(
    `${method} ${host} failed with HTTP ${status}${detail ? `: ${detail}` : "."}${
      parsed.code ? ` (${parsed.code})` : ""
    }`,
  );
  return new ApiError(message, {
    status: response.status,
    serviceCode: parsed.code,
    correlationId: correlationIdOf(response.headers),
    requestId,
    method,
    url,
    body,
  }, { hint: hintFor(response.status) });
}

function hintFor(status: number): ErrorText | undefined {
  if (status === 401) {
    return phrase`Sign in again with \`${
      command("auth", "login")
    }\`, or check that the token's audience fits this host.`;
  }
  if (status === 403) {
    return "The signed-in identity lacks permission for this operation; ask an administrator for the role.";
  }
  if (status === 404) return "Check the name or id, and that you are pointed at the right environment.";
  if (status === 429) return "The service is throttling; wait and try again, or lower the concurrency.";
  return undefined;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
