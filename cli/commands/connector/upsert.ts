/**
 * `ppx connector create|update|push [PATH]`: send a connector folder to an environment the way paconn
 * does (merged properties, icon and script uploaded, the OAuth client secret only in memory). create writes
 * the new connector's id into settings.json; update takes it from there (or --connector-id); push updates
 * when it knows the connector and creates otherwise.
 */

import { Command, Option } from "@commander-js/extra-typings";
import type { UpsertResult } from "../../../lib/connectors/operations.ts";
import type { PushMode, PushOptions } from "../../../lib/connectors/use_cases.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import {
  clientSecret,
  connectorDeps,
  folderSource,
  type RemoteOptions,
  remoteOptions,
  type SecretFlags,
  withFiles,
  withRemote,
  withSecret,
} from "./shared.ts";

/** The options `connector create|update|push` parse their argv into. */
export interface ConnectorPushOptions extends PushOptions, RemoteOptions {
  /** Where the OAuth client secret comes from (read only when a create needs it). */
  secret: SecretFlags;
}

const DESCRIPTIONS: Record<PushMode, string> = {
  create: "Create a custom connector from a folder (paconn's payload); writes its id to settings.json",
  update: "Update a custom connector from a folder (id from settings.json or --connector-id)",
  push: "Create or update: update when the connector id is known, create otherwise",
};

function build(app: App, mode: PushMode, runF: RunF<ConnectorPushOptions>) {
  const command = withSecret(withRemote(withFiles(
    new Command(mode)
      .description(DESCRIPTIONS[mode])
      .argument("[path]", "the connector folder (default: the current folder)")
      .addOption(
        new Option("--connector-id <id>", "the connector to update (default: settings.json's connectorId)"),
      )
      .addOption(new Option("--cid <id>").hideHelp())
      .addOption(new Option("--name <id>", "the earlier CLI's name for --connector-id").hideHelp())
      .option("--display-name <name>", "the connector's display name (default: the definition's info.title)")
      .option("--no-settings-write", "do not write settings.json after a create"),
  )));
  command.addHelpText(
    "after",
    `\nExamples:\n  ppx connector ${mode} ./MyConnector -e contoso-dev --secret-env CONNECTOR_SECRET\n` +
      `  ppx connector ${mode} --api-definition-file api.json --api-properties-file props.json -e <env-id>\n`,
  );
  return command.action(async (path, flags, cmd) => {
    const ctx = app.context(cmd);
    await runF({
      mode,
      source: await folderSource(ctx.cwd, path, flags),
      connectorId: flags.connectorId ?? flags.cid ?? flags.name,
      displayName: flags.displayName,
      writeSettings: flags.settingsWrite !== false,
      secret: { secretEnv: flags.secretEnv, secretFrom: flags.secretFrom, secret: flags.secret },
      ...remoteOptions(flags),
    }, ctx);
  });
}

/** Sends the folder and says what was created or updated (the result record with --json). */
export async function runPush(options: ConnectorPushOptions, ctx: Context): Promise<void> {
  // The use-cases (jsonc-parser, node:path) load when the command runs, not for `--help` (ADR 0023).
  const { pushConnector } = await import("../../../lib/connectors/use_cases.ts");
  const result = await pushConnector(options, {
    ...connectorDeps(ctx, options),
    clientSecret: (needed) => clientSecret(ctx, options.secret, needed),
  });
  ctx.out.result(result, (r: UpsertResult, out) => {
    out.success(
      `${r.action === "created" ? "Created" : "Updated"} connector ${r.connectorId}` +
        `${r.displayName ? ` (${r.displayName})` : ""} in environment ${r.environment}.`,
    );
    if (r.settingsWritten) out.notice("Its id is in settings.json; `ppx connector update` uses it.");
  });
}

/** Builds `connector create`; `runF` receives the parsed options (tests capture them). */
export function create(app: App, runF: RunF<ConnectorPushOptions> = runPush) {
  return build(app, "create", runF);
}

/** Builds `connector update`; `runF` receives the parsed options (tests capture them). */
export function update(app: App, runF: RunF<ConnectorPushOptions> = runPush) {
  return build(app, "update", runF);
}

/** Builds `connector push`; `runF` receives the parsed options (tests capture them). */
export function push(app: App, runF: RunF<ConnectorPushOptions> = runPush) {
  return build(app, "push", runF);
}
