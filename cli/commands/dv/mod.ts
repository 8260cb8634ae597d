/** `ppx dv`: Dataverse records — whoami, list, query, get, create, update, upsert, delete. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import create from "./create.ts";
import del from "./delete.ts";
import get from "./get.ts";
import list from "./list.ts";
import query from "./query.ts";
import update from "./update.ts";
import upsert from "./upsert.ts";
import whoami from "./whoami.ts";

/** Builds the `dv` group. */
export default function dv(app: App) {
  const group = new Command("dv").description("Dataverse records: query, create, update, upsert, delete");
  for (const build of [whoami, list, query, get, create, update, upsert, del]) {
    group.addCommand(build(app) as unknown as Command);
  }
  return group;
}
