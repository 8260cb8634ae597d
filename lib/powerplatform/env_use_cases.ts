/**
 * The use-cases behind `ppx env list`, `ppx env select` and `ppx env who`: each takes its options and the
 * few things it needs from outside (`deps`), and returns data for the command to render.
 *
 * @module
 */

import { command, option, phrase, UsageError } from "../errors.ts";
import { type EnvironmentSummary, looksLikeEnvironmentId, matchEnvironment } from "./environments.ts";

/** An environment row of `env list`. */
export interface ListedEnvironment extends EnvironmentSummary {
  /** True for the default environment (flag, variable, profile or config). */
  selected: boolean;
}

/**
 * Lists environments, marking the selected one (a stale default does not break the list); `filter` keeps
 * those whose display name, id, URL or unique name contains it (case-insensitive), like pac's `--filter`.
 */
export async function listEnvironmentsUseCase(
  options: { selected?: string; filter?: string },
  deps: { environments(): Promise<EnvironmentSummary[]> },
): Promise<ListedEnvironment[]> {
  const all = await deps.environments();
  let selectedId: string | undefined;
  if (options.selected) {
    try {
      selectedId = looksLikeEnvironmentId(options.selected)
        ? options.selected
        : matchEnvironment(options.selected, all).id;
    } catch {
      selectedId = undefined;
    }
  }
  const needle = options.filter?.trim().toLowerCase();
  return all
    .filter((e) =>
      !needle ||
      [e.displayName, e.id, e.url, e.uniqueName, e.domainName].some((v) => v?.toLowerCase().includes(needle))
    )
    .map((e) => ({ ...e, selected: e.id.toLowerCase() === selectedId?.toLowerCase() }));
}

/** What `env select` stored. */
export interface Selection {
  /** The environment chosen. */
  environment: EnvironmentSummary;
  /** The Dataverse host stored with it (null: the environment has no database). */
  dataverseHost: string | null;
  /** The profile it was stored on; null for the config's top level. */
  profile: string | null;
}

/** Resolves the environment and stores it (and its Dataverse host) as the default. */
export async function selectEnvironmentUseCase(
  options: { query: string },
  deps: {
    resolve(query: string): Promise<EnvironmentSummary>;
    normalizeHost(url: string): string;
    save(environmentId: string, dataverseHost: string | null): Promise<string | null>;
  },
): Promise<Selection> {
  const environment = await deps.resolve(options.query);
  const dataverseHost = environment.url ? deps.normalizeHost(environment.url) : null;
  const profile = await deps.save(environment.id, dataverseHost);
  return { environment, dataverseHost, profile };
}

/** The ids WhoAmI returns. */
export interface WhoAmIIds {
  /** The signed-in user's systemuserid. */
  UserId: string;
  /** The user's business unit. */
  BusinessUnitId: string;
  /** The Dataverse organization id. */
  OrganizationId: string;
}

/** The selected environment, and who the token is in its Dataverse org (when it has one). */
export async function whoUseCase(
  options: { query?: string },
  deps: {
    resolve(query: string): Promise<EnvironmentSummary>;
    whoAmI(url: string): Promise<WhoAmIIds>;
  },
): Promise<Record<string, unknown>> {
  if (!options.query) {
    throw new UsageError("No environment is selected.", {
      hint: phrase`Choose one with \`${command("env", "select", "ENVIRONMENT")}\` (see \`${
        command("env", "list")
      }\`), or pass ${option("environment", undefined, { short: true })}.`,
    });
  }
  const env = await deps.resolve(options.query);
  const result: Record<string, unknown> = {
    environment: env.displayName,
    id: env.id,
    type: env.type ?? null,
    region: env.region ?? null,
    url: env.url ?? null,
  };
  if (env.url) {
    const me = await deps.whoAmI(env.url);
    Object.assign(result, {
      UserId: me.UserId,
      BusinessUnitId: me.BusinessUnitId,
      OrganizationId: me.OrganizationId,
    });
  }
  return result;
}
