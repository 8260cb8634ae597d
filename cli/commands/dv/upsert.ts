/** `ppx dv upsert ENTITYSET [ID] [--key k=v] --data JSON`: create or update. */

import { Command } from "@commander-js/extra-typings";
import type { UpsertMode } from "../../../lib/dataverse/client.ts";
import { upsertRecord, type WriteRecordOptions } from "../../../lib/dataverse/records/write.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { HostFlag } from "../../kit/flags.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlags, hostOf, keyFlag } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { describeRef, readData, recordRef } from "./shared.ts";

/** The options `dv upsert` parses its argv into. */
export interface DvUpsertOptions extends WriteRecordOptions {
  /** `upsert`, or `create-only` / `update-only` from the flags. */
  mode: UpsertMode;
  /** `--dataverse-host` / `--host`, when given. */
  host?: HostFlag;
}

/** Builds `dv upsert`; `runF` receives the parsed options (tests capture them). */
export default function upsert(app: App, runF: RunF<DvUpsertOptions> = runUpsert) {
  return keyFlag(hostFlags(
    new Command("upsert")
      .description("Create the record if it is missing, otherwise update it")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("[id]", "the record's GUID (or use --key)")
      .option("--data <json>", "the record: inline JSON, @file.json, or @- for stdin")
      .option("--create-only", "fail if the record exists (If-None-Match: *)")
      .option("--update-only", "fail if the record is missing (If-Match: *)"),
  )).action(async (entitySet, id, flags, command) => {
    const ctx = app.context(command);
    if (flags.createOnly && flags.updateOnly) {
      throw new UsageError("--create-only and --update-only exclude each other.");
    }
    const ref = recordRef(id, flags.key);
    await runF({
      entitySet,
      ref,
      data: await readData(ctx, flags.data),
      mode: flags.createOnly ? "create-only" : flags.updateOnly ? "update-only" : "upsert",
      host: hostOf(flags),
    }, ctx);
  });
}

/** Creates or updates the record; prints `{id, created, entityId}` (a change). */
export async function runUpsert(options: DvUpsertOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const result = await upsertRecord(options, { client });
  ctx.out.success(
    `${result.created ? "Created" : "Updated"} ${describeRef(options.entitySet, options.ref)}.`,
  );
  ctx.out.result({ id: result.id, created: result.created, entityId: result.entityId });
}
