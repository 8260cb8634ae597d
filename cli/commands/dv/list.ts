/** `ppx dv list ENTITYSET`: records of a table, one page or all of them, streamed. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { RunF } from "../../kit/leaf.ts";
import { type DvQueryOptions, queryFlags, queryOptions, runQuery } from "./query_run.ts";

/** Builds `dv list`; `runF` receives the parsed options (tests capture them). */
export default function list(app: App, runF: RunF<DvQueryOptions> = runQuery) {
  return queryFlags(
    new Command("list")
      .description("List records of a table (first page; --all for every page)")
      .argument("<entityset>", "the table's entity set name, e.g. accounts"),
  ).action(async (entitySet, flags, command) => {
    await runF(queryOptions(entitySet, flags), app.context(command));
  });
}
