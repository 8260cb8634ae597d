/** Flags and rendering shared by the `ppx pages` commands (pac's flag names work as hidden aliases). */

import { type Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { DataModel, PlanItem, UploadPlan } from "../../../lib/pages/mod.ts";
import { planSummary, STRATEGIES, type Strategy } from "../../../lib/pages/strategies.ts";
import type { Context } from "../../context.ts";
import { collect } from "../../kit/flags.ts";

/** Adds a flag with hidden alias spellings (pac's camelCase, the earlier CLI's names). */
// deno-lint-ignore no-explicit-any
export function withAliases<C extends Command<any, any, any>>(
  command: C,
  flag: string,
  description: string,
  aliases: string[],
  parser?: (value: string, previous: string[] | undefined) => string[],
): C {
  const option = new Option(flag, description);
  command.addOption(parser ? option.argParser(parser) : option);
  for (const alias of aliases) {
    const hidden = new Option(`${alias} ${flag.split(" ")[1] ?? ""}`.trim(), `alias of ${flag.split(" ")[0]}`)
      .hideHelp();
    command.addOption(parser ? hidden.argParser(parser) : hidden);
  }
  return command;
}

/** Adds `--include-entities` / `--exclude-entities` (repeatable, comma separated; pac's camelCase too). */
// deno-lint-ignore no-explicit-any
export function withEntityFilters<C extends Command<any, any, any>>(command: C): C {
  withAliases(command, "--include-entities <tables>", "only these tables, comma separated (repeatable)", [
    "--includeEntities",
  ], collect);
  return withAliases(
    command,
    "--exclude-entities <tables>",
    "leave these tables out, comma separated (repeatable)",
    ["--excludeEntities"],
    collect,
  );
}

/** The first given value among spellings. */
export function pick<T>(options: object, ...names: string[]): T | undefined {
  const o = options as Record<string, unknown>;
  for (const n of names) if (o[n] !== undefined) return o[n] as T;
  return undefined;
}

/** A path flag resolved against the working directory (node:path loads here, not for `--help`: ADR 0023). */
export async function resolvePath(ctx: Context, path: string): Promise<string> {
  const { isAbsolute, join } = await import("node:path");
  return isAbsolute(path) ? path : join(ctx.cwd, path);
}

/** `--model-version`: 1 / standard, 2 / enhanced (pac's `Standard` / `Enhanced` too). */
export function parseModel(value: string | undefined): DataModel | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === "1" || v === "standard") return "standard";
  if (v === "2" || v === "enhanced") return "enhanced";
  throw new UsageError(`--model-version must be 1 (standard) or 2 (enhanced), not '${value}'.`);
}

/** `--strategy`, exactly one of the four names. */
export function parseStrategy(value: string | undefined): Strategy | undefined {
  if (value === undefined) return undefined;
  if (!(STRATEGIES as readonly string[]).includes(value)) {
    throw new UsageError(`--strategy must be one of ${STRATEGIES.join(", ")}, not '${value}'.`);
  }
  return value as Strategy;
}

/** Comma lists from repeated flags. */
export function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(
    Boolean,
  );
}

function itemView(i: PlanItem) {
  return {
    action: i.action,
    table: i.table,
    name: i.name,
    id: i.id,
    ...(i.remoteId !== i.id ? { remoteId: i.remoteId } : {}),
    path: (i.files?.length ? i.files : i.paths.slice(0, 1)).join(","),
    fields: (i.fields ?? []).join(","),
    ...(i.binary ? { binary: true } : {}),
    ...(i.reason ? { reason: i.reason } : {}),
  };
}

/** A plan as data: summary, changes (unchanged records left out unless asked), refused files. */
export function planView(plan: UploadPlan, all = false) {
  return {
    model: plan.model,
    websiteId: plan.websiteId,
    strategy: plan.strategy,
    createSite: plan.createSite,
    summary: planSummary(plan),
    changes: plan.items.filter((i) => all || i.action !== "unchanged").map(itemView),
    refused: plan.refused,
  };
}

/** Prints a plan: JSON as is, for people a table of changes and a summary line on stderr. */
export function printPlan(ctx: Context, plan: UploadPlan, heading: string): void {
  const view = planView(plan);
  if (ctx.out.machine) return ctx.out.result(view);
  if (view.changes.length) {
    ctx.out.print(view.changes, { columns: ["action", "table", "name", "path", "fields"] });
  }
  for (const r of plan.refused) ctx.out.warn(`${r.path}: ${r.reason}`);
  const s = view.summary;
  ctx.out.notice(
    `${heading}: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.skip} skipped, ` +
      `${s.conflict} conflicting, ${s.keep} deleted locally (kept), ${s.unchanged} unchanged` +
      (plan.createSite ? " (the site is created in this environment)" : "") + ".",
  );
}
