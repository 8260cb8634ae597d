/** What `dv list` and `dv query` share: their flags, their options and printing the records. */

import { type Command, Option, type OptionValues } from "@commander-js/extra-typings";
import type { DataverseClient } from "../../../lib/dataverse/client.ts";
import { splitList } from "../../../lib/dataverse/odata.ts";
import { MAX_COUNT, queryRecords, type QueryRecordsOptions } from "../../../lib/dataverse/records/query.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { type HostFlag, hostFlags, hostOf, wholeNumber } from "../../kit/flags.ts";
import { cellText, type Column } from "../../output/format.ts";

/** The options `dv list` / `dv query` parse their argv into. */
export interface DvQueryOptions extends QueryRecordsOptions {
  /** `--dataverse-host` / `--host`, or the environment `-e` names, when given. */
  host?: HostFlag;
}

/** The flags `queryFlags` adds, as commander hands them over (a type, so it is an OptionValues). */
export type QueryFlagValues = {
  select?: string;
  filter?: string;
  orderby?: string;
  top?: number;
  expand?: string;
  count?: true;
  all?: true;
  pageSize?: number;
  annotations?: true;
  dataverseHost?: string;
  host?: string;
  environment?: string;
};

/** Adds the query flags shared by list and query (and the host flags). */
export function queryFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
): Command<A, O & QueryFlagValues, G> {
  // Declared rather than inferred: twelve nested InferOptions made every use of the command (assigning it
  // to CommandUnknownOpts) take minutes to type-check. flags_test.ts checks the declaration against argv.
  const typed: Command<A, O & QueryFlagValues, G> = command as never;
  hostFlags(
    command
      .option("--select <columns>", "columns to return, comma separated")
      .option("--filter <expr>", "OData filter, e.g. \"contains(name,'co') and revenue gt 1000\"")
      .option("--orderby <order>", 'sort order, e.g. "name asc,createdon desc"')
      .option(
        "--top <n>",
        "at most n records (ignored by Dataverse with --page-size)",
        wholeNumber("--top", { min: 1 }),
      )
      .option("--expand <navs>", 'expand lookups, e.g. "primarycontactid($select=fullname)"')
      .option("--count", "report how many records match (up to 5,000), on stderr")
      .option("--all", "follow every page (streamed, memory stays flat)")
      .option(
        "--page-size <n>",
        "records per page, 1-5000 (Prefer: odata.maxpagesize)",
        wholeNumber("--page-size", { min: 1, max: MAX_COUNT }),
      )
      .addOption(new Option("--annotations", "include formatted values and lookup annotations")),
  );
  return typed;
}

/** Options from the shared query flags (FetchXML, for `dv query`, is added by the caller). */
export function queryOptions(entitySet: string, flags: QueryFlagValues): DvQueryOptions {
  return {
    entitySet,
    select: splitList(flags.select),
    filter: flags.filter,
    orderby: splitList(flags.orderby),
    top: flags.top,
    expand: splitList(flags.expand),
    count: flags.count,
    all: flags.all,
    pageSize: flags.pageSize,
    annotations: flags.annotations,
    host: hostOf(flags),
  };
}

/** FetchXML carries its own columns, filters, order and size: the OData flags cannot be added to it. */
export function checkFetchXmlFlags(flags: QueryFlagValues): void {
  if (flags.select || flags.filter || flags.orderby || flags.expand || flags.top) {
    throw new UsageError(
      "--fetchxml cannot be combined with --select, --filter, --orderby, --expand or --top.",
      { hint: "Put attributes, filters and order in the FetchXML." },
    );
  }
}

function columnsFor(select: string[] | undefined): Column[] | undefined {
  // A selected lookup comes back as _<name>_value; show it under the name the user typed.
  return select?.map((name) => ({
    key: name,
    header: name,
    format: (value: unknown, record: Record<string, unknown>) => cellText(value ?? record[`_${name}_value`]),
  }));
}

/** The table's primary name, primary id and `modifiedon` (none when the metadata cannot be read). */
async function defaultColumns(client: DataverseClient, entitySet: string): Promise<string[] | undefined> {
  const entity = await client.metadata.entity(entitySet).catch(() => undefined);
  if (!entity) return undefined;
  return [entity.PrimaryNameAttribute, entity.PrimaryIdAttribute, "modifiedon"].filter((c): c is string =>
    !!c
  );
}

/**
 * Runs the query and prints its records (a list: the JSON array, a table or TSV). The count (`--count`)
 * and the "more records" hint go to stderr in every format, so `--count` never changes the JSON.
 */
export async function runQuery(options: DvQueryOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const run = queryRecords(options, { client });
  const n = await ctx.out.printStream(run.records, {
    columns: columnsFor(options.select),
    // A table without --select shows the table's name, id and modified-on, not every column.
    preferColumns: ctx.out.format === "table" && !options.select && options.fetchXml === undefined
      ? await defaultColumns(client, options.entitySet)
      : undefined,
    rawHeaders: true,
  });
  if (options.count) {
    const count = run.count ?? n;
    ctx.out.notice(`${count} record(s) match${count >= MAX_COUNT ? " (Dataverse counts up to 5,000)" : ""}.`);
  }
  if (run.more && !options.all) ctx.out.notice("More records are available: add --all to fetch every page.");
}
