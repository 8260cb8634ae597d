/** Parsing only: argv of generated commands becomes the use-case's options (no network, no context). */

import { parseCatalogArgv } from "../../helpers/catalog_flags.ts";
import { UsageError } from "../../../lib/errors.ts";
import { assertEquals, assertRejects } from "../../helpers/assert.ts";

const parse = parseCatalogArgv;

Deno.test("copy: positional target, typed flags, --validate-only, --no-wait, --timeout in seconds", async () => {
  const f = await parse("environment.copy", [
    "Contoso Test",
    "--source",
    "prod",
    "--type",
    "full",
    "--validate-only",
    "--no-wait",
    "--timeout",
    "90",
  ]);
  assertEquals(f.environment, "Contoso Test");
  assertEquals(f.input.fields, { "--source": "prod", "--type": "full" });
  assertEquals(f.input.validateOnly, true);
  assertEquals(f.input.wait, false);
  assertEquals(f.input.timeoutMs, 90_000);
});

Deno.test("--environment-id is -e; lists take --all and --top; query flags land in params", async () => {
  const f = await parse("flows.list", ["--environment-id", "dev", "--owner-id", "o1", "--all", "--top", "7"]);
  assertEquals(f.environment, "dev");
  assertEquals(f.input.params?.ownerId, "o1");
  assertEquals(f.input.all, true);
  assertEquals(f.input.top, 7);
});

Deno.test("package installs wait unless --no-wait; --payload is kept as typed", async () => {
  assertEquals((await parse("packages.install", ["pkg", "-e", "dev"])).input.wait, true);
  assertEquals((await parse("packages.install", ["pkg", "-e", "dev", "--no-wait"])).input.wait, false);
  assertEquals((await parse("environment.backup", ["-e", "dev", "--payload", "@b.json"])).payload, "@b.json");
  assertEquals((await parse("environment.backup", ["-e", "dev"])).input.wait, false);
});

Deno.test("the environment given twice, differently, is a usage error", async () => {
  await assertRejects(() => parse("environment.show", ["a", "-e", "b"]), UsageError, "once");
});
