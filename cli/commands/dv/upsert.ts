/** `ppx dv upsert ENTITYSET [ID] [--key k=v] --data JSON`: create or update. */

import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { typeRecordRef } from "../../../lib/dataverse/keys.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { describeRef, hostFlag, keyFlag, readData, recordRef, withHost, withKey } from "./shared.ts";

/** Builds `dv upsert`. */
export default function upsert(app: App) {
  return withKey(withHost(
    new Command("upsert")
      .description("Create the record if it is missing, otherwise update it")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)")
      .option("--data <json>", "the record: inline JSON, @file.json, or @- for stdin")
      .option("--create-only", "fail if the record exists (If-None-Match: *)")
      .option("--update-only", "fail if the record is missing (If-Match: *)"),
  )).action(async (entitySet, id, options, command) => {
    const ctx = app.context(command);
    if (options.createOnly && options.updateOnly) {
      throw new UsageError("--create-only and --update-only exclude each other.");
    }
    const ref = recordRef(id, keyFlag(options));
    const data = await readData(ctx, options.data);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const result = await client.upsert(entitySet, await typeRecordRef(client, entitySet, ref), data, {
      mode: options.createOnly ? "create-only" : options.updateOnly ? "update-only" : "upsert",
      returnRecord: true,
    });
    const pkId = result.id ??
      Object.entries(result.record ?? {}).find(([k, v]) =>
        k.endsWith("id") && !k.startsWith("_") && typeof v === "string" && /^[0-9a-f-]{36}$/.test(v)
      )?.[1];
    ctx.out.success(`${result.created ? "Created" : "Updated"} ${describeRef(entitySet, ref)}.`);
    ctx.out.print({ id: pkId, created: result.created === true, entityId: result.entityId });
  });
}
