/**
 * `ppx connector`: custom connectors on paconn's folders — offline validation (certification rules,
 * SARIF), init from templates, and create/update/push/download/list/get/delete/runtime-status against an
 * environment through the PowerApps resource provider or the Power Platform connectivity API.
 */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import del from "./delete.ts";
import download from "./download.ts";
import get from "./get.ts";
import init from "./init.ts";
import list from "./list.ts";
import runtimeStatus from "./runtime_status.ts";
import { create, push, update } from "./upsert.ts";
import validate from "./validate.ts";

/** Builds the `connector` group. */
export default function connector(app: App) {
  const group = new Command("connector")
    .description("Custom connectors: validate offline, init, create, update, download, list, delete")
    .aliases(["connectors"]);
  for (const build of [validate, init, list, get, create, update, push, download, del, runtimeStatus]) {
    group.addCommand(build(app));
  }
  return group;
}
