/** `ppx dv query ENTITYSET`: like list, or a FetchXML query with --fetchxml FILE. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import type { RunF } from "../../kit/leaf.ts";
import { checkFetchXmlFlags, type DvQueryOptions, queryFlags, queryOptions, runQuery } from "./query_run.ts";

/** Builds `dv query`; `runF` receives the parsed options (the FetchXML file already read and checked). */
export default function query(app: App, runF: RunF<DvQueryOptions> = runQuery) {
  return queryFlags(
    new Command("query")
      .description("Query a table with OData options or a FetchXML file")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .option("--fetchxml <file>", "run the FetchXML in FILE (- for stdin)"),
  ).action(async (entitySet, flags, command) => {
    const ctx = app.context(command);
    const options = queryOptions(entitySet, flags);
    if (flags.fetchxml !== undefined) {
      checkFetchXmlFlags(flags);
      options.fetchXml = await ctx.input.xml(flags.fetchxml, { label: "--fetchxml", kind: "path" });
    }
    await runF(options, ctx);
  });
}
