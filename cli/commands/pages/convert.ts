/** `ppx pages convert`: a site folder (pac standard, pac enhanced, or the earlier ppx JSON layout) to pac's layout. */

import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { ConvertOptions, ConvertResult } from "../../../lib/pages/mod.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { parseModel, pick, resolvePath, withAliases } from "./shared.ts";

/** Builds `pages convert`. */
export default function convert(app: App, runF: RunF<ConvertOptions> = runConvertCommand) {
  let command = new Command("convert")
    .description(
      "Convert a site folder to pac's layout of a data model (also reads the earlier ppx JSON layout)",
    )
    .option("--out <folder>", "the folder to write (must not hold a site)")
    .addHelpText(
      "after",
      "\nExamples:\n  ppx pages convert --path ./site_out --out ./site          # earlier ppx JSON -> pac standard\n" +
        "  ppx pages convert --path ./site --out ./site-v2 --to 2",
    );
  command = withAliases(command, "--path <folder>", "the folder to read", ["--src"]);
  command = withAliases(command, "--to <model>", "1 (standard) or 2 (enhanced); default: the source's", [
    "--model-version",
  ]);
  return command.action(async (options, command) => {
    const ctx = app.context(command);
    const path = pick<string>(options, "path", "src");
    const out = (options as { out?: string }).out;
    if (!path || !out) {
      throw new UsageError("--path and --out are required.", {
        hint: "ppx pages convert --path ./old --out ./new",
      });
    }
    await runF({
      path: await resolvePath(ctx, path),
      out: await resolvePath(ctx, out),
      to: parseModel(pick(options, "to", "modelVersion")),
    }, ctx);
  });
}

/** Runs a conversion and reports it. */
export async function runConvertCommand(options: ConvertOptions, ctx: Context): Promise<void> {
  // The pages use-cases (yaml, node:path, node:crypto) load when the command runs, not for `--help` (ADR 0023).
  const { runConvert } = await import("../../../lib/pages/mod.ts");
  const result = await runConvert(options);
  ctx.out.result(result, (r: ConvertResult, out) => {
    for (const u of r.unsupported) out.warn(`${u}/ has no counterpart in pac's layout; left out.`);
    out.success(`Converted ${r.records} records (${r.from} -> ${r.to}): ${r.files} files written.`);
  });
}
