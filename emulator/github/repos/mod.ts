/**
 * The emulated GitHub REST API for repositories (as on api.github.com and under GHES's `/api/v3`):
 * `GET /repos/{owner}/{repo}` (with `X-OAuth-Scopes`), environments, Actions variables (repository and
 * environment), Actions secrets with the repository public key (a real X25519 key pair, so tests open
 * what a client sealed), contents (get, create/update with sha check, delete) and pull requests.
 * Tokens come from the GitHub OAuth emulator; OAuth App tokens need `repo`, and writing under
 * `.github/workflows/` needs `workflow`, as on GitHub.
 *
 * @example
 * ```ts
 * import { GitHubEmulator, GitHubReposEmulator, startEmulator } from "@pacx/emulator";
 * const github = new GitHubEmulator();
 * const repos = new GitHubReposEmulator(github);
 * repos.store.add("contoso", "crm");
 * const emu = await startEmulator({ services: [github, repos] });
 * await emu.close();
 * ```
 *
 * @module
 */

import type { RouteMatch, Router } from "../../router.ts";
import type { EmulatorCore, EmulatorService } from "../../server.ts";
import type { GitHubEmulator } from "../mod.ts";
import { restError } from "../wire.ts";
import { body, deleteFile, getFile, putFile } from "./contents.ts";
import { type EmulatedRepo, RepoStore, sodiumReady } from "./store.ts";

export { EmulatedRepo, RepoStore } from "./store.ts";
export type {
  EmulatedEnvironment,
  EmulatedFile,
  EmulatedPull,
  EmulatedSecret,
  EmulatedVariable,
} from "./store.ts";

type Handler = (
  request: Request,
  repo: EmulatedRepo,
  match: RouteMatch,
  scopes: string[] | undefined,
) => Response | Promise<Response>;

const noContent = () => new Response(null, { status: 204 });

/** The repositories service. */
export class GitHubReposEmulator implements EmulatorService {
  readonly name = "github-repos";
  readonly store: RepoStore = new RepoStore();
  readonly #github: GitHubEmulator;
  #core?: EmulatorCore;

  /** True: any OWNER/NAME exists on first use (the interactive emulator); false: only `store.add`ed ones. */
  readonly autoCreate: boolean;

  /** Tokens are checked against `github` (the OAuth emulator that issued them). */
  constructor(github: GitHubEmulator, options: { autoCreate?: boolean } = {}) {
    this.#github = github;
    this.autoCreate = options.autoCreate ?? false;
  }

  #now(): string {
    return new Date(this.#core?.now() ?? Date.now()).toISOString();
  }

