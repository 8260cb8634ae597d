/**
 * `ppx connector create|update|push [PATH]`: send a connector folder to an environment the way paconn
 * does (merged properties, icon and script uploaded, the OAuth client secret only in memory). create writes
 * the new connector's id into settings.json; update takes it from there (or --connector-id); push updates
 * when it knows the connector and creates otherwise.
 */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { needsClientSecret } from "../../../lib/connectors/payload.ts";
import { upsertConnector } from "../../../lib/connectors/operations.ts";
import type { App } from "../../app.ts";
import {
  clientSecret,
  connectorApi,
  type FileFlags,
  loadFolder,
  type RemoteFlags,
  type SecretFlags,
  withFiles,
  withRemote,
  withSecret,
} from "./shared.ts";

type Flags = FileFlags & RemoteFlags & SecretFlags & {
  connectorId?: string;
  cid?: string;
  name?: string;
  displayName?: string;
  noSettings?: boolean;
  settingsWrite?: boolean;
};

type Mode = "create" | "update" | "push";

const DESCRIPTIONS: Record<Mode, string> = {
  create: "Create a custom connector from a folder (paconn's payload); writes its id to settings.json",
  update: "Update a custom connector from a folder (id from settings.json or --connector-id)",
  push: "Create or update: update when the connector id is known, create otherwise",
};

function build(app: App, mode: Mode) {
  const command = new Command(mode)
    .description(DESCRIPTIONS[mode])
    .argument("[path]", "the connector folder (default: the current folder)")
    .addOption(
      new Option("--connector-id <id>", "the connector to update (default: settings.json's connectorId)"),
    )
    .addOption(new Option("--cid <id>").hideHelp())
    .addOption(new Option("--name <id>", "the earlier CLI's name for --connector-id").hideHelp())
    .option("--display-name <name>", "the connector's display name (default: the definition's info.title)")
    .option("--no-settings-write", "do not write settings.json after a create");
  withSecret(withRemote(withFiles(command)));
  command.addHelpText(
    "after",
    `\nExamples:\n  ppx connector ${mode} ./MyConnector -e contoso-dev --secret-env CONNECTOR_SECRET\n` +
      `  ppx connector ${mode} --api-definition-file api.json --api-properties-file props.json -e <env-id>\n`,
  );
  return command.action(async (path, options, cmd) => {
    const flags = options as Flags;
    const ctx = app.context(cmd);
    const folder = await loadFolder(ctx, path, flags, mode === "push");
    const given = flags.connectorId ?? flags.cid ?? flags.name;
    const known = given ?? folder.settings?.connectorId;
    if (mode === "update" && !known) {
      throw new UsageError("Which connector? settings.json has no connectorId.", {
        hint:
          "Pass --connector-id ID (see `ppx connector list`), or create it first with `ppx connector create`.",
      });
    }
    const connectorId = mode === "create" ? undefined : known;
    const { api, environment } = await connectorApi(ctx, flags, folder.settings);
    const secret = await clientSecret(
      ctx,
      flags,
      connectorId === undefined && needsClientSecret(folder.properties?.value),
    );
    const result = await upsertConnector(api, {
      folder,
      environment,
      connectorId,
      clientSecret: secret,
      displayName: flags.displayName,
      writeSettings: flags.settingsWrite !== false,
    });
    if (ctx.out.machine) return ctx.out.print(result);
    ctx.out.success(
      `${result.action === "created" ? "Created" : "Updated"} connector ${result.connectorId}` +
        `${result.displayName ? ` (${result.displayName})` : ""} in environment ${environment}.`,
    );
    if (result.settingsWritten) ctx.out.notice("Its id is in settings.json; `ppx connector update` uses it.");
  });
}

/** Builds `connector create`. */
export function create(app: App) {
  return build(app, "create");
}

/** Builds `connector update`. */
export function update(app: App) {
  return build(app, "update");
}

/** Builds `connector push`. */
export function push(app: App) {
  return build(app, "push");
}
