/**
 * `ppx environment` (alias `env`): list, who, select (hand-written: they resolve names and write the
 * config) plus the catalog's lifecycle commands and the `ops` and `groups` sub-groups.
 */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";
import list from "./list.ts";
import select from "./select.ts";
import who from "./who.ts";

/** Sub-group descriptions. */
export const DESCRIPTIONS: Record<string, string> = {
  ops: "Lifecycle operations of an environment (list, show)",
  groups: "Environment groups: list, show, create, update, delete, add, remove",
};

/** Builds the `environment` group. */
export default function environment(app: App) {
  return groupCommand(
    app,
    "environment",
    ["environment"],
    "Power Platform environments: list, select, who, create, copy, backup, restore, reset, delete, groups",
    [list(app), who(app), select(app)],
    DESCRIPTIONS,
  );
}
