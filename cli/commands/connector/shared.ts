/**
 * What every `ppx connector` command shares: the environment (`-e`, then settings.json, then the
 * defaults `ppx env select` keeps), the API clients (`--endpoint`, settings.json's powerAppsUrl and
 * powerAppsApiVersion), the client secret (`--secret-env`, `--secret-from`, a prompt; `--secret` with a
 * warning) and the files pac and paconn name on their command lines.
 */

import { type Command, Option, type OptionValues } from "@commander-js/extra-typings";
import { AuthError, UsageError } from "../../../lib/errors.ts";
import { CONNECTOR_ENDPOINTS, ConnectorApi, type ConnectorEndpoint } from "../../../lib/connectors/api.ts";
import type { ConnectorSettings } from "../../../lib/connectors/settings.ts";
import { checkEncoding, TEXT_ENCODINGS } from "../../../lib/connectors/text.ts";
import type { ConnectorDeps, FolderSource } from "../../../lib/connectors/use_cases.ts";
import { checkedBaseUrl, cloudEndpoints } from "../../../lib/powerplatform/endpoints.ts";
import { environmentQuery, resolveEnvironment, settingValue } from "../../admin/context.ts";
import type { Context } from "../../context.ts";

/** Flags of commands that talk to an environment, as commander hands them over. */
export type RemoteFlags = {
  environment?: string;
  env?: string;
  environmentId?: string;
  endpoint: ConnectorEndpoint;
};

/** Where a command talks to: the environment as typed (any spelling) and the API family. */
export interface RemoteOptions {
  /** `-e` / `--env` / `--environment-id`; default: settings.json's, then the selected one. */
  environment?: string;
  /** `--endpoint`. */
  endpoint: ConnectorEndpoint;
}

/** The remote options from the flags. */
export function remoteOptions(flags: RemoteFlags): RemoteOptions {
  return { environment: flags.environment ?? flags.env ?? flags.environmentId, endpoint: flags.endpoint };
}

/** Adds `-e/--environment` (with paconn's `--env` and the earlier `--environment-id`) and `--endpoint`. */
export function withRemote<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
): Command<A, O & RemoteFlags, G> {
  // Declared rather than inferred (as dv's queryFlags): the flag set's own type, checked by the parse tests.
  const typed: Command<A, O & RemoteFlags, G> = command as never;
  command
    .addOption(
      new Option("-e, --environment <env>", "environment (id, Dataverse URL, unique or display name)"),
    )
    .addOption(new Option("--env <env>", "paconn's name for --environment").hideHelp())
    .addOption(new Option("--environment-id <id>", "the earlier CLI's name for --environment").hideHelp())
    .addOption(
      new Option(
        "--endpoint <api>",
        "which API: connectivity (Power Platform API), powerapps (paconn's), auto",
      )
        .choices(CONNECTOR_ENDPOINTS as ConnectorEndpoint[]).default("auto" as ConnectorEndpoint),
    );
  return typed;
}

/** Flags naming the folder's files, as commander hands them over. */
export type FileFlags = {
  apiDefinitionFile?: string;
  apiDef?: string;
  openapi?: string;
  apiPropertiesFile?: string;
  apiProp?: string;
  iconFile?: string;
  icon?: string;
  scriptFile?: string;
  script?: string;
  settingsFile?: string;
  settings?: string;
  encoding?: string;
};

/** Adds pac's file flags (and paconn's and the earlier CLI's spellings, hidden). */
export function withFiles<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
): Command<A, O & FileFlags, G> {
  const typed: Command<A, O & FileFlags, G> = command as never;
  command
    .addOption(
      new Option("--api-definition-file <file>", "the definition (default apiDefinition.swagger.json)"),
    )
    .addOption(new Option("--api-def <file>").hideHelp())
    .addOption(new Option("--openapi <file>").hideHelp())
    .addOption(new Option("--api-properties-file <file>", "the properties (default apiProperties.json)"))
    .addOption(new Option("--api-prop <file>").hideHelp())
    .addOption(new Option("--icon-file <file>", "the icon (default icon.png)"))
    .addOption(new Option("--icon <file>").hideHelp())
    .addOption(new Option("--script-file <file>", "the custom code (default script.csx)"))
    .addOption(new Option("--script <file>").hideHelp())
    .addOption(new Option("--settings-file <file>", "paconn's settings.json (default settings.json)"))
    .addOption(new Option("--settings <file>").hideHelp())
    .addOption(
      new Option("--encoding <name>", `read the files in this encoding (${TEXT_ENCODINGS.join(", ")})`),
    );
  return typed;
}

/**
 * The folder at `path` (default the current folder, or the folder of a definition file named with the
 * file flags) and the files the flags name, resolved against the invocation's folder; the encoding checked.
 */
export async function folderSource(
  cwd: string,
  path: string | undefined,
  flags: FileFlags,
): Promise<FolderSource> {
  // node:path (and with it the Node layer) loads when a command runs, not for `--help` (ADR 0023).
  const { resolve } = await import("node:path");
  const abs = (p: string | undefined) => p === undefined ? undefined : resolve(cwd, p);
  const definition = abs(flags.apiDefinitionFile ?? flags.apiDef ?? flags.openapi);
  const files = {
    definition,
    properties: abs(flags.apiPropertiesFile ?? flags.apiProp),
    icon: abs(flags.iconFile ?? flags.icon),
    script: abs(flags.scriptFile ?? flags.script),
    settings: abs(flags.settingsFile ?? flags.settings),
  };
  return {
    path: path !== undefined ? resolve(cwd, path) : definition ?? cwd,
    files,
    encoding: flags.encoding ? checkEncoding(flags.encoding) : undefined,
  };
}

