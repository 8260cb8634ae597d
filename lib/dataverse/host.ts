/**
 * Dataverse org URLs: accepts `org.crm.dynamics.com`, `https://org.crm.dynamics.com/`, a URL that already
 * ends in `/api/data/v9.2`, and `http://` only for loopback hosts (the local emulator).
 *
 * @module
 */

import { ValidationError } from "../errors.ts";

/** A normalised org. */
export interface DataverseOrg {
  /** `https://org.crm.dynamics.com` (no trailing slash). */
  url: string;
  /** The token audience for this org (its URL). */
  audience: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Normalises a host or URL; throws ValidationError naming the fix. */
export function normalizeDataverseHost(raw: string): DataverseOrg {
  const text = raw.trim();
  if (text === "") {
    throw new ValidationError("The Dataverse host is empty.", {
      hint: "Pass --dataverse-host org.crm.dynamics.com or set DATAVERSE_HOST.",
    });
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ValidationError(`'${raw}' is not a host name or URL.`, {
      hint: "Use the org's host, e.g. contoso.crm.dynamics.com.",
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ValidationError(`'${raw}' must be an https:// URL.`);
  }
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname)) {
    throw new ValidationError(
      `Refusing plain http:// for ${url.hostname}: tokens would travel unencrypted.`,
      {
        hint: "Use https://, or http://127.0.0.1:<port> for the local emulator.",
      },
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ValidationError(`The Dataverse host '${raw}' may not carry a query, fragment or credentials.`);
  }
  const path = url.pathname.replace(/\/api\/data\/v\d+(\.\d+)?\/?$/, "").replace(/\/+$/, "");
  const base = `${url.origin}${path}`;
  return { url: base, audience: url.origin };
}
