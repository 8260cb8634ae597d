/** Parsing only: argv of the part-2 catalog commands becomes the use-case's options (no network). */

import { parseCatalogArgv } from "../../helpers/catalog_flags.ts";
import { commaList } from "../../../cli/commands/admin_groups/dlp_commands.ts";
import { assertEquals } from "../../helpers/assert.ts";

const parse = parseCatalogArgv;

Deno.test("rbac create-environment: -e and typed body flags", async () => {
  const f = await parse("rbac.assignments.create.environment", [
    "-e",
    "prod",
    "--principal-id",
    "u",
    "--role-definition-id",
    "r",
  ]);
  assertEquals(f.environment, "prod");
  assertEquals(f.input.fields, { "--principal-id": "u", "--role-definition-id": "r" });
});

Deno.test("users admin-role apply and analytics dismiss wait unless --no-wait; report submit only with --wait", async () => {
  assertEquals((await parse("users.admin-role.apply", ["-e", "dev"])).input.wait, true);
  assertEquals((await parse("users.admin-role.apply", ["-e", "dev", "--no-wait"])).input.wait, false);
  const d = await parse("analytics.dismiss", ["--scenario", "S", "--recommendation-id", "R"]);
  assertEquals([d.input.wait, d.input.params?.scenario, d.input.params?.recommendationId], [true, "S", "R"]);
  assertEquals((await parse("governance.report.submit", [])).input.wait, false);
  assertEquals(
    (await parse("governance.report.submit", ["--wait", "--timeout", "60"])).input.timeoutMs,
    60_000,
  );
});

Deno.test("governance assignment create: the environment as a positional (or -e), bots take --top", async () => {
  const a = await parse("governance.assignment.create", ["P1", "Contoso Production"]);
  assertEquals([a.input.params?.policyId, a.environment], ["P1", "Contoso Production"]);
  const b = await parse("pva.bots.list", ["--environment-id", "dev", "--top", "5"]);
  assertEquals([b.environment, b.input.top], ["dev", 5]);
});

Deno.test("comma lists drop empty parts and spaces", () => {
  assertEquals(commaList(" a, b,,c "), ["a", "b", "c"]);
  assertEquals(commaList(undefined), undefined);
});
