/** Parsing only: argv of generated commands becomes the use-case's options (no network, no context). */

import type { Command } from "@commander-js/extra-typings";
import type { App } from "../../../cli/app.ts";
import { type CatalogFlags, catalogFlags, operationCommand } from "../../../cli/admin/builder.ts";
import { operation } from "../../../lib/powerplatform/catalog/mod.ts";
import { UsageError } from "../../../lib/errors.ts";
import { assertEquals, assertRejects } from "../../helpers/assert.ts";

async function parse(id: string, argv: string[]): Promise<CatalogFlags> {
  const op = operation(id);
  // deno-lint-ignore no-explicit-any
  const command = operationCommand({} as App, op) as Command<any, any, any>;
  let captured: CatalogFlags | undefined;
  const positionals = (op.params ?? []).filter((p) => p.positional).length;
  command.exitOverride().action((...args: unknown[]) => {
    captured = catalogFlags(
      op,
      args.slice(0, positionals) as string[],
      args.at(-2) as Record<string, unknown>,
    );
  });
  await command.parseAsync(argv, { from: "user" });
  return captured!;
}

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
