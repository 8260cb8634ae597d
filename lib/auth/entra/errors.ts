/**
 * Entra (AADSTS) errors turned into messages that say what to do. Error codes come from the token
 * endpoint's `error_codes` array or the `AADSTSnnnn:` prefix of `error_description`; the trace and
 * correlation ids Entra adds are kept so support can find the sign-in.
 *
 * @module
 */

import { AuthorizationResponseError, ResponseBodyError } from "oauth4webapi";
import { AuthError, PpxError } from "../../errors.ts";
import { type Remedy, withRemedy } from "../remedy.ts";

/** What the caller was doing, so the hint can name the right fix. */
export interface EntraErrorContext {
  /** The flow in use (`device`, `web`, `client-credential`, `certificate`, `federated`, `managed-identity`, `refresh`). */
  flow?: string;
  /** The client id, for messages. */
  clientId?: string;
  /** The tenant, for messages. */
  tenant?: string;
  /** The profile name, for hints that say how to sign it in again. */
  profile?: string;
}

/** One mapped AADSTS code: a hint in plain words, or a remedy the CLI words (it names a flag or command). */
type Mapping =
  & {
    code: string;
    message: (c: EntraErrorContext) => string;
  }
  & (
    | { hint: (c: EntraErrorContext) => string; remedy?: undefined }
    | { remedy: (c: EntraErrorContext) => Remedy; hint?: undefined }
  );

/** AADSTS number -> ppx error code, message and hint. */
export const AADSTS_MAP: Record<number, Mapping> = {
  65001: {
    code: "auth.consent-required",
    message: (c) =>
      `The app ${c.clientId ?? ""} has not been granted consent for the requested resource.`.replace(
        "  ",
        " ",
      ),
    remedy: (c) => ({ action: "entra", topic: "65001", profile: c.profile, flow: c.flow }),
  },
  50076: {
    code: "auth.mfa-required",
    message: () => "Multi-factor authentication is required for this sign-in.",
    remedy: (c) => ({ action: "entra", topic: "50076", profile: c.profile, flow: c.flow }),
  },
  50079: {
    code: "auth.mfa-registration-required",
    message: () => "The account must register for multi-factor authentication before it can sign in.",
    remedy: (c) => ({ action: "entra", topic: "50079", profile: c.profile, flow: c.flow }),
  },
  53003: {
    code: "auth.conditional-access",
    message: (c) =>
      c.flow === "device"
        ? "Conditional Access blocked the device code sign-in."
        : "Conditional Access blocked the sign-in.",
    remedy: (c) => ({ action: "entra", topic: "53003", profile: c.profile, flow: c.flow }),
  },
  50097: {
    code: "auth.device-authentication-required",
    message: () => "The tenant requires device authentication for this sign-in.",
    remedy: (c) => ({ action: "entra", topic: "50097", profile: c.profile, flow: c.flow }),
  },
  7000215: {
    code: "auth.invalid-client-secret",
    message: (c) => `The client secret for app ${c.clientId ?? ""} is wrong.`.replace("  ", " "),
    hint: () =>
      "Use the secret's Value (not its Secret ID) from the app registration's Certificates & secrets, and update the variable or keyring entry the profile reads.",
  },
  7000222: {
    code: "auth.client-secret-expired",
    message: (c) => `The client secret for app ${c.clientId ?? ""} has expired.`.replace("  ", " "),
    remedy: (c) => ({ action: "entra", topic: "7000222", profile: c.profile, flow: c.flow }),
  },
  700016: {
    code: "auth.unknown-client",
    message: (c) =>
      `Application ${c.clientId ?? ""} was not found in tenant ${c.tenant ?? ""}.`.replace(/ {2,}/g, " "),
    remedy: (c) => ({ action: "entra", topic: "700016", profile: c.profile, flow: c.flow }),
  },
  90002: {
    code: "auth.tenant-not-found",
    message: (c) => `Tenant ${c.tenant ?? ""} was not found.`.replace("  ", " "),
    remedy: (c) => ({ action: "entra", topic: "90002", profile: c.profile, flow: c.flow }),
  },
  70019: {
    code: "auth.device-code-expired",
    message: () => "The sign-in code expired before it was approved.",
    remedy: (c) => ({ action: "entra", topic: "70019", profile: c.profile, flow: c.flow }),
  },
  70000: {
    code: "auth.invalid-grant",
    message: () => "The sign-in grant is no longer valid.",
    remedy: (c) => ({ action: "entra", topic: "70000", profile: c.profile, flow: c.flow }),
  },
  700082: {
    code: "auth.session-expired",
    message: () => "The saved sign-in expired because it was not used for a long time.",
    remedy: (c) => ({ action: "entra", topic: "700082", profile: c.profile, flow: c.flow }),
  },
  50173: {
    code: "auth.session-revoked",
    message: () => "The saved sign-in was revoked (password change or administrator action).",
    remedy: (c) => ({ action: "entra", topic: "50173", profile: c.profile, flow: c.flow }),
  },
  700027: {
    code: "auth.invalid-client-assertion",
    message: () => "Entra rejected the certificate assertion.",
    hint: () =>
      "Upload the certificate's public part to the app registration (Certificates & secrets) and check that the key file matches it.",
  },
  700024: {
    code: "auth.assertion-time",
    message: () => "The client assertion is outside its valid time range.",
    remedy: (c) => ({ action: "entra", topic: "700024", profile: c.profile, flow: c.flow }),
  },
  70021: {
    code: "auth.no-federated-credential",
    message: () => "No federated credential on the app matches the presented token.",
    hint: () =>
      "Add a federated credential to the app registration whose issuer, subject and audience (api://AzureADTokenExchange) match the CI token.",
  },
  700211: {
    code: "auth.no-federated-credential",
    message: () => "No federated credential on the app matches the token's issuer.",
    hint: () => "Check the federated credential's issuer in the app registration.",
  },
  700213: {
    code: "auth.no-federated-credential",
    message: () => "No federated credential on the app matches the token's subject.",
    hint: () =>
      "Check the federated credential's subject (for GitHub: repo:OWNER/REPO:ref:refs/heads/BRANCH or :environment:NAME).",
  },
  7000218: {
    code: "auth.public-client-disabled",
    message: (c) =>
      `App ${c.clientId ?? ""} is not allowed to sign in users without a secret.`.replace("  ", " "),
    hint: () =>
      'Enable "Allow public client flows" in the app registration (Authentication), or use a client credential flow.',
  },
  50011: {
    code: "auth.redirect-mismatch",
    message: () => "The app registration does not accept ppx's local redirect address.",
    remedy: (c) => ({ action: "entra", topic: "50011", profile: c.profile, flow: c.flow }),
  },
  500011: {
    code: "auth.resource-not-found",
    message: () => "The resource (audience) was not found in the tenant.",
    remedy: (c) => ({ action: "entra", topic: "500011", profile: c.profile, flow: c.flow }),
  },
  50020: {
    code: "auth.wrong-tenant",
    message: () => "The account does not belong to this tenant.",
    remedy: (c) => ({ action: "entra", topic: "50020", profile: c.profile, flow: c.flow }),
  },
  50126: {
    code: "auth.invalid-credentials",
    message: () => "The user name or password is wrong.",
    remedy: (c) => ({ action: "entra", topic: "50126", profile: c.profile, flow: c.flow }),
  },
};

