/**
 * GitHub's OAuth wire habits: parameters may come in the query string, a form body or a JSON body, and
 * answers are form-encoded unless the client sends `Accept: application/json`. Errors from the token
 * endpoint are HTTP 200 with an `error` field.
 *
 * @module
 */

/** Reads OAuth parameters from the query string and the body (form or JSON), body winning. */
export async function readParams(request: Request): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  new URL(request.url).searchParams.forEach((v, k) => out[k] = v);
  if (request.method === "GET" || request.method === "HEAD") return out;
  const text = await request.text();
  if (!text.trim()) return out;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("json") || /^\s*\{/.test(text)) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(text) as Record<string, unknown>)) {
        if (v !== undefined && v !== null) out[k] = String(v);
      }
      return out;
    } catch {
      // fall through to form parsing, as a lenient server would
    }
  }
  new URLSearchParams(text).forEach((v, k) => out[k] = v);
  return out;
}

/** True when the client asked for JSON. */
export function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes("application/json");
}

/** An OAuth answer in the format the client asked for. */
export function oauthAnswer(
  request: Request,
  body: Record<string, string | number | undefined>,
  status = 200,
): Response {
  const clean: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined) clean[k] = v;
  if (wantsJson(request)) {
    return new Response(JSON.stringify(clean), {
      status,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(clean)) form.set(k, String(v));
  return new Response(form.toString(), {
    status,
    headers: {
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
      "cache-control": "no-store",
    },
  });
}

const DOCS = "https://docs.github.com";

/** Where GitHub's docs describe each error (the `error_uri` it sends). */
const ERROR_URIS: Record<string, string> = {
  authorization_pending: "/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
  slow_down: "/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
  expired_token: "/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
  access_denied: "/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
  unsupported_grant_type: "/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
  incorrect_device_code: "/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
  device_flow_disabled: "/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
  incorrect_client_credentials:
    "/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials",
  redirect_uri_mismatch:
    "/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2",
  bad_verification_code:
    "/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
  bad_refresh_token:
    "/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens",
};

const DESCRIPTIONS: Record<string, string> = {
  authorization_pending: "The authorization request is still pending.",
  slow_down: "Too many requests have been made in the same timeframe.",
  expired_token: "The device_code has expired.",
  access_denied: "The authorization request was denied.",
  unsupported_grant_type: "The grant type is not supported.",
  incorrect_device_code: "The device_code provided is not valid.",
  device_flow_disabled: "Device Flow must be explicitly enabled for this App",
  incorrect_client_credentials: "The client_id and/or client_secret passed are incorrect.",
  redirect_uri_mismatch: "The redirect_uri MUST match the registered callback URL for this application.",
  bad_verification_code: "The code passed is incorrect or expired.",
  bad_refresh_token: "The refresh token passed is incorrect or expired.",
};

/** A GitHub OAuth error answer (HTTP 200 unless told otherwise). */
export function oauthError(
  request: Request,
  error: string,
  extra: Record<string, string | number> = {},
  status = 200,
): Response {
  return oauthAnswer(request, {
    error,
    error_description: DESCRIPTIONS[error] ?? error,
    error_uri: `${DOCS}${ERROR_URIS[error] ?? "/developers/apps"}`,
    ...extra,
  }, status);
}

/** The REST API's JSON error shape (`{ message, documentation_url }`). */
export function restError(status: number, message: string): Response {
  return Response.json({ message, documentation_url: `${DOCS}/rest`, status: String(status) }, { status });
}
