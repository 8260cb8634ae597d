/**
 * Entra-shaped error responses: `error`, `error_description` starting with `AADSTSnnnn:` and ending with
 * trace/correlation ids and a timestamp, `error_codes`, `trace_id`, `correlation_id`, `error_uri`.
 *
 * @module
 */

/** Standard descriptions for the codes the emulator produces. */
export const AADSTS_TEXT: Record<number, { error: string; status: number; text: string }> = {
  50011: {
    error: "invalid_request",
    status: 400,
    text:
      "The redirect URI specified in the request does not match the redirect URIs configured for the application.",
  },
  50076: {
    error: "interaction_required",
    status: 400,
    text:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
  },
  50079: {
    error: "interaction_required",
    status: 400,
    text:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access the resource.",
  },
  53003: {
    error: "invalid_grant",
    status: 400,
    text:
      "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
  },
  65001: {
    error: "invalid_grant",
    status: 400,
    text: "The user or administrator has not consented to use the application.",
  },
  65004: { error: "access_denied", status: 400, text: "User declined to consent to access the app." },
  70000: {
    error: "invalid_grant",
    status: 400,
    text: "The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.",
  },
  70008: {
    error: "invalid_grant",
    status: 400,
    text: "The provided authorization code or refresh token has expired due to inactivity.",
  },
  70011: {
    error: "invalid_scope",
    status: 400,
    text: "The provided request must include a 'scope' input parameter.",
  },
  70016: {
    error: "authorization_pending",
    status: 400,
    text: "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
  },
  70019: { error: "expired_token", status: 400, text: "Verification code expired." },
  70021: {
    error: "invalid_request",
    status: 400,
    text: "No matching federated identity record found for presented assertion.",
  },
  90002: {
    error: "invalid_tenant",
    status: 400,
    text:
      "Tenant not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
  },
  500011: {
    error: "invalid_resource",
    status: 400,
    text: "The resource principal was not found in the tenant.",
  },
  501481: {
    error: "invalid_grant",
    status: 400,
    text: "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
  },
  700016: { error: "unauthorized_client", status: 400, text: "Application was not found in the directory." },
  700024: {
    error: "invalid_client",
    status: 401,
    text: "Client assertion is not within its valid time range.",
  },
  700027: {
    error: "invalid_client",
    status: 401,
    text:
      "The certificate with identifier used to sign the client assertion is not registered on application.",
  },
  700082: { error: "invalid_grant", status: 400, text: "The refresh token has expired due to inactivity." },
  7000215: {
    error: "invalid_client",
    status: 401,
    text:
      "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
  },
  7000218: {
    error: "invalid_client",
    status: 401,
    text: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  },
  7000222: { error: "invalid_client", status: 401, text: "The provided client secret keys are expired." },
};

/** Builds an Entra error response. */
export function aadstsResponse(
  code: number,
  now: number,
  overrides: { error?: string; status?: number; text?: string; authority?: string } = {},
): Response {
  const known = AADSTS_TEXT[code] ?? { error: "invalid_request", status: 400, text: "Request failed." };
  const traceId = crypto.randomUUID();
  const correlationId = crypto.randomUUID();
  const timestamp = new Date(now).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  const text = overrides.text ?? known.text;
  return Response.json({
    error: overrides.error ?? known.error,
    error_description:
      `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${overrides.authority ?? "https://login.microsoftonline.com"}/error?code=${code}`,
  }, { status: overrides.status ?? known.status, headers: { "cache-control": "no-store" } });
}
