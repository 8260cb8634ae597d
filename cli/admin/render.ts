/** Rendering catalog results: lists as tables of the catalog's columns (raw items with --json), records, and accepted or finished operations. */

import type { Operation, OperationColumn } from "../../lib/powerplatform/catalog/types.ts";
import type { OperationResult } from "../../lib/powerplatform/execute.ts";
import { resumeHint } from "../../lib/powerplatform/execute.ts";
import type { Context } from "../context.ts";

/** Reads `a.b|c.d`: the first dot path that has a value. */
export function columnValue(item: Record<string, unknown>, path: string): unknown {
  for (const alternative of path.split("|")) {
    let node: unknown = item;
    for (const key of alternative.split(".")) {
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (node !== undefined && node !== null && node !== "") return node;
  }
  return undefined;
}

/** One table row of an item. */
export function tableRow(item: Record<string, unknown>, columns: OperationColumn[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of columns) row[c.header] = columnValue(item, c.path) ?? "";
  return row;
}

async function* rows(items: AsyncIterable<Record<string, unknown>>, columns: OperationColumn[]) {
  for await (const item of items) yield tableRow(item, columns);
}

/** Prints a result the way the output format asks. */
export async function renderResult(ctx: Context, op: Operation, result: OperationResult): Promise<void> {
  const out = ctx.out;
  switch (result.kind) {
    case "items": {
      const count = out.machine || !op.columns
        ? await out.printStream(result.items)
        : await out.printStream(rows(result.items, op.columns));
      if (count === 0 && !out.machine) out.notice("Nothing found.");
      return;
    }
    case "done":
      if (result.body !== undefined && result.body !== "") out.print(result.body);
      else if (out.machine) out.print({ status: result.status });
      else out.success(`Done (HTTP ${result.status}).`);
      return;
    case "accepted": {
      out.print({
        status: "accepted",
        ...(result.operationId ? { operationId: result.operationId } : {}),
        ...(result.monitorUrl ? { operationUrl: result.monitorUrl } : {}),
      });
      if (!out.machine) {
        out.notice(
          `Accepted. ${
            resumeHint(op, result.operationId, result.monitorUrl ?? "", undefined).replace(
              "It is still running; watch",
              "Watch",
            )
          }`,
        );
      }
      return;
    }
    case "finished":
      if (result.outcome.body !== undefined && typeof result.outcome.body === "object") {
        out.print(result.outcome.body);
      } else out.print({ status: result.outcome.status, operationId: result.outcome.operationId });
      if (!out.machine) out.success(`Finished: ${result.outcome.status}.`);
      return;
  }
}
