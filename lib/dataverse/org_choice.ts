/**
 * Which Dataverse org a command talks to, with what to say when there is none: `resolveDataverseHost`
 * (flag, DATAVERSE_HOST, profile, config) and, when nothing is set, whether the reason is that the default
 * profile is a GitHub one (Dataverse needs an Azure profile). The error carries that as data; the CLI words
 * the hint with its flags and commands.
 *
 * @module
 */

import { defaultProfileName } from "../config/profiles.ts";
import { ConfigError, PpxError } from "../errors.ts";
import { type DataverseOrg, type HostSource, type HostSources, resolveDataverseHost } from "./host.ts";

/** No Dataverse host is set anywhere (code `config.no-host`). */
export class NoDataverseHostError extends ConfigError {
  /** The GitHub default profile, when no profile was named and there is no Azure default. */
  readonly githubDefault?: string;

  /** `githubDefault` explains why the default profile did not give a host. */
  constructor(message: string, options: { githubDefault?: string; cause?: unknown } = {}) {
    super(message, { code: "config.no-host", cause: options.cause });
    this.githubDefault = options.githubDefault;
  }
}

/**
 * The org for this invocation (see `resolveDataverseHost`). When none is set: a NoDataverseHostError that
 * says whether the default profile is a GitHub one.
 */
export async function chooseDataverseOrg(
  sources: HostSources,
): Promise<DataverseOrg & { source: HostSource }> {
  try {
    return await resolveDataverseHost(sources);
  } catch (error) {
    if (!(error instanceof PpxError) || error.code !== "config.no-host") throw error;
    const githubDefault = await onlyGitHubDefault(sources).catch(() => undefined);
    throw new NoDataverseHostError(error.message, { githubDefault, cause: error });
  }
}

/** The GitHub default profile's name when no profile was named and there is no Azure default. */
async function onlyGitHubDefault(sources: HostSources): Promise<string | undefined> {
  if (sources.profile) return undefined;
  const doc = await sources.config();
  if (!doc || defaultProfileName(doc, "azure")) return undefined;
  return defaultProfileName(doc, "github");
}
