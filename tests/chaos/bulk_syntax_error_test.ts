import { assertEquals, assertIncludes } from "../helpers/assert.ts";
import { rowsArgv, startCountingOrg } from "../helpers/bulk.ts";
import { runPpx } from "../helpers/cli.ts";
import { recordChaosRow } from "./_rows.ts";
import { lostAndDuplicated, probeRows, rowsCsv } from "./bulk_shared.ts";

Deno.test("chaos bulk: a syntax error deep in the file: nothing sent; fixed, every row once", async () => {
  await using org = await startCountingOrg();
  const dir = org.dir;
  const n = probeRows(400);
  const good = rowsCsv(n);
  const lines = good.split("\r\n");
  // A stray quote in an unquoted field, and an unterminated one a row later.
  lines[n - 20] = lines[n - 20].replace(/^(B-\d+)?,/, (m) => `${m}x"`);
  lines[n - 19] = lines[n - 19].replace(/,\d+$/, ',"open');
  await Deno.writeTextFile(`${dir}/rows.csv`, lines.join("\r\n"));
  const argv = rowsArgv(10);
  const broken = await runPpx(argv, { env: org.env, cwd: dir });
  const sentBefore = org.batches;
  await Deno.writeTextFile(`${dir}/rows.csv`, good);
  const fixed = await runPpx([...argv, "--json"], { env: org.env, cwd: dir });
  const { lost, duplicated } = await lostAndDuplicated(org, n);
  await recordChaosRow({
    probe: "bulk: syntax error at row n-20, then fixed",
    units: n,
    faults: 2,
    lost,
    duplicated: duplicated + sentBefore,
    leaked: 0,
    exit: broken.code,
  });
  assertEquals(broken.code, 2, broken.stderr);
  assertIncludes(broken.stderr, `line ${n - 19}`);
  assertEquals(sentBefore, 0, "nothing was sent before the error was found");
  assertEquals(fixed.code, 0, fixed.stderr);
  assertEquals([lost, duplicated], [0, 0]);
});
