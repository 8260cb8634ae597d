/** `ppx pages download`: a site into a folder in pac's layout (standard or enhanced data model). */

import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import type { DownloadOptions, DownloadResult } from "../../../lib/pages/mod.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { HostFlag } from "../../dataverse_host.ts";
import type { RunF } from "../../kit/leaf.ts";
import type { Output } from "../../output/render.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import { list, parseModel, pick, resolvePath, withAliases, withEntityFilters } from "./shared.ts";

/** The options `pages download` parses: the use-case's plus the host. */
export interface PagesDownloadOptions extends DownloadOptions {
  /** `--dataverse-host` / `-e`. */
  host?: HostFlag;
}

/** Builds `pages download`. */
export default function download(app: App, runF: RunF<PagesDownloadOptions> = runDownloadCommand) {
  let command = withHost(
    new Command("download")
      .description("Download a Power Pages site into a folder in pac's layout (both data models)")
      .option("--no-binaries", "leave web-file binaries out")
      .option("--overwrite", "replace local changes made since the last sync (and another site's folder)")
      .addHelpText(
        "after",
        "\nExamples:\n  ppx pages download --website-id <id> --path ./site\n" +
          "  ppx pages download --webSiteId <id> --path ./site --modelVersion 2 --exclude-entities webfile",
      ),
  );
  command = withAliases(command, "--website-id <id>", "the website id (see `ppx pages list`)", [
    "--webSiteId",
  ]);
  command = withAliases(command, "--path <folder>", "folder to write (default: the current folder)", [
    "--out",
  ]);
  command = withAliases(
    command,
    "--model-version <model>",
    "1 (standard) or 2 (enhanced); detected by default",
    ["--modelVersion"],
  );
  command = withEntityFilters(command);
  return command.action(async (options, command) => {
    const ctx = app.context(command);
    const websiteId = pick<string>(options, "websiteId", "webSiteId");
    if (!websiteId) {
      throw new UsageError("--website-id is required.", { hint: "Find it with `ppx pages list`." });
    }
    await runF({
      websiteId,
      path: await resolvePath(ctx, pick<string>(options, "path", "out") ?? "."),
      model: parseModel(pick(options, "modelVersion")),
      include: list(pick(options, "includeEntities")),
      exclude: list(pick(options, "excludeEntities")),
      binaries: (options as { binaries?: boolean }).binaries !== false,
      overwrite: (options as { overwrite?: boolean }).overwrite === true,
      host: hostFlag(options),
    }, ctx);
  });
}

/** Runs a download and reports what it wrote. */
export async function runDownloadCommand(options: PagesDownloadOptions, ctx: Context): Promise<void> {
  // The pages use-cases (yaml, node:path, node:crypto) load when the command runs, not for `--help` (ADR 0023).
  const { runDownload } = await import("../../../lib/pages/mod.ts");
  const { dataverseClient } = await import("../../dataverse_host.ts");
  const { client, org } = await dataverseClient(ctx, options.host);
  const progress = ctx.progress();
  const result = await runDownload(options, {
    client,
    orgUrl: org.url,
    onProgress: (label, done, total) => progress.update(done, total, label),
  }).finally(() => progress.done());
  ctx.out.result(result, (r: DownloadResult, out: Output) => {
    const n = Object.values(r.records).reduce((a, b) => a + b, 0);
    out.success(
      `Downloaded ${n} records (${r.model} data model, ${r.binaries} web-file binaries) to ${r.siteRoot}: ` +
        `${r.written.length} files written, ${r.unchanged} unchanged, ${r.removed.length} removed.`,
    );
  });
}