/** The OAuth `error` values that are not AADSTS-specific. */
const OAUTH_ERRORS: Record<string, Mapping> = {
  authorization_declined: {
    code: "auth.declined",
    message: () => "The sign-in was declined.",
    remedy: (c) => ({ action: "entra", topic: "authorization_declined", profile: c.profile, flow: c.flow }),
  },
  access_denied: {
    code: "auth.declined",
    message: () => "The sign-in was declined or cancelled in the browser.",
    remedy: (c) => ({ action: "entra", topic: "access_denied", profile: c.profile, flow: c.flow }),
  },
  expired_token: AADSTS_MAP[70019],
  bad_verification_code: {
    code: "auth.device-code-invalid",
    message: () => "The sign-in code was not recognised.",
    remedy: (c) => ({ action: "entra", topic: "bad_verification_code", profile: c.profile, flow: c.flow }),
  },
  invalid_client: {
    code: "auth.invalid-client",
    message: (c) => `Entra rejected the client credentials for app ${c.clientId ?? ""}.`.replace("  ", " "),
    hint: () => "Check the client id, secret or certificate configured for the profile.",
  },
  invalid_grant: AADSTS_MAP[70000],
};

/** Extracts AADSTS numbers from an Entra error body. */
export function aadstsCodes(body: Record<string, unknown>): number[] {
  const codes = Array.isArray(body.error_codes) ? body.error_codes.filter((c) => typeof c === "number") : [];
  const description = typeof body.error_description === "string" ? body.error_description : "";
  for (const m of description.matchAll(/AADSTS(\d+)/g)) codes.push(Number(m[1]));
  return [...new Set(codes as number[])];
}

/** Builds an AuthError from an OAuth error body (`error`, `error_description`, `error_codes`...). */
export function entraAuthError(body: Record<string, unknown>, context: EntraErrorContext = {}): AuthError {
  const codes = aadstsCodes(body);
  const error = typeof body.error === "string" ? body.error : "unknown_error";
  const description = typeof body.error_description === "string" ? body.error_description : "";
  // The device-flow outcomes are clearer from the OAuth error than from the (generic) AADSTS code.
  const decisive = ["authorization_declined", "access_denied", "expired_token", "bad_verification_code"];
  const mapping = (decisive.includes(error) ? OAUTH_ERRORS[error] : undefined) ??
    codes.map((c) => AADSTS_MAP[c]).find(Boolean) ?? OAUTH_ERRORS[error];
  const correlation = typeof body.correlation_id === "string"
    ? body.correlation_id
    : /Correlation ID: ([0-9a-f-]{36})/i.exec(description)?.[1];
  const firstLine = description.split(/\r?\n/)[0].trim();
  const aadsts = codes.length ? `AADSTS${codes[0]}` : error;
  const message = mapping
    ? `${mapping.message(context)} (${aadsts})`
    : `Sign-in failed: ${firstLine || error}${firstLine.includes(aadsts) ? "" : ` (${aadsts})`}`;
  const hint = mapping?.hint?.(context) ??
    (codes.length && !mapping?.remedy
      ? `See https://login.microsoftonline.com/error?code=${codes[0]} for this code.`
      : undefined);
  const err = new AuthError(message, { code: mapping?.code ?? "auth.failed", hint });
  if (correlation) Object.assign(err, { correlationId: correlation });
  if (mapping?.remedy) return withRemedy(err, mapping.remedy(context));
  if (hint === undefined) return withRemedy(err, { action: "debug", what: "response" });
  return err;
}

/** Converts an oauth4webapi / network error into a ppx error; ppx errors pass through. */
export function toEntraError(error: unknown, context: EntraErrorContext = {}): PpxError {
  if (error instanceof PpxError) return error;
  if (error instanceof ResponseBodyError) return entraAuthError(error.cause, context);
  if (error instanceof AuthorizationResponseError) {
    return entraAuthError(Object.fromEntries(error.cause), context);
  }
  const message = error instanceof Error ? error.message : String(error);
  return withRemedy(new AuthError(`Sign-in failed: ${message}`, { code: "auth.failed", cause: error }), {
    action: "debug",
    what: "details",
  });
}