/** The environment id: the flag, settings.json's, then the selected environment. */
export async function environmentId(
  ctx: Context,
  remote: RemoteOptions,
  settings?: ConnectorSettings,
): Promise<string> {
  const typed = remote.environment ?? settings?.environment;
  const query = await environmentQuery(ctx, typed);
  if (!query) {
    throw new UsageError("No environment given.", {
      hint: "Pass -e ENVIRONMENT, keep it in settings.json, or select one with `ppx env select`.",
    });
  }
  return (await resolveEnvironment(ctx, query)).id;
}

/** The use-cases' way to the connector API, from the invocation's context. */
export function connectorDeps(ctx: Context, remote: RemoteOptions): ConnectorDeps {
  return { connect: (settings) => connectorApi(ctx, remote, settings) };
}

/** The connector API for an environment. */
export async function connectorApi(
  ctx: Context,
  remote: RemoteOptions,
  settings?: ConnectorSettings,
): Promise<{ api: ConnectorApi; environment: string }> {
  const environment = await environmentId(ctx, remote, settings);
  // settings.json's reader (jsonc-parser) loads when a command talks to an environment (ADR 0023).
  const { POWERAPPS_DEFAULTS } = await import("../../../lib/connectors/settings.ts");
  const cloud = ctx.env.get("PPX_CLOUD") ?? await settingValue(ctx, "cloud");
  const endpoints = cloudEndpoints(cloud, ctx.env);
  // settings.json may point paconn at another PowerApps host; PPX_POWERAPPS_URL still wins.
  const customPowerApps = !ctx.env.get("PPX_POWERAPPS_URL") && settings?.powerAppsUrl &&
      settings.powerAppsUrl.replace(/\/+$/, "") !== POWERAPPS_DEFAULTS.url
    ? checkedBaseUrl(settings.powerAppsUrl, "settings.json powerAppsUrl")
    : undefined;
  const powerAppsToken = ctx.tokenSource(endpoints.powerapps.audience);
  const api = new ConnectorApi({
    powerApps: ctx.http({
      baseUrl: customPowerApps ?? endpoints.powerapps.baseUrl,
      audience: endpoints.powerapps.audience,
    }),
    powerPlatform: ctx.http({
      baseUrl: endpoints.powerplatform.baseUrl,
      audience: endpoints.powerplatform.audience,
    }),
    anonymous: ctx.http(),
    environment,
    endpoint: remote.endpoint,
    powerAppsApiVersion: settings?.powerAppsApiVersion ?? POWERAPPS_DEFAULTS.apiVersion,
    objectId: async () => {
      const token = await powerAppsToken.getToken();
      const { decodeJwt } = await import("jose");
      try {
        const oid = decodeJwt(token).oid;
        if (typeof oid === "string" && oid) return oid;
      } catch {
        // an opaque token: fall through to the message below
      }
      throw new AuthError("The PowerApps token does not say who is signed in (no oid claim).", {
        hint: "Sign in with a profile (`ppx auth create`) rather than a raw PPX_ACCESS_TOKEN.",
      });
    },
  });
  return { api, environment };
}

/** Flags that supply the OAuth client secret (where to read it, never the secret itself, but --secret). */
export type SecretFlags = {
  secretEnv?: string;
  secretFrom?: string;
  secret?: string;
};

/** Adds the client-secret flags. */
export function withSecret<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
): Command<A, O & SecretFlags, G> {
  const typed: Command<A, O & SecretFlags, G> = command as never;
  command
    .addOption(
      new Option("--secret-env <var>", "read the OAuth client secret from this environment variable"),
    )
    .addOption(
      new Option(
        "--secret-from <spec>",
        "read it from a secret spec (keyring:SERVICE:ACCOUNT, keyvault:URL:NAME, ...)",
      ),
    )
    .addOption(
      new Option("--secret <value>", "the secret itself (shows in shell history; prefer --secret-env)"),
    );
  return typed;
}

/** The client secret, when one is needed and given; prompts on a terminal; never stored. */
export async function clientSecret(
  ctx: Context,
  flags: SecretFlags,
  needed: boolean,
): Promise<string | undefined> {
  if (flags.secretEnv) {
    const value = ctx.env.get(flags.secretEnv);
    if (!value) throw new UsageError(`The environment variable ${flags.secretEnv} is not set or empty.`);
    return value;
  }
  if (flags.secretFrom) {
    const value = await ctx.secrets.getSecret(flags.secretFrom);
    if (!value) throw new UsageError(`No secret found at ${flags.secretFrom}.`);
    return value;
  }
  if (flags.secret) {
    ctx.out.warn(
      "--secret puts the client secret in your shell history and process list; prefer --secret-env VAR.",
    );
    return flags.secret;
  }
  if (needed && ctx.prompter.interactive) {
    return await ctx.prompter.secret("OAuth client secret of the connector's app:", {
      flag: "--secret-env VAR",
    });
  }
  return undefined;
}
