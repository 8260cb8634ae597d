/** `ppx dv delete ENTITYSET [ID] [--key k=v]`: delete a record; asks first unless --yes. */

import { Command } from "@commander-js/extra-typings";
import type { GivenRef } from "../../../lib/dataverse/records/get.ts";
import { deleteRecord, resolveRecord } from "../../../lib/dataverse/records/write.ts";
import type { App } from "../../app.ts";
import type { HostFlag } from "../../kit/flags.ts";
import type { Context } from "../../context.ts";
import { confirmOrCancel } from "../../prompter.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlags, hostOf, keyFlag } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { describeRef, recordRef } from "./shared.ts";

/** The options `dv delete` parses its argv into. */
export interface DvDeleteOptions {
  /** The table's entity set name. */
  entitySet: string;
  /** The record: id or alternate-key values as text. */
  ref: GivenRef;
  /** `--dataverse-host` / `--host`, when given. */
  host?: HostFlag;
}

/** Builds `dv delete`; `runF` receives the parsed options (tests capture them). */
export default function del(app: App, runF: RunF<DvDeleteOptions> = runDelete) {
  return keyFlag(hostFlags(
    new Command("delete")
      .description("Delete a record (asks for confirmation; --yes to skip)")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)"),
  )).action(async (entitySet, id, flags, command) => {
    await runF({ entitySet, ref: recordRef(id, flags.key), host: hostOf(flags) }, app.context(command));
  });
}

/** Asks (unless --yes), deletes, and prints `{deleted}` (a change) for machines. */
export async function runDelete(options: DvDeleteOptions, ctx: Context): Promise<void> {
  const name = describeRef(options.entitySet, options.ref);
  const { client } = await dataverseClient(ctx, options.host);
  // A key that cannot match (unknown column, wrong type) fails before the question, not after it.
  const ref = await resolveRecord(options, { client });
  if (!ctx.globals.yes) {
    await confirmOrCancel(ctx.prompter, `Delete ${name}? This cannot be undone.`, {
      flag: "--yes",
      declined: "Nothing deleted.",
    });
  }
  await deleteRecord(options.entitySet, ref, { client });
  ctx.out.success(`Deleted ${name}.`);
  ctx.out.result({ deleted: name }, () => {});
}
