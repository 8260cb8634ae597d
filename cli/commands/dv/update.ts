/** `ppx dv update ENTITYSET [ID] [--key k=v] --data JSON`: change an existing record (never creates). */

import { Command } from "@commander-js/extra-typings";
import { updateRecord, type WriteRecordOptions } from "../../../lib/dataverse/records/write.ts";
import type { App } from "../../app.ts";
import type { HostFlag } from "../../kit/flags.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlags, hostOf, keyFlag } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { describeRef, readData, recordRef } from "./shared.ts";

/** The options `dv update` parses its argv into. */
export interface DvUpdateOptions extends WriteRecordOptions {
  /** `--dataverse-host` / `--host`, when given. */
  host?: HostFlag;
}

/** Builds `dv update`; `runF` receives the parsed options (tests capture them). */
export default function update(app: App, runF: RunF<DvUpdateOptions> = runUpdate) {
  return keyFlag(hostFlags(
    new Command("update")
      .description("Update an existing record (If-Match: *, so a missing record is an error)")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)")
      .option("--data <json>", "the changes: inline JSON, @file.json, or @- for stdin"),
  )).action(async (entitySet, id, flags, command) => {
    const ctx = app.context(command);
    const ref = recordRef(id, flags.key);
    await runF({ entitySet, ref, data: await readData(ctx, flags.data), host: hostOf(flags) }, ctx);
  });
}

/** Updates the record; prints `{id, entityId}` (a change; no `id` when the record was named by its key). */
export async function runUpdate(options: DvUpdateOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const result = await updateRecord(options, { client });
  ctx.out.success(`Updated ${describeRef(options.entitySet, options.ref)}.`);
  // By alternate key the service may answer with the key form only: no GUID to show, so no empty column.
  ctx.out.result(result.id ? { id: result.id, entityId: result.entityId } : { entityId: result.entityId });
}
