/** `ppx dv create ENTITYSET --data JSON|@file`: a new record. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, readData, withHost } from "./shared.ts";

/** Builds `dv create`. */
export default function create(app: App) {
  return withHost(
    new Command("create")
      .description("Create a record")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .option("--data <json>", "the record: inline JSON, @file.json, or @- for stdin")
      .option("--return", "print the created record (Prefer: return=representation)"),
  ).action(async (entitySet, options, command) => {
    const ctx = app.context(command);
    const data = await readData(ctx, options.data);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const result = await client.create(entitySet, data, { returnRecord: options.return });
    ctx.out.success(`Created ${entitySet}(${result.id ?? "?"}).`);
    if (options.return && result.record) {
      const { "@odata.context": _c, ...record } = result.record;
      return ctx.out.print(record);
    }
    ctx.out.print({ id: result.id, entityId: result.entityId });
  });
}
