/**
 * The GitHub REST calls of setup-ci: the repository (and the scopes the token carries), environments,
 * Actions variables and secrets (with the repository public key), and file contents. Every request
 * sends `X-GitHub-Api-Version: 2022-11-28`.
 *
 * @module
 */

import { ApiError, AuthError } from "../../errors.ts";
import type { HttpClient } from "../../http/client.ts";

/** The REST API version ppx speaks. */
export const GITHUB_API_VERSION = "2022-11-28";

const HEADERS = { accept: "application/vnd.github+json", "x-github-api-version": GITHUB_API_VERSION };

/** OWNER/NAME of a repository. */
export interface RepoRef {
  /** The user or organisation. */
  owner: string;
  /** The repository name. */
  name: string;
}

/** What setup-ci needs to know about the repository. */
export interface RepoInfo {
  /** The default branch, e.g. `main`. */
  defaultBranch: string;
  /** Whether the token may administer the repository (environments, secrets, variables). */
  admin: boolean;
  /** The OAuth scopes of a classic token (`X-OAuth-Scopes`); undefined for fine-grained or app tokens. */
  scopes?: string[];
}

/** A file as the contents API returns it. */
export interface RepoFile {
  /** The blob sha, needed to update or delete it. */
  sha: string;
  /** The decoded text. */
  text: string;
}

/** The public key secrets are sealed with. */
export interface PublicKey {
  /** Sent back with each secret. */
  keyId: string;
  /** The X25519 public key, base64. */
  key: string;
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** GitHub REST for one repository. */
export class GitHubRepoApi {
  readonly #http: HttpClient;
  /** `repos/OWNER/NAME`. */
  readonly base: string;

  /** `http` has the API URL as base and the GitHub token. */
  constructor(http: HttpClient, repo: RepoRef) {
    this.#http = http;
    this.base = `/repos/${enc(repo.owner)}/${enc(repo.name)}`;
  }

