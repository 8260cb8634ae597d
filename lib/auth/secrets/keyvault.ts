/**
 * Azure Key Vault secrets over REST (`{vault}/secrets/{name}?api-version=7.4`) with a bearer token for
 * the vault's audience. The HTTP client comes from the caller (the CLI context), so retries, tracing and
 * the credential chain are the same as for every other service.
 *
 * @module
 */

import { NotFoundError, UsageError } from "../../errors.ts";
import type { HttpClient } from "../../http/client.ts";
import { isLoopbackHost } from "../entra/authority.ts";

/** The Key Vault data-plane API version ppx speaks. */
export const KEY_VAULT_API_VERSION = "7.4";

const AUDIENCES: [suffix: string, audience: string][] = [
  [".vault.azure.net", "https://vault.azure.net"],
  [".vault.usgovcloudapi.net", "https://vault.usgovcloudapi.net"],
  [".vault.azure.cn", "https://vault.azure.cn"],
  [".vault.microsoftazure.de", "https://vault.microsoftazure.de"],
];

/** The token audience for a vault URL (public cloud for hosts it does not recognise, e.g. the emulator). */
export function keyVaultAudience(vaultUrl: string): string {
  const host = new URL(vaultUrl).hostname.toLowerCase();
  return AUDIENCES.find(([suffix]) => host.endsWith(suffix))?.[1] ?? "https://vault.azure.net";
}

/**
 * Checks a vault URL. A real vault is `https://NAME.vault.azure.net` (no path). Plain http is accepted only
 * on a loopback address, for the emulator, which also needs a path because it hosts every vault on one
 * origin: `http://127.0.0.1:8750/keyvault/NAME`.
 */
export function checkVaultUrl(vaultUrl: string): void {
  const url = new URL(vaultUrl);
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(loopback && url.protocol === "http:")) {
    throw new UsageError(`Key Vault URL ${vaultUrl} must use https.`, {
      hint: "Use https://NAME.vault.azure.net (plain http only for the emulator on 127.0.0.1).",
    });
  }
  if (!loopback && url.pathname !== "/" && url.pathname !== "") {
    throw new UsageError(`Key Vault URL ${vaultUrl} has a path; a vault URL is just its host.`, {
      hint: "Use https://NAME.vault.azure.net.",
    });
  }
}

/** Makes HTTP clients for a vault (base URL and audience). */
export type KeyVaultHttp = (vaultUrl: string, audience: string) => HttpClient;

/** A Key Vault secret's value; undefined when the vault has no such secret. */
export async function getKeyVaultSecret(http: HttpClient, name: string): Promise<string | undefined> {
  try {
    const body = await http.json<{ value?: string }>("GET", `secrets/${encodeURIComponent(name)}`, {
      query: { "api-version": KEY_VAULT_API_VERSION },
      secretResponse: true,
    });
    return typeof body.value === "string" ? body.value : undefined;
  } catch (error) {
    if (error instanceof NotFoundError || (error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** Sets a Key Vault secret (a new version). */
export async function setKeyVaultSecret(http: HttpClient, name: string, value: string): Promise<void> {
  await http.json("PUT", `secrets/${encodeURIComponent(name)}`, {
    query: { "api-version": KEY_VAULT_API_VERSION },
    json: { value },
    retrySafe: true,
    secretResponse: true,
  });
}

/** Deletes a Key Vault secret (soft delete when the vault has it on); false when it did not exist. */
export async function deleteKeyVaultSecret(http: HttpClient, name: string): Promise<boolean> {
  try {
    await http.json("DELETE", `secrets/${encodeURIComponent(name)}`, {
      query: { "api-version": KEY_VAULT_API_VERSION },
      secretResponse: true,
    });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
