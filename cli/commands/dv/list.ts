/** `ppx dv list ENTITYSET`: records of a table, one page or all of them, streamed. */

import { Command, Option } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { type QueryFlags, runQuery } from "./query_run.ts";
import { withHost } from "./shared.ts";

/** Adds the query flags shared by list and query. */
// deno-lint-ignore no-explicit-any
export function withQueryOptions(command: Command<any, any>) {
  return command
    .option("--select <columns>", "columns to return, comma separated")
    .option("--filter <expr>", "OData filter, e.g. \"contains(name,'co') and revenue gt 1000\"")
    .option("--orderby <order>", 'sort order, e.g. "name asc,createdon desc"')
    .option("--top <n>", "at most n records (ignored by Dataverse with --page-size)")
    .option("--expand <navs>", 'expand lookups, e.g. "primarycontactid($select=fullname)"')
    .option("--count", "report how many records match (up to 5,000)")
    .option("--all", "follow every page (streamed, memory stays flat)")
    .option("--page-size <n>", "records per page, 1-5000 (Prefer: odata.maxpagesize)")
    .addOption(new Option("--annotations", "include formatted values and lookup annotations"));
}

/** Builds `dv list`. */
export default function list(app: App) {
  const command = withHost(
    withQueryOptions(
      new Command("list")
        .description("List records of a table (first page; --all for every page)")
        .argument("<entityset>", "the table's entity set name, e.g. accounts"),
    ),
  );
  return command.action(async (...args: unknown[]) => {
    const [entitySet, options, cmd] = args as [string, QueryFlags, Command];
    await runQuery(app.context(cmd), entitySet, options);
  });
}
