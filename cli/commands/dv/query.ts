/** `ppx dv query ENTITYSET`: like list, or a FetchXML query with --fetchxml FILE. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { withQueryOptions } from "./list.ts";
import { type QueryFlags, runQuery } from "./query_run.ts";
import { withHost } from "./shared.ts";

/** Builds `dv query`. */
export default function query(app: App) {
  const command = withHost(
    withQueryOptions(
      new Command("query")
        .description("Query a table with OData options or a FetchXML file")
        .argument("<entityset>", "the table's entity set name, e.g. accounts")
        .option("--fetchxml <file>", "run the FetchXML in FILE (- for stdin)"),
    ),
  );
  return command.action(async (...args: unknown[]) => {
    const [entitySet, options, cmd] = args as [string, QueryFlags, Command];
    await runQuery(app.context(cmd), entitySet, options);
  });
}
