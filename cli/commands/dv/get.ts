/** `ppx dv get ENTITYSET [ID] [--key k=v]`: one record. */

import { Command } from "@commander-js/extra-typings";
import { splitList } from "../../../lib/dataverse/odata.ts";
import { getRecord, type GetRecordOptions } from "../../../lib/dataverse/records/get.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf, keyFlag, recordShapeFlags } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { recordRef } from "./shared.ts";

/** The options `dv get` parses its argv into. */
export interface DvGetOptions extends GetRecordOptions {
  /** `--dataverse-host` / `--host`, or the environment `-e` names, when given. */
  host?: HostFlag;
}

/** Builds `dv get`; `runF` receives the parsed options (tests capture them). */
export default function get(app: App, runF: RunF<DvGetOptions> = runGet) {
  return keyFlag(hostFlags(recordShapeFlags(
    new Command("get")
      .description("Show one record, by id or alternate key")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)"),
  ))).action(async (entitySet, id, flags, command) => {
    await runF({
      entitySet,
      ref: recordRef(id, flags.key),
      select: splitList(flags.select),
      expand: splitList(flags.expand),
      annotations: flags.annotations,
      host: hostOf(flags),
    }, app.context(command));
  });
}

/** Reads the record and prints it (a record: field/value lines, or the object with --json). */
export async function runGet(options: DvGetOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  ctx.out.result(await getRecord(options, { client }));
}
