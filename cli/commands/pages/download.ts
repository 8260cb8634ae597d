/** `ppx pages download`: a site into a folder in pac's layout (standard or enhanced data model). */

import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../../lib/errors.ts";
import { runDownload } from "../../../lib/pages/mod.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import { list, parseModel, pick, resolvePath, withAliases } from "./shared.ts";

/** Builds `pages download`. */
export default function download(app: App) {
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
  command = withAliases(command, "--include-entities <tables>", "only these tables, comma separated", [
    "--includeEntities",
  ]);
  command = withAliases(command, "--exclude-entities <tables>", "leave these tables out, comma separated", [
    "--excludeEntities",
  ]);
  return command.action(async (options, command) => {
    const ctx = app.context(command);
    const websiteId = pick<string>(options, "websiteId", "webSiteId");
    if (!websiteId) {
      throw new UsageError("--website-id is required.", { hint: "Find it with `ppx pages list`." });
    }
    const model = parseModel(pick(options, "modelVersion"));
    const { client, org } = await dataverseClient(ctx, hostFlag(options));
    const result = await runDownload({
      websiteId,
      path: resolvePath(ctx, pick<string>(options, "path", "out") ?? "."),
      model,
      include: list(pick(options, "includeEntities")),
      exclude: list(pick(options, "excludeEntities")),
      binaries: (options as { binaries?: boolean }).binaries !== false,
      overwrite: (options as { overwrite?: boolean }).overwrite === true,
    }, { client, orgUrl: org.url });
    if (ctx.out.machine) return ctx.out.print(result);
    const n = Object.values(result.records).reduce((a, b) => a + b, 0);
    ctx.out.success(
      `Downloaded ${n} records (${result.model} data model, ${result.binaries} web-file binaries) to ${result.siteRoot}: ` +
        `${result.written.length} files written, ${result.unchanged} unchanged, ${result.removed.length} removed.`,
    );
  });
}
