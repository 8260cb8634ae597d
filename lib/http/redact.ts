/**
 * Redaction for the `--debug` trace and for error messages: no secret, token, cookie or signature ever
 * leaves ppx in a log line.
 *
 * @module
 */

const REDACTED = "***";

const SENSITIVE_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-ms-authorization-auxiliary",
  "x-functions-key",
  "api-key",
  "ocp-apim-subscription-key",
]);

const SENSITIVE_KEY =
  /(^|_|-)(access_?token|refresh_?token|id_?token|client_?secret|secret|password|passwd|assertion|code_verifier|device_code|token|sig|signature|sas|api_?key)$/i;

/** Names that are secret in a query string or a form, but ordinary in JSON (Dataverse error `code`). */
const SENSITIVE_PARAM = /^(code|key|sig|se|skoid)$/i;

/** True when a JSON field name holds something secret. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_KEY.test(name);
}

/** True when a query or form parameter holds something secret. */
export function isSensitiveParam(name: string): boolean {
  return SENSITIVE_KEY.test(name) || SENSITIVE_PARAM.test(name);
}

/** Vendor headers that carry a credential by name (`x-api-key`, App Service's `x-ms-token-aad-access-token`). */
const SENSITIVE_HEADER_NAME = /(^|-)(token|secret|key|signature|password)$/i;

/** Copies headers into a plain object with the sensitive ones masked. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (SENSITIVE_HEADERS.has(name.toLowerCase()) || SENSITIVE_HEADER_NAME.test(name)) {
      const scheme = /^(Bearer|Basic|token)\s/i.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[name] = value;
    }
  });
  return out;
}

/** Masks secrets in a URL's query string (SAS signatures, codes, tokens). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSensitiveParam(name)) {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  if (parsed.password) {
    parsed.password = REDACTED;
    changed = true;
  }
  return changed ? parsed.toString().replaceAll("%2A%2A%2A", REDACTED) : url;
}

function redactJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJsonValue);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSensitiveName(k) && (typeof v === "string" || typeof v === "number")
        ? REDACTED
        : redactJsonValue(v);
    }
    return out;
  }
  if (typeof value === "string") return redactTokensInText(value);
  return value;
}

/**
 * Masks anything that looks like a JWT, a GitHub token or a bearer token inside free text, and secret
 * parameters of URLs quoted in it (a SAS `sig` in a download link of a JSON answer or an error message).
 */
export function redactTokensInText(text: string): string {
  return text
    .replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED)
    .replace(/\b(gh[pousr]|ghu|github_pat)_[A-Za-z0-9_]{10,}/g, REDACTED)
    .replace(/\b(Bearer\s+)(?!\*\*\*)[A-Za-z0-9._~+\/=-]{20,}/gi, `$1${REDACTED}`)
    .replace(
      /([?&])([A-Za-z0-9_.-]+)=([^&\s"'<>#]+)/g,
      (match, sep: string, name: string) => isSensitiveParam(name) ? `${sep}${name}=${REDACTED}` : match,
    );
}

/**
 * Redacts a request or response body for the trace: JSON fields and form fields with sensitive names are
 * masked, JWT-shaped strings anywhere are masked. Long bodies are cut to `limit` characters.
 */
export function redactBody(body: string, contentType: string | null, limit = 2048): string {
  let out = body;
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json") || /^\s*[{[]/.test(body)) {
    try {
      out = JSON.stringify(redactJsonValue(JSON.parse(body)));
    } catch {
      out = redactTokensInText(body);
    }
  } else if (type.includes("x-www-form-urlencoded")) {
    const params = new URLSearchParams(body);
    for (const name of [...params.keys()]) if (isSensitiveParam(name)) params.set(name, REDACTED);
    out = params.toString().replaceAll("%2A%2A%2A", REDACTED);
  } else {
    out = redactTokensInText(body);
  }
  return out.length > limit ? `${out.slice(0, limit)}… (${out.length - limit} more characters)` : out;
}
