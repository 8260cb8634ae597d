/**
 * Key Vault's wire shapes: the error envelope (`{"error":{"code","message"}}`, sometimes with an
 * `innererror`), the bearer challenge on every 401, and the SecretBundle / DeletedSecretBundle bodies with
 * Unix-second timestamps.
 *
 * @module
 */

import type { SecretVersion, StoredSecret } from "./store.ts";

/** Soft delete with purge allowed: what a vault created today reports. */
export const RECOVERY_LEVEL = "Recoverable+Purgeable";

/** A Key Vault error answer. */
export function kvError(
  status: number,
  code: string,
  message: string,
  options: { inner?: string; headers?: Record<string, string> } = {},
): Response {
  const error: Record<string, unknown> = { code, message };
  if (options.inner) error.innererror = { code: options.inner };
  return Response.json({ error }, { status, headers: { ...baseHeaders(), ...options.headers } });
}

/** A 200 (or other) JSON answer with Key Vault's headers. */
export function kvJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: baseHeaders() });
}

/** The 401 with the challenge that tells a client where to get a token and for which resource. */
export function unauthorized(message: string, authority: string, resource: string): Response {
  return kvError(401, "Unauthorized", message, {
    headers: { "WWW-Authenticate": `Bearer authorization="${authority}", resource="${resource}"` },
  });
}

function baseHeaders(): Record<string, string> {
  return { "x-ms-request-id": crypto.randomUUID(), "x-ms-keyvault-service-version": "1.9.0.0" };
}

/** The attributes object of a version. */
export function attributes(version: SecretVersion, retentionDays: number): Record<string, unknown> {
  return {
    enabled: version.enabled,
    created: version.created,
    updated: version.updated,
    recoveryLevel: RECOVERY_LEVEL,
    recoverableDays: retentionDays,
  };
}

/** A SecretBundle; the value is left out where Key Vault leaves it out (recover, list). */
export function secretBundle(
  vaultUrl: string,
  secret: StoredSecret,
  version: SecretVersion,
  retentionDays: number,
  withValue = true,
): Record<string, unknown> {
  return {
    ...(withValue ? { value: version.value } : {}),
    ...(version.contentType !== undefined ? { contentType: version.contentType } : {}),
    id: `${vaultUrl}/secrets/${secret.name}/${version.version}`,
    attributes: attributes(version, retentionDays),
    tags: version.tags,
  };
}

/** A DeletedSecretBundle: the latest version's metadata plus the recovery id and dates (no value). */
export function deletedBundle(
  vaultUrl: string,
  secret: StoredSecret,
  retentionDays: number,
): Record<string, unknown> {
  const latest = secret.versions[secret.versions.length - 1];
  return {
    recoveryId: `${vaultUrl}/deletedsecrets/${secret.name}`,
    deletedDate: secret.deletedAt,
    scheduledPurgeDate: secret.purgeAt,
    ...secretBundle(vaultUrl, secret, latest, retentionDays, false),
  };
}

/** The 404 Key Vault answers for a secret (or version) it does not have. */
export function secretNotFound(nameOrId: string): Response {
  return kvError(
    404,
    "SecretNotFound",
    `A secret with (name/id) ${nameOrId} was not found in this key vault. If you recently deleted this ` +
      "secret you may be able to recover it using the correct recovery command.",
  );
}
