/** `ppx policy`: data (DLP) policies. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";
import { assignmentsCommand, connectorsCommand, diffCommand, showCommand } from "./dlp_commands.ts";

/** Builds `policy`. */
export default function policy(app: App) {
  return new Command("policy")
    .description("Policy administration: data (DLP) policies")
    .addCommand(
      groupCommand(
        app,
        "dlp",
        ["policy", "dlp"],
        "Data (DLP) policies: list, get, show, create, update, delete, diff; connectors; assignments",
        [showCommand(app), diffCommand(app), connectorsCommand(app), assignmentsCommand(app)],
      ),
    );
}
