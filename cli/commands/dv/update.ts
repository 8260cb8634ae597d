/** `ppx dv update ENTITYSET [ID] [--key k=v] --data JSON`: change an existing record (never creates). */

import { Command } from "@commander-js/extra-typings";
import { typeRecordRef } from "../../../lib/dataverse/keys.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { describeRef, hostFlag, keyFlag, readData, recordRef, withHost, withKey } from "./shared.ts";

/** Builds `dv update`. */
export default function update(app: App) {
  return withKey(withHost(
    new Command("update")
      .description("Update an existing record (If-Match: *, so a missing record is an error)")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)")
      .option("--data <json>", "the changes: inline JSON, @file.json, or @- for stdin"),
  )).action(async (entitySet, id, options, command) => {
    const ctx = app.context(command);
    const ref = recordRef(id, keyFlag(options));
    const data = await readData(ctx, options.data);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const result = await client.update(entitySet, await typeRecordRef(client, entitySet, ref), data);
    ctx.out.success(`Updated ${describeRef(entitySet, ref)}.`);
    ctx.out.print({ id: result.id ?? ("id" in ref ? ref.id : undefined), entityId: result.entityId });
  });
}
