/** `ppx dv get ENTITYSET [ID] [--key k=v]`: one record. */

import { Command } from "@commander-js/extra-typings";
import { splitList } from "../../../lib/dataverse/odata.ts";
import { typeRecordRef } from "../../../lib/dataverse/keys.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, keyFlag, recordRef, withHost, withKey } from "./shared.ts";

/** Builds `dv get`. */
export default function get(app: App) {
  return withKey(withHost(
    new Command("get")
      .description("Show one record, by id or alternate key")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)")
      .option("--select <columns>", "columns to return, comma separated")
      .option("--expand <navs>", 'expand lookups, e.g. "primarycontactid($select=fullname)"')
      .option("--annotations", "include formatted values and lookup annotations"),
  )).action(async (entitySet, id, options, command) => {
    const ctx = app.context(command);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const ref = await typeRecordRef(client, entitySet, recordRef(id, keyFlag(options)));
    const record = await client.get(entitySet, ref, {
      select: splitList(options.select),
      expand: splitList(options.expand),
      annotations: options.annotations,
    });
    const { "@odata.context": _context, ...rest } = record;
    ctx.out.print(rest);
  });
}
