/** `ppx tenant`: tenant settings and feature controls. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";
import { settingsGetCommand, settingsSetCommand } from "./tenant_commands.ts";

/** Builds `tenant`. */
export default function tenant(app: App) {
  return new Command("tenant")
    .description("Tenant administration: settings and feature controls")
    .addCommand(
      groupCommand(
        app,
        "settings",
        ["tenant", "settings"],
        "Tenant settings: show, get KEY.PATH, set KEY.PATH VALUE, update, request-access",
        [settingsGetCommand(app), settingsSetCommand(app)],
      ),
    )
    .addCommand(
      groupCommand(
        app,
        "feature",
        ["tenant", "feature"],
        "Feature controls: list, get, update, request-access",
      ),
    );
}
