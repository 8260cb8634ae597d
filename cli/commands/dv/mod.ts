/** `ppx dv`: Dataverse records — whoami, list, query, get, create, update, upsert, delete, bulk-csv. */

import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import bulkCsv from "./bulk_csv.ts";
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
  const group = new Command("dv").description(
    "Dataverse records: query, create, update, upsert, delete, bulk load",
  );
  // Typed as plain builders: a union of the commands' full option types would make the checker crawl.
  const builders: ((app: App) => CommandUnknownOpts)[] = [
    whoami,
    list,
    query,
    get,
    create,
    update,
    upsert,
    del,
    bulkCsv,
  ];
  for (const build of builders) {
    group.addCommand(build(app));
  }
  return group;
}
