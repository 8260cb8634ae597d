/** `ppx coe inventory|makers|metrics|export` against the emulated tenant (several environments). */

import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";
import { startGovernanceTenant } from "../../helpers/governance.ts";
import { tempDir } from "../../helpers/fixtures.ts";

const PROD = "8d0c4f6e-0000-4000-8000-000000000004";

Deno.test("metrics count apps, flows, custom connectors and bots per environment", async () => {
  await using t = await startGovernanceTenant();
  const r = await runPpx(["coe", "metrics", "--json"], { env: t.env });
  assertEquals(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Record<string, number | string>[];
  const prod = rows.find((x) => x.environmentId === PROD)!;
  assertEquals([prod.apps, prod.flows, prod.connectors, prod.bots, prod.total], [2, 1, 0, 1, 4]);
  assertEquals(rows.reduce((n, x) => n + Number(x.total), 0), 16);
});

Deno.test("makers are distinct owners with counts; -e limits the environments", async () => {
  await using t = await startGovernanceTenant();
  const all = JSON.parse((await runPpx(["coe", "makers", "--json"], { env: t.env })).stdout);
  assertEquals(all.map((m: { owner: string }) => m.owner), ["Emulator User", "Avery Maker", "Kai Builder"]);
  const prod = JSON.parse(
    (await runPpx(["coe", "makers", "-e", "Contoso Production", "--json"], { env: t.env })).stdout,
  );
  assertEquals(prod.map((m: { owner: string; total: number }) => [m.owner, m.total]), [["Kai Builder", 2], [
    "Avery Maker",
    1,
  ]]);
});

Deno.test("export inventory to CSV: fixed header, one row per item, written atomically", async () => {
  await using t = await startGovernanceTenant();
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const r = await runPpx(["coe", "export", "--out", "inv.csv"], { env: t.env, cwd: dir });
  assertEquals(r.code, 0, r.stderr);
  const lines = (await Deno.readTextFile(`${dir}/inv.csv`)).trim().split("\n");
  assertEquals(lines[0], "environmentId,environment,type,id,name,owner,ownerId,lastModified");
  assertEquals(lines.length, 17);
  assert(lines.some((l) => l.includes(",bot,") && l.includes("Customer FAQ")));
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["inv.csv"]);
});

Deno.test("export makers as JSON to stdout and metrics as CSV; a bad --format is exit 2 and writes nothing", async () => {
  await using t = await startGovernanceTenant();
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const j = await runPpx(["coe", "export", "-r", "makers", "--out", "-", "-f", "json"], { env: t.env });
  assertEquals(j.code, 0, j.stderr);
  assertEquals(JSON.parse(j.stdout).value.length, 3);
  const c = await runPpx(["coe", "export", "-r", "metrics", "--out", "m.csv"], { env: t.env, cwd: dir });
  assertEquals(c.code, 0, c.stderr);
  assertEquals(
    (await Deno.readTextFile(`${dir}/m.csv`)).split("\n")[0],
    "environmentId,environment,apps,flows,connectors,bots,total",
  );
  const bad = await runPpx(["coe", "export", "--out", "x.txt", "-f", "xml"], { env: t.env, cwd: dir });
  assertEquals(bad.code, 2);
  assertIncludes(bad.stderr, "csv or json");
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["m.csv"]);
});

Deno.test("an environment whose bots cannot be read is skipped with a warning; the rest is counted", async () => {
  await using t = await startGovernanceTenant();
  t.gov.forbid(`/copilotstudio/environments/${PROD}`);
  const r = await runPpx(["coe", "metrics", "-e", PROD, "--json"], { env: t.env });
  assertEquals(r.code, 0, r.stderr);
  assertIncludes(r.stderr, "Skipped the bots of Contoso Production");
  assertEquals(JSON.parse(r.stdout)[0].bots, 0);
});
