/**
 * `ppx coe`: Center of Excellence inventory, makers, metrics and export, built from the admin endpoints
 * (lib/powerplatform/coe.ts). Export streams to the file (written atomically) or stdout.
 */

import { Command, Option } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { InventoryItem, InventoryType } from "../../../lib/powerplatform/coe.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { resolveEnvironment } from "../../admin/context.ts";
import { adminDeps } from "../../admin/deps.ts";
import { commaList } from "./dlp_commands.ts";

const TYPES = ["app", "flow", "connector", "bot"];

/** The CoE use-cases (and csv-stringify) load when a command runs, not for `--help` (ADR 0023). */
const coeLib = () => import("../../../lib/powerplatform/coe.ts");

interface Scope {
  environment?: string;
  type?: string;
}

function scoped(name: string) {
  return new Command(name)
    .addOption(
      new Option("-e, --environment <envs>", "only these environments (comma list of ids, URLs or names)"),
    )
    .addOption(new Option("--environment-id <envs>", "alias of --environment").hideHelp())
    .addOption(new Option("--type <types>", `only these kinds (comma list of ${TYPES.join(", ")})`));
}

async function inventory(ctx: Context, options: Scope & { environmentId?: string }) {
  const environmentIds: string[] = [];
  for (const e of commaList(options.environment ?? options.environmentId) ?? []) {
    environmentIds.push((await resolveEnvironment(ctx, e)).id);
  }
  const types = commaList(options.type) as InventoryType[] | undefined;
  for (const t of types ?? []) {
    if (!TYPES.includes(t)) throw new UsageError(`--type takes ${TYPES.join(", ")}, not '${t}'.`);
  }
  const deps = await adminDeps(ctx, ["bap", "powerplatform", "powerapps"]);
  return (await coeLib()).runInventory({
    environmentIds,
    types,
    onSkip: (env, type, reason) => ctx.out.warn(`Skipped the ${type}s of ${env.displayName}: ${reason}`),
  }, deps);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const i of items) out.push(i);
  return out;
}

/** Builds `coe`. */
export default function coe(app: App) {
  const inv = scoped("inventory")
    .description(
      "Apps, flows, custom connectors and bots of every environment (or -e), with owners and dates",
    )
    .addHelpText("after", "\nExample:\n  ppx coe inventory -e 'Contoso Production' --type app,bot\n")
    .action(async (options, command) => {
      const ctx = app.context(command);
      const items = await collect(await inventory(ctx, options));
      ctx.out.print(items, { columns: ["environment", "type", "name", "owner", "lastModified", "id"] });
    });
  const mk = scoped("makers")
    .description("Distinct owners with their counts of apps, flows, connectors and bots")
    .addHelpText("after", "\nExample:\n  ppx coe makers --json\n")
    .action(async (options, command) => {
      const ctx = app.context(command);
      ctx.out.print(await (await coeLib()).makers(await inventory(ctx, options)), {
        columns: ["owner", "apps", "flows", "connectors", "bots", "total", "ownerId"],
      });
    });
  const mt = scoped("metrics")
    .description("Counts per environment and kind")
    .addHelpText("after", "\nExample:\n  ppx coe metrics\n")
    .action(async (options, command) => {
      const ctx = app.context(command);
      ctx.out.print(await (await coeLib()).metrics(await inventory(ctx, options)), {
        columns: ["environment", "apps", "flows", "connectors", "bots", "total", "environmentId"],
      });
    });
  const ex = scoped("export")
    .description(
      "Write the inventory, makers or metrics as CSV or JSON, streamed (the file appears whole, or not at all)",
    )
    .addOption(
      new Option("-r, --resource <resource>", "what to export").choices(["inventory", "makers", "metrics"])
        .default(
          "inventory",
        ),
    )
    .addOption(new Option("-o, --out <file>", "the file to write; - for stdout").makeOptionMandatory())
    .addOption(
      new Option("-f, --format <format>", "csv or json (default: from the file's extension, else json)"),
    )
    .addHelpText("after", "\nExample:\n  ppx coe export --resource inventory --out inventory.csv\n")
    .action(async (options, command) => {
      const ctx = app.context(command);
      const format = (options.format ?? (/\.csv$/i.test(options.out) ? "csv" : "json")).toLowerCase();
      if (format !== "csv" && format !== "json") {
        throw new UsageError(`--format takes csv or json, not '${format}'.`);
      }
      const items = await inventory(ctx, options);
      const rows: AsyncIterable<Record<string, unknown>> | Record<string, unknown>[] =
        options.resource === "makers"
          ? (await (await coeLib()).makers(items)) as unknown as Record<string, unknown>[]
          : options.resource === "metrics"
          ? (await (await coeLib()).metrics(items)) as unknown as Record<string, unknown>[]
          : items as AsyncIterable<InventoryItem> as unknown as AsyncIterable<Record<string, unknown>>;
      const progress = ctx.progress();
      const onRow = (n: number) =>
        n % 500 === 0 && progress.update(n, undefined, `${options.resource} rows:`);
      const columns = options.resource === "inventory"
        ? (await coeLib()).INVENTORY_COLUMNS as string[]
        : undefined;
      let count: number;
      try {
        if (options.out === "-") {
          count = await (await coeLib()).exportRows(
            rows,
            format,
            (t) => Promise.resolve(ctx.io.stdout.write(t)),
            {
              columns,
              onRow,
            },
          );
        } else {
          const path = ctx.input.path(options.out);
          count = await writeAtomically(
            path,
            async (write) => (await coeLib()).exportRows(rows, format, write, { columns, onRow }),
          );
        }
      } finally {
        progress.done();
      }
      if (options.out !== "-") {
        if (ctx.out.machine) ctx.out.print({ out: options.out, format, rows: count });
        else ctx.out.success(`Exported ${count} ${options.resource} rows to ${options.out}.`);
      }
    });
  return new Command("coe")
    .description("Center of Excellence: inventory, makers, metrics, export (from the admin APIs)")
    .addCommand(inv)
    .addCommand(mk)
    .addCommand(mt)
    .addCommand(ex);
}

/** Writes through a temporary file next to `path`, renamed over it at the end (removed on failure). */
async function writeAtomically<T>(
  path: string,
  body: (write: (t: string) => Promise<void>) => Promise<T>,
): Promise<T> {
  const { dirname, join } = await import("node:path");
  const tmp = join(dirname(path), `.${crypto.randomUUID().slice(0, 8)}.ppx-tmp`);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(tmp, { createNew: true, write: true, mode: 0o644 });
  } catch (error) {
    throw new UsageError(`Cannot write next to ${path}: ${(error as Error).message}`);
  }
  const encoder = new TextEncoder();
  try {
    const result = await body(async (t) => {
      const bytes = encoder.encode(t);
      let off = 0;
      while (off < bytes.length) off += await file.write(bytes.subarray(off));
    });
    file.close();
    await Deno.rename(tmp, path);
    return result;
  } catch (error) {
    try {
      file.close();
    } catch { /* already closed */ }
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}
