/** `ppx dv create ENTITYSET --data JSON|@file`: a new record. */

import { Command } from "@commander-js/extra-typings";
import { createRecord, type CreateRecordOptions } from "../../../lib/dataverse/records/create.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { readData } from "./shared.ts";

/** The options `dv create` parses its argv into (`--data` already read and parsed). */
export interface DvCreateOptions extends CreateRecordOptions {
  /** `--dataverse-host` / `--host`, or the environment `-e` names, when given. */
  host?: HostFlag;
}

/** Builds `dv create`; `runF` receives the parsed options (tests capture them). */
export default function create(app: App, runF: RunF<DvCreateOptions> = runCreate) {
  return hostFlags(
    new Command("create")
      .description("Create a record")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .option("--data <json>", "the record: inline JSON, @file.json, or @- for stdin")
      .option("--return", "print the created record (Prefer: return=representation)"),
  ).action(async (entitySet, flags, command) => {
    const ctx = app.context(command);
    await runF({
      entitySet,
      data: await readData(ctx, flags.data),
      returnRecord: flags.return === true,
      host: hostOf(flags),
    }, ctx);
  });
}

/**
 * Creates the record. Prints `{id, entityId}` (kind "created"), or the record itself with `--return`;
 * the "Created ..." notice goes to stderr either way.
 */
export async function runCreate(options: DvCreateOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const created = await createRecord(options, { client });
  ctx.out.success(`Created ${options.entitySet}(${created.id ?? "?"}).`);
  ctx.out.result(created.record ?? { id: created.id, entityId: created.entityId });
}
