import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";
import { startTenant } from "../../helpers/powerplatform.ts";

const SELF = "8d0c4f6e-0000-4000-8000-000000000001";

Deno.test("env select + dv whoami + environment backup --wait, offline against the emulator", async () => {
  await using t = await startTenant();
  const env = t.env;
  const list = await runPpx(["env", "list"], { env });
  assertEquals(list.code, 0, list.stderr);
  assertIncludes(list.stdout, "ppx emulator");
  assertIncludes(list.stdout, t.emu.url);
  assertIncludes(list.stdout, "Contoso Production");

  const select = await runPpx(["env", "select", "emulator"], { env });
  assertEquals(select.code, 0, select.stderr);
  assertIncludes(select.stderr, SELF);

  const listed = JSON.parse((await runPpx(["env", "list", "--json"], { env })).stdout);
  assertEquals(listed.filter((e: { selected: boolean }) => e.selected).map((e: { id: string }) => e.id), [
    SELF,
  ]);

  const tsv = (await runPpx(["env", "list"], { env })).stdout.split("\n");
  assertEquals(tsv.filter((line) => line.startsWith("*")).length, 1);
  assertIncludes(tsv.find((line) => line.startsWith("*"))!, "ppx emulator");

  const whoami = await runPpx(["dv", "whoami", "--json"], { env });
  assertEquals(whoami.code, 0, whoami.stderr);
  assertEquals(JSON.parse(whoami.stdout).org, t.emu.url);

  const who = await runPpx(["env", "who", "--json"], { env });
  assertEquals(who.code, 0, who.stderr);
  assertEquals(JSON.parse(who.stdout).id, SELF);
  assert(JSON.parse(who.stdout).UserId);

  const backup = await runPpx(["environment", "backup", "--label", "before release", "--wait", "--json"], {
    env,
  });
  assertEquals(backup.code, 0, backup.stderr);
  assertEquals(JSON.parse(backup.stdout).status, "Succeeded");
  const backups = await runPpx(["environment", "backups", "--json"], { env });
  assertEquals(JSON.parse(backups.stdout).map((b: { label: string }) => b.label), ["before release"]);
});

Deno.test("-e on dv resolves an environment to its Dataverse host", async () => {
  await using t = await startTenant();
  const r = await runPpx(["dv", "whoami", "-e", "ppx emulator", "--json"], { env: t.env });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).org, t.emu.url);
});

Deno.test("the real process, with the documented permissions, lists and selects environments", async () => {
  const { runPpxProcess } = await import("../../helpers/cli.ts");
  await using t = await startTenant();
  const selected = await runPpxProcess(["env", "select", "Contoso Production", "--json"], { env: t.env });
  assertEquals(selected.code, 0, selected.stderr);
  assertEquals(JSON.parse(selected.stdout).dataverse_host, "contoso.crm4.dynamics.com");
  const listed = await runPpxProcess(["env", "list"], { env: t.env });
  assertEquals(listed.code, 0, listed.stderr);
  assertIncludes(listed.stdout.split("\n").find((l) => l.startsWith("*")) ?? "", "Contoso Production");
});
