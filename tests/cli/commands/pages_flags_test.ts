import { assertEquals } from "../../helpers/assert.ts";
import { list, parseModel, parseStrategy } from "../../../cli/commands/pages/shared.ts";
import { runPpx } from "../../helpers/cli.ts";
import { UsageError } from "../../../lib/errors.ts";
import { captureOptions } from "../../helpers/leaf.ts";
import download, { type PagesDownloadOptions } from "../../../cli/commands/pages/download.ts";
import upload, { type PagesUploadOptions } from "../../../cli/commands/pages/upload.ts";

function throwsUsage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error("expected a UsageError");
}

Deno.test("pages flags: --model-version takes 1/2 and pac's Standard/Enhanced", () => {
  assertEquals(parseModel("1"), "standard");
  assertEquals(parseModel("Enhanced"), "enhanced");
  assertEquals(parseModel(undefined), undefined);
  assertEquals(
    throwsUsage(() => parseModel("3")),
    "--model-version must be 1 (standard) or 2 (enhanced), not '3'.",
  );
});

Deno.test("pages flags: --strategy is exactly one of the four names", () => {
  assertEquals(parseStrategy("skip-existing"), "skip-existing");
  assertEquals(parseStrategy(undefined), undefined);
  throwsUsage(() => parseStrategy("Replace"));
  throwsUsage(() => parseStrategy("skip"));
});

Deno.test("pages flags: entity lists split on commas and repeat", () => {
  assertEquals(list("webpage, webfile"), ["webpage", "webfile"]);
  assertEquals(list(["a,b", "c"]), ["a", "b", "c"]);
  assertEquals(list(undefined), undefined);
});

Deno.test("pages flags: an unknown table in --include-entities names the valid ones, before any request", async () => {
  const r = await runPpx(["pages", "download", "--website-id", "x", "--include-entities", "webpagez"], {
    env: { DATAVERSE_HOST: "http://127.0.0.1:9", PPX_ACCESS_TOKEN: "t" },
  });
  assertEquals(r.code, 2);
  assertEquals(
    r.stderr.includes("unknown table 'webpagez'") && r.stderr.includes("webpage, webfile"),
    true,
    r.stderr,
  );
});

Deno.test("pages flags: --website-id is required for download", async () => {
  const r = await runPpx(["pages", "download", "--path", "x"], {
    env: { DATAVERSE_HOST: "http://127.0.0.1:9", PPX_ACCESS_TOKEN: "t" },
  });
  assertEquals(r.code, 2);
  assertEquals(r.stderr.includes("--website-id is required"), true, r.stderr);
});

Deno.test("pages download: pac's and the earlier CLI's flag names parse into the same options", async () => {
  const ours = await captureOptions<PagesDownloadOptions>(download, [
    "--website-id",
    "W",
    "--path",
    "site",
    "--model-version",
    "2",
    "--include-entities",
    "webpage,webfile",
    "--overwrite",
  ], { cwd: "/work" });
  const pacs = await captureOptions<PagesDownloadOptions>(download, [
    "--webSiteId",
    "W",
    "--out",
    "site",
    "--modelVersion",
    "Enhanced",
    "--includeEntities",
    "webpage",
    "--includeEntities",
    "webfile",
    "--overwrite",
  ], { cwd: "/work" });
  assertEquals(pacs, ours);
  assertEquals(ours, {
    websiteId: "W",
    path: "/work/site",
    model: "enhanced",
    include: ["webpage", "webfile"],
    exclude: undefined,
    binaries: true,
    overwrite: true,
    host: undefined,
  });
});

Deno.test("pages upload: --src, --dry-run, --strategy and --delete-missing parse; the folder's site id is optional", async () => {
  const options = await captureOptions<PagesUploadOptions>(upload, [
    "--src",
    "site",
    "--dry-run",
    "--strategy",
    "merge",
    "--delete-missing",
    "-e",
    "contoso-test",
  ], { cwd: "/work" });
  assertEquals(options, {
    path: "/work/site",
    websiteId: undefined,
    strategy: "merge",
    model: undefined,
    dryRun: true,
    deleteMissing: true,
    force: false,
    include: undefined,
    exclude: undefined,
    host: { environment: "contoso-test" },
  });
});