  /** Registers the routes, at the root and under `/api/v3`. */
  async register(router: Router, core: EmulatorCore): Promise<void> {
    this.#core = core;
    await sodiumReady();
    for (const prefix of ["", "/api/v3"]) {
      const r = `${prefix}/repos/:owner/:repo`;
      const add = (method: string, path: string, handler: Handler) =>
        router.add(method, `${r}${path}`, (request, match) => this.#guard(request, match, handler));
      add("GET", "", (_q, repo, _m, scopes) => this.#repo(repo, scopes));
      add("GET", "/environments/:env", (_q, repo, m) => this.#getEnvironment(repo, m.params.env));
      add("PUT", "/environments/:env", (q, repo, m) => this.#putEnvironment(q, repo, m.params.env));
      add(
        "DELETE",
        "/environments/:env",
        (_q, repo, m) => repo.environments.delete(m.params.env) ? noContent() : restError(404, "Not Found"),
      );
      add(
        "GET",
        "/actions/variables/:name",
        (_q, repo, m) => this.#getVariable(repo.variables, m.params.name),
      );
      add("POST", "/actions/variables", (q, repo) => this.#createVariable(q, repo.variables));
      add(
        "PATCH",
        "/actions/variables/:name",
        (q, repo, m) => this.#updateVariable(q, repo.variables, m.params.name),
      );
      add(
        "DELETE",
        "/actions/variables/:name",
        (_q, repo, m) =>
          repo.variables.delete(m.params.name.toUpperCase()) ? noContent() : restError(404, "Not Found"),
      );
      const envVars = (repo: EmulatedRepo, env: string) => repo.environments.get(env)?.variables;
      add("GET", "/environments/:env/variables/:name", (_q, repo, m) => {
        const vars = envVars(repo, m.params.env);
        return vars ? this.#getVariable(vars, m.params.name) : restError(404, "Not Found");
      });
      add("POST", "/environments/:env/variables", (q, repo, m) => {
        const vars = envVars(repo, m.params.env);
        return vars ? this.#createVariable(q, vars) : restError(404, "Not Found");
      });
      add("PATCH", "/environments/:env/variables/:name", (q, repo, m) => {
        const vars = envVars(repo, m.params.env);
        return vars ? this.#updateVariable(q, vars, m.params.name) : restError(404, "Not Found");
      });
      add(
        "DELETE",
        "/environments/:env/variables/:name",
        (_q, repo, m) =>
          envVars(repo, m.params.env)?.delete(m.params.name.toUpperCase())
            ? noContent()
            : restError(404, "Not Found"),
      );
      add(
        "GET",
        "/actions/secrets/public-key",
        (_q, repo) => Response.json({ key_id: repo.keyId, key: repo.publicKey }),
      );
      add("GET", "/actions/secrets/:name", (_q, repo, m) => {
        const secret = repo.secrets.get(m.params.name.toUpperCase());
        return secret
          ? Response.json({ name: secret.name, created_at: secret.created_at, updated_at: secret.updated_at })
          : restError(404, "Not Found");
      });
      add("PUT", "/actions/secrets/:name", (q, repo, m) => this.#putSecret(q, repo, m.params.name));
      add(
        "DELETE",
        "/actions/secrets/:name",
        (_q, repo, m) =>
          repo.secrets.delete(m.params.name.toUpperCase()) ? noContent() : restError(404, "Not Found"),
      );
      add("GET", "/contents/:path+", (_q, repo, m) => getFile(repo, m));
      add("PUT", "/contents/:path+", (q, repo, m, scopes) => putFile(q, repo, m, scopes));
      add("DELETE", "/contents/:path+", (q, repo, m, scopes) => deleteFile(q, repo, m, scopes));
      add("GET", "/actions/permissions/workflow", (_q, repo) =>
        Response.json({
          default_workflow_permissions: "read",
          can_approve_pull_request_reviews: repo.actionsMayCreatePulls,
        }));
      add("PUT", "/actions/permissions/workflow", async (q, repo) => {
        const input = await body(q);
        if (typeof input.can_approve_pull_request_reviews === "boolean") {
          repo.actionsMayCreatePulls = input.can_approve_pull_request_reviews;
        }
        return noContent();
      });
      add("GET", "/pulls", (_q, repo) => Response.json(repo.pulls.map((p) => this.#pull(repo, p))));
      add("POST", "/pulls", (q, repo) => this.#createPull(q, repo));
    }
  }

  async #guard(request: Request, match: RouteMatch, handler: Handler): Promise<Response> {
    const header = request.headers.get("authorization") ?? "";
    const token = /^(?:bearer|token)\s+(\S+)$/i.exec(header)?.[1];
    if (!token) return restError(401, "Requires authentication");
    const info = this.#github.tokenInfo(token);
    if (!info) return restError(401, "Bad credentials");
    const scopes = info.kind === "oauth-app" ? info.scopes : undefined;
    const repo = this.store.get(match.params.owner, match.params.repo) ??
      (this.autoCreate ? this.store.add(match.params.owner, match.params.repo) : undefined);
    // GitHub hides private repositories from tokens without `repo`: a 404, not a 403.
    if (!repo || (scopes && !scopes.includes("repo"))) return restError(404, "Not Found");
    const response = await handler(request, repo, match, scopes);
    if (scopes) {
      const headers = new Headers(response.headers);
      headers.set("x-oauth-scopes", scopes.join(", "));
      return new Response(response.body, { status: response.status, headers });
    }
    return response;
  }

  #repo(repo: EmulatedRepo, _scopes: string[] | undefined): Response {
    return Response.json({
      id: repo.id,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: { login: repo.owner },
      private: true,
      default_branch: repo.defaultBranch,
      permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    });
  }

  #environmentJson(repo: EmulatedRepo, name: string): Record<string, unknown> {
    const env = repo.environments.get(name)!;
    const rules = env.reviewers.length
      ? [{
        type: "required_reviewers",
        reviewers: env.reviewers.map((id) => ({ type: "User", reviewer: { id } })),
      }]
      : [];
    return { name: env.name, protection_rules: rules, deployment_branch_policy: null };
  }

  #getEnvironment(repo: EmulatedRepo, name: string): Response {
    return repo.environments.has(name)
      ? Response.json(this.#environmentJson(repo, name))
      : restError(404, "Not Found");
  }

  async #putEnvironment(request: Request, repo: EmulatedRepo, name: string): Promise<Response> {
    const input = await body(request);
    let env = repo.environments.get(name);
    if (!env) {
      env = { name, reviewers: [], variables: new Map() };
      repo.environments.set(name, env);
    }
    // As on GitHub, a PUT replaces the protection rules it names (reviewers) and keeps the rest.
    if (Array.isArray(input.reviewers)) {
      env.reviewers = input.reviewers.map((r) => Number((r as { id?: unknown }).id)).filter(Number.isFinite);
    }
    return Response.json(this.#environmentJson(repo, name));
  }

  #getVariable(vars: Map<string, { name: string }>, name: string): Response {
    const found = vars.get(name.toUpperCase());
    return found ? Response.json(found) : restError(404, "Not Found");
  }

  async #createVariable(request: Request, vars: Map<string, unknown>): Promise<Response> {
    const input = await body(request);
    if (typeof input.name !== "string" || typeof input.value !== "string") {
      return restError(422, "Invalid request: name and value are required.");
    }
    const name = input.name.toUpperCase();
    if (vars.has(name)) return restError(409, "Already exists - Variable already exists");
    const now = this.#now();
    vars.set(name, { name, value: input.value, created_at: now, updated_at: now });
    return Response.json({}, { status: 201 });
  }

  async #updateVariable(request: Request, vars: Map<string, unknown>, name: string): Promise<Response> {
    const key = name.toUpperCase();
    const found = vars.get(key) as { value: string; updated_at: string } | undefined;
    if (!found) return restError(404, "Not Found");
    const input = await body(request);
    if (typeof input.value === "string") found.value = input.value;
    found.updated_at = this.#now();
    return noContent();
  }

  async #putSecret(request: Request, repo: EmulatedRepo, name: string): Promise<Response> {
    const input = await body(request);
    if (typeof input.encrypted_value !== "string" || input.key_id !== repo.keyId) {
      return restError(422, "Invalid request: encrypted_value and the current key_id are required.");
    }
    const key = name.toUpperCase();
    const now = this.#now();
    const existing = repo.secrets.get(key);
    repo.secrets.set(key, {
      name: key,
      encryptedValue: input.encrypted_value,
      keyId: input.key_id,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    });
    try {
      repo.openSecret(key);
    } catch {
      repo.secrets.delete(key);
      return restError(
        422,
        "Invalid request: encrypted_value is not sealed with the repository's public key.",
      );
    }
    return existing ? noContent() : Response.json({}, { status: 201 });
  }

  #pull(repo: EmulatedRepo, p: { number: number; title: string; head: string; base: string; state: string }) {
    return {
      number: p.number,
      title: p.title,
      state: p.state,
      head: { ref: p.head },
      base: { ref: p.base },
      html_url: `${this.#core?.url ?? ""}/${repo.owner}/${repo.name}/pull/${p.number}`,
    };
  }

  async #createPull(request: Request, repo: EmulatedRepo): Promise<Response> {
    const input = await body(request);
    if (typeof input.title !== "string" || typeof input.head !== "string" || typeof input.base !== "string") {
      return restError(422, "Validation Failed: title, head and base are required.");
    }
    const pull = {
      number: repo.pulls.length + 1,
      title: input.title,
      head: input.head,
      base: input.base,
      body: typeof input.body === "string" ? input.body : undefined,
      state: "open" as const,
    };
    repo.pulls.push(pull);
    return Response.json(this.#pull(repo, pull), { status: 201 });
  }
}
