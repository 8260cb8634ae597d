/**
 * Rendering catalog results with the kit's `ctx.out.result`: lists stream as tables of the catalog's
 * columns (the service's raw items with --json), records print as they are, and accepted or finished
 * operations say what happened on stderr. An operation shown while it still runs concludes `pending`
 * (exit 8), like `solution import-status`; one that failed concludes `failed` (exit 1).
 */

import type { Operation, OperationColumn } from "../../lib/powerplatform/catalog/types.ts";
import type { OperationResult } from "../../lib/powerplatform/execute.ts";
import { resumeHint } from "../../lib/powerplatform/execute.ts";
import { cliText } from "../kit/phrase.ts";
import { classify, operationStatus } from "../../lib/powerplatform/lro.ts";
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

/** True for the operations that show one operation's status (`ops show`, `packages status`). */
function showsOperation(op: Operation): boolean {
  return op.method === "GET" && /\/operations\/\{operationId\}$/.test(op.path);
}

/** Prints a result the way the output format asks. */
export async function renderResult(ctx: Context, op: Operation, result: OperationResult): Promise<void> {
  const out = ctx.out;
  switch (result.kind) {
    case "items": {
      // An empty list reads like every other command's: the table says "No results.", TSV and JSON stay empty.
      if (out.machine || !op.columns) await out.printStream(result.items);
      else await out.printStream(rows(result.items, op.columns));
      return;
    }
    case "done": {
      if (result.body === undefined || result.body === "") {
        return out.result({ status: result.status }, `Done (HTTP ${result.status}).`);
      }
      out.result(result.body);
      if (showsOperation(op)) {
        const state = classify(operationStatus(result.body));
        if (state === "running") ctx.conclude("pending");
        if (state === "failure") ctx.conclude("failed");
      }
      return;
    }
    case "accepted": {
      const data = {
        status: "accepted",
        ...(result.operationId ? { operationId: result.operationId } : {}),
        ...(result.monitorUrl ? { operationUrl: result.monitorUrl } : {}),
      };
      const watch = cliText(resumeHint(op, result.operationId, result.monitorUrl ?? "", undefined))
        .replace("It is still running; watch", "Watch");
      return out.result(data, `Accepted. ${watch}`);
    }
    case "finished": {
      const body = result.outcome.body;
      const data = body !== undefined && typeof body === "object"
        ? body
        : { status: result.outcome.status, operationId: result.outcome.operationId };
      return out.result(data, (d, o) => {
        o.print(d);
        o.success(`Finished: ${result.outcome.status}.`);
      });
    }
  }
}
