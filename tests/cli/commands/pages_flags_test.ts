import { assertEquals } from "../../helpers/assert.ts";
import { list, parseModel, parseStrategy } from "../../../cli/commands/pages/shared.ts";
import { runPpx } from "../../helpers/cli.ts";
import { UsageError } from "../../../lib/errors.ts";

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