  async #json<T>(method: string, path: string, json?: unknown): Promise<T> {
    return await this.#http.json<T>(method, path, {
      headers: HEADERS,
      ...(json === undefined ? {} : { json }),
    });
  }

  async #maybe<T>(path: string, query?: Record<string, string>): Promise<T | undefined> {
    try {
      return await this.#http.json<T>("GET", path, { headers: HEADERS, query });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The repository; a 404 becomes an AuthError (GitHub answers 404 for repositories a token cannot see). */
  async repo(): Promise<RepoInfo> {
    let response: Response;
    try {
      response = await this.#http.send("GET", this.base, { headers: HEADERS });
    } catch (error) {
      if (isNotFound(error)) {
        throw new AuthError(`GitHub knows no repository ${this.base.slice(7)} that this token can see.`, {
          code: "auth.github.repo",
        });
      }
      throw error;
    }
    const body = await response.json() as { default_branch?: string; permissions?: { admin?: boolean } };
    const header = response.headers.get("x-oauth-scopes");
    return {
      defaultBranch: body.default_branch ?? "main",
      admin: body.permissions?.admin ?? false,
      scopes: header === null ? undefined : header.split(",").map((s) => s.trim()).filter(Boolean),
    };
  }

  /** The signed-in user's id (a required reviewer of the prod environment). */
  async userId(): Promise<number | undefined> {
    const user = await this.#maybe<{ id?: number }>("/user");
    return user?.id;
  }

  /** True when the environment exists. */
  async hasEnvironment(name: string): Promise<boolean> {
    return (await this.#maybe(`${this.base}/environments/${enc(name)}`)) !== undefined;
  }

  /** Creates an environment; `reviewerId` makes that user a required reviewer. */
  async createEnvironment(name: string, reviewerId?: number): Promise<void> {
    const body = reviewerId === undefined ? {} : { reviewers: [{ type: "User", id: reviewerId }] };
    await this.#json("PUT", `${this.base}/environments/${enc(name)}`, body);
  }

  /** Deletes an environment. */
  async deleteEnvironment(name: string): Promise<void> {
    await this.#json("DELETE", `${this.base}/environments/${enc(name)}`);
  }

  #variables(environment?: string): string {
    return environment === undefined
      ? `${this.base}/actions/variables`
      : `${this.base}/environments/${enc(environment)}/variables`;
  }

  /** A variable's value (repository-wide, or of an environment); undefined when unset. */
  async variable(name: string, environment?: string): Promise<string | undefined> {
    const found = await this.#maybe<{ value?: string }>(`${this.#variables(environment)}/${enc(name)}`);
    return found?.value;
  }

  /** Creates (POST) or updates (PATCH) a variable. */
  async setVariable(name: string, value: string, exists: boolean, environment?: string): Promise<void> {
    if (exists) await this.#json("PATCH", `${this.#variables(environment)}/${enc(name)}`, { name, value });
    else await this.#json("POST", this.#variables(environment), { name, value });
  }

  /** Deletes a variable; false when it was not there. */
  async deleteVariable(name: string, environment?: string): Promise<boolean> {
    try {
      await this.#json("DELETE", `${this.#variables(environment)}/${enc(name)}`);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** True when the repository secret exists (its value cannot be read back). */
  async hasSecret(name: string): Promise<boolean> {
    return (await this.#maybe(`${this.base}/actions/secrets/${enc(name)}`)) !== undefined;
  }

  /** The repository's public key for sealing secrets. */
  async publicKey(): Promise<PublicKey> {
    const key = await this.#json<{ key_id: string; key: string }>(
      "GET",
      `${this.base}/actions/secrets/public-key`,
    );
    return { keyId: key.key_id, key: key.key };
  }

  /** Stores a sealed secret. */
  async putSecret(name: string, sealed: string, keyId: string): Promise<void> {
    await this.#json("PUT", `${this.base}/actions/secrets/${enc(name)}`, {
      encrypted_value: sealed,
      key_id: keyId,
    });
  }

  /** Deletes a secret; false when it was not there. */
  async deleteSecret(name: string): Promise<boolean> {
    try {
      await this.#json("DELETE", `${this.base}/actions/secrets/${enc(name)}`);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Whether workflows may create (and approve) pull requests: the repository's Actions setting. */
  async actionsMayCreatePulls(): Promise<boolean> {
    const answer = await this.#json<{ can_approve_pull_request_reviews?: boolean }>(
      "GET",
      `${this.base}/actions/permissions/workflow`,
    );
    return answer.can_approve_pull_request_reviews === true;
  }

  /** Lets workflows create (and approve) pull requests; the default token permissions stay as they are. */
  async allowActionsToCreatePulls(): Promise<void> {
    await this.#json("PUT", `${this.base}/actions/permissions/workflow`, {
      can_approve_pull_request_reviews: true,
    });
  }

  #contents(path: string): string {
    return `${this.base}/contents/${path.split("/").map(enc).join("/")}`;
  }

  /** A file on a branch; undefined when absent. */
  async file(path: string, branch: string): Promise<RepoFile | undefined> {
    const found = await this.#maybe<{ sha: string; content?: string }>(this.#contents(path), { ref: branch });
    if (!found) return undefined;
    const bytes = Uint8Array.from(atob((found.content ?? "").replace(/\s+/g, "")), (c) => c.charCodeAt(0));
    return { sha: found.sha, text: new TextDecoder().decode(bytes) };
  }

  /** Creates or updates a file with one commit; `sha` is the current blob when updating. */
  async putFile(path: string, text: string, branch: string, message: string, sha?: string): Promise<void> {
    const bytes = new TextEncoder().encode(text);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    await this.#json("PUT", this.#contents(path), {
      message,
      content: btoa(binary),
      branch,
      ...(sha ? { sha } : {}),
    });
  }

  /** Deletes a file with one commit. */
  async deleteFile(path: string, branch: string, message: string, sha: string): Promise<void> {
    await this.#json("DELETE", this.#contents(path), { message, sha, branch });
  }
}
