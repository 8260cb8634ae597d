/** `ppx dv delete ENTITYSET [ID] [--key k=v]`: delete a record; asks first unless --yes. */

import { Command } from "@commander-js/extra-typings";
import { typeRecordRef } from "../../../lib/dataverse/keys.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { describeRef, hostFlag, keyFlag, recordRef, withHost, withKey } from "./shared.ts";

/** Builds `dv delete`. */
export default function del(app: App) {
  return withKey(withHost(
    new Command("delete")
      .description("Delete a record (asks for confirmation; --yes to skip)")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)"),
  )).action(async (entitySet, id, options, command) => {
    const ctx = app.context(command);
    const ref = recordRef(id, keyFlag(options));
    const name = describeRef(entitySet, ref);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    // A key that cannot match (unknown column, wrong type) fails before the question, not after it.
    const typed = await typeRecordRef(client, entitySet, ref);
    if (!ctx.globals.yes) {
      const ok = await ctx.prompter.confirm(`Delete ${name}? This cannot be undone.`, { flag: "--yes" });
      if (!ok) {
        ctx.out.notice("Nothing deleted.");
        return;
      }
    }
    await client.delete(entitySet, typed);
    ctx.out.success(`Deleted ${name}.`);
    ctx.out.result({ deleted: name }, () => {});
  });
}
