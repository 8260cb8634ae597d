/**
 * The typed options of `ppx github setup-ci` / `teardown-ci` and the parsing of `--repo OWNER/NAME`.
 *
 * @module
 */

import { InvalidValueError } from "../../errors.ts";
import type { Clock } from "../../clock.ts";
import type { HttpClient } from "../../http/client.ts";
import type { RepoRef } from "./github_api.ts";

/** One deployment stage: its GitHub environment name and its Dataverse URL. */
export interface Stage {
  /** `dev`, `test` or `prod`. */
  role: "dev" | "test" | "prod";
  /** The GitHub environment name (defaults to the role). */
  environment: string;
  /** The Dataverse organisation URL. */
  url: string;
}

/** What setup-ci is asked to do. */
export interface SetupCiOptions {
  /** The repository. */
  repo: RepoRef;
  /** The solution's unique name. */
  solution: string;
  /** dev, test and prod, in this order. */
  stages: Stage[];
  /** The Entra tenant id (a repository variable the workflows sign in with). */
  tenantId: string;
  /** Reuse this app registration (client id) instead of creating one. */
  clientId?: string;
  /** Display name of the app registration to create or find (default `ppx-ci-OWNER-NAME`). */
  appName?: string;
  /** The security role given to the application user (default `System Customizer`). */
  role: string;
  /** Secrets to store, sealed, as repository secrets (only where a secret is unavoidable). */
  secrets: { name: string; value: string }[];
  /** The branch deployments run from (default: the repository's default branch). */
  branch?: string;
  /** Write the workflows into this local checkout instead of committing them through the API. */
  local?: string;
  /** The ppx release the workflows install. */
  ppxVersion: string;
  /** The repository publishing ppx releases. */
  ppxRepo: string;
  /** Cron of the scheduled export. */
  schedule: string;
  /**
   * Turn on the repository's "Allow GitHub Actions to create and approve pull requests" so the export
   * workflow can open its pull request (off by default on GitHub; a security trade-off, so only on request).
   */
  allowActionsPulls: boolean;
  /** Print the plan, write nothing. */
  dryRun: boolean;
}

/** What teardown-ci is asked to do. */
export interface TeardownCiOptions {
  /** The repository. */
  repo: RepoRef;
  /** GitHub environments and their Dataverse URLs, as given to setup-ci. */
  stages: Stage[];
  /** The app registration, when it was given to setup-ci with --client-id. */
  clientId?: string;
  /** Display name setup-ci used. */
  appName?: string;
  /** Also delete the GitHub environments (otherwise only their variables go). */
  deleteEnvironments: boolean;
  /** Names of secrets setup-ci stored. */
  secrets: string[];
  /** The branch the workflows were committed to (default: the repository's default branch). */
  branch?: string;
  /** The local checkout the workflows were written to. */
  local?: string;
  /** Print the plan, delete nothing. */
  dryRun: boolean;
}

/** The services setup-ci and teardown-ci talk to; each is built by the CLI layer. */
export interface AlmDeps {
  /** GitHub REST (API base URL, GitHub token). */
  github: HttpClient;
  /** Microsoft Graph v1.0 (base URL, Graph token). */
  graph: HttpClient;
  /** The Dataverse Web API of an organisation (`<url>/api/data/v9.2`, token for that org). */
  dataverse: (orgUrl: string) => HttpClient;
  /** Waits between retries while Entra propagates a new app to Dataverse (default: no retries). */
  clock?: Clock;
  /** Files for `--local`: read (undefined when absent) and write atomically. */
  files?: {
    read(path: string): Promise<string | undefined>;
    write(path: string, text: string): Promise<void>;
    remove(path: string): Promise<boolean>;
  };
}

/** Parses `OWNER/NAME` (a GitHub URL is accepted too). */
export function parseRepo(text: string): RepoRef {
  const trimmed = text.trim().replace(/\.git$/, "").replace(/^https:\/\/[^/]+\//, "");
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(trimmed);
  if (!match || match[2] === "." || match[2] === "..") {
    throw new InvalidValueError(text, "OWNER/NAME");
  }
  return { owner: match[1], name: match[2] };
}

/** The default display name of the app registration. */
export function defaultAppName(repo: RepoRef): string {
  return `ppx-ci-${repo.owner}-${repo.name}`;
}

/** The federated credential subject of a GitHub environment. */
export function environmentSubject(repo: RepoRef, environment: string): string {
  return `repo:${repo.owner}/${repo.name}:environment:${environment}`;
}

/** The federated credential subject of a branch. */
export function branchSubject(repo: RepoRef, branch: string): string {
  return `repo:${repo.owner}/${repo.name}:ref:refs/heads/${branch}`;
}
