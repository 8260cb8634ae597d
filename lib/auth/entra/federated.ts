/**
 * Federated (workload identity) assertions: a token from another identity provider that Entra exchanges
 * for an access token. Sources: GitHub Actions OIDC (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, audience
 * `api://AzureADTokenExchange`), Azure DevOps service connections (SYSTEM_OIDCREQUESTURI +
 * SYSTEM_ACCESSTOKEN), and a token file (AZURE_FEDERATED_TOKEN_FILE, as on AKS), re-read whenever it
 * changes on disk because the platform rotates it.
 *
 * @module
 */

import { type FixTopic, withRemedy } from "../remedy.ts";
import type { Env } from "../../env.ts";
import { AuthError, ConfigError } from "../../errors.ts";

/** The audience Entra expects in federated tokens. */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

/** Produces the external token to present as the client assertion. */
export type AssertionSource = () => Promise<string>;

/** True inside a GitHub Actions job that was granted `id-token: write`. */
export function githubOidcAvailable(env: Env): boolean {
  return !!env.get("ACTIONS_ID_TOKEN_REQUEST_URL") && !!env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
}

/** True inside an Azure DevOps job that can request OIDC tokens. */
export function azureDevOpsOidcAvailable(env: Env): boolean {
  return !!env.get("SYSTEM_OIDCREQUESTURI");
}

/** What to do about a federated-token failure: a hint in plain words, or a topic the CLI words. */
type Fix = { hint: string } | FixTopic;

/** A federated-token failure with its fix. */
function fail(message: string, fix: Fix): AuthError {
  if (typeof fix === "object") {
    return new AuthError(message, { code: "auth.federated-token", hint: fix.hint });
  }
  return withRemedy(new AuthError(message, { code: "auth.federated-token" }), { action: "fix", topic: fix });
}

async function readJson(response: Response, what: string, hint: Fix): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (!response.ok) {
    throw fail(`${what} refused the token request (HTTP ${response.status}).`, hint);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw fail(`${what} answered with something that is not JSON.`, hint);
  }
}

/** GitHub Actions: requests an ID token for `audience` from the runner. */
export function githubActionsAssertion(
  env: Env,
  fetcher: typeof fetch,
  audience: string = AZURE_TOKEN_EXCHANGE_AUDIENCE,
): AssertionSource {
  return async () => {
    const requestUrl = env.get("ACTIONS_ID_TOKEN_REQUEST_URL");
    const requestToken = env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    const hint: Fix = { hint: "Give the job `permissions: id-token: write` in the workflow." };
    if (!requestUrl || !requestToken) {
      throw fail("GitHub Actions OIDC is not available in this job.", hint);
    }
    const url = new URL(requestUrl);
    url.searchParams.set("audience", audience);
    const response = await fetcher(url, {
      headers: { authorization: `Bearer ${requestToken}`, accept: "application/json; api-version=2.0" },
    });
    const body = await readJson(response, "GitHub Actions", hint);
    if (typeof body.value !== "string") {
      throw fail("GitHub Actions returned no ID token.", hint);
    }
    return body.value;
  };
}

/** Azure DevOps: requests an ID token for a service connection. */
export function azureDevOpsAssertion(
  env: Env,
  fetcher: typeof fetch,
  serviceConnectionId: string | undefined,
): AssertionSource {
  return async () => {
    const requestUri = env.get("SYSTEM_OIDCREQUESTURI");
    const accessToken = env.get("SYSTEM_ACCESSTOKEN");
    const id = serviceConnectionId ?? env.get("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID");
    const hint: Fix = "entra.devops-oidc";
    if (!requestUri || !accessToken || !id) {
      throw fail(
        "Azure DevOps OIDC needs SYSTEM_OIDCREQUESTURI, SYSTEM_ACCESSTOKEN and a service connection id.",
        hint,
      );
    }
    const url = new URL(requestUri);
    url.searchParams.set("api-version", "7.1");
    url.searchParams.set("serviceConnectionId", id);
    const response = await fetcher(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${accessToken}`,
        "content-type": "application/json",
        "x-tfs-fedauthredirect": "Suppress",
      },
    });
    const body = await readJson(response, "Azure DevOps", hint);
    if (typeof body.oidcToken !== "string") {
      throw fail("Azure DevOps returned no OIDC token.", hint);
    }
    return body.oidcToken;
  };
}

/** File access the token-file source needs (injectable for tests). */
export interface TokenFileAccess {
  stat(path: string): Promise<{ mtime: Date | null; size: number }>;
  readTextFile(path: string): Promise<string>;
}

const denoFiles: TokenFileAccess = {
  stat: (p) => Deno.stat(p),
  readTextFile: (p) => Deno.readTextFile(p),
};

/** A token file: the content is cached and re-read when the file's mtime or size changes. */
export function tokenFileAssertion(path: string, files: TokenFileAccess = denoFiles): AssertionSource {
  let cached: { stamp: string; token: string } | undefined;
  return async () => {
    let info;
    try {
      info = await files.stat(path);
    } catch {
      throw withRemedy(
        new ConfigError(`The federated token file ${path} cannot be read.`, { code: "auth.federated-token" }),
        { action: "fix", topic: "entra.federated-file-unreadable" },
      );
    }
    const stamp = `${info.mtime?.getTime() ?? 0}:${info.size}`;
    if (!cached || cached.stamp !== stamp) {
      const token = (await files.readTextFile(path)).trim();
      if (!token) {
        throw new ConfigError(`The federated token file ${path} is empty.`, { code: "auth.federated-token" });
      }
      cached = { stamp, token };
    }
    return cached.token;
  };
}
