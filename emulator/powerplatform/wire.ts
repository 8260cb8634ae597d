/**
 * Wire helpers of the emulated admin APIs: JSON answers, the Power Platform API error shape
 * (`{ "error": { "code", "message" } }`), request bodies and `nextLink` paging.
 *
 * @module
 */

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/** An error in the Power Platform API's shape. */
export function ppError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

/** 404 for a missing resource. */
export function notFound(what: string): Response {
  return ppError(404, "NotFound", `${what} was not found.`);
}

/** The request body as a JSON object; undefined when it is not one. */
export async function readObject(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** 400 for a body that is not a JSON object. */
export function badBody(): Response {
  return ppError(400, "InvalidRequestBody", "The request body must be a JSON object.");
}

/**
 * One page of `items` as `{ value, nextLink }`. The page starts at the `$skiptoken` offset; its size is
 * `$top` (or `top`), else `pageSize`.
 */
export function page<T>(
  items: T[],
  url: URL,
  pageSize: number,
  key = "value",
  tokenParam = "$skiptoken",
): Record<string, unknown> {
  const start = Number(url.searchParams.get(tokenParam) ?? "0") || 0;
  const top = Number(url.searchParams.get("$top") ?? url.searchParams.get("limit") ?? "") || pageSize;
  const slice = items.slice(start, start + top);
  const out: Record<string, unknown> = { [key]: slice };
  if (start + top < items.length) {
    if (key === "value") {
      const next = new URL(url);
      next.searchParams.set(tokenParam, String(start + top));
      out.nextLink = next.toString();
    } else out.continuationToken = String(start + top);
  }
  return out;
}
