/**
 * Chaos: a damaged or unusual config.json. A byte order mark is read; every damaged file is reported
 * (exit 1, the file named, no stack trace) and left exactly as it was (lost 0: nothing of it destroyed).
 */

import { join } from "node:path";
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { chaosScale, recordChaosRow } from "./_rows.ts";
import { tempDir } from "../helpers/fixtures.ts";

const GOOD = '{\n  "version": 1,\n  "default": null,\n  "profiles": {}\n}\n';
const enc = new TextEncoder();

function damaged(seed: number): { name: string; bytes: Uint8Array }[] {
  const good = enc.encode(GOOD);
  const random = new Uint8Array(64).map((_, i) => (i * 131 + seed * 17) & 0xff);
  return [
    { name: "truncated", bytes: good.subarray(0, good.length - 7 - (seed % 5)) },
    { name: "empty", bytes: new Uint8Array() },
    { name: "NUL bytes", bytes: new Uint8Array(32) },
    { name: "random bytes", bytes: random },
    {
      name: "UTF-16 with BOM",
      bytes: new Uint8Array([0xff, 0xfe, ...[...GOOD].flatMap((c) => [c.charCodeAt(0), 0])]),
    },
    { name: "a JSON array", bytes: enc.encode("[1, 2]") },
    { name: "two BOMs", bytes: new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...good]) },
  ];
}

Deno.test("chaos files: damaged config.json files are reported and kept; a BOM is read", async () => {
  await using rootTemp = await tempDir("ppx-chaos-config-");
  const root = rootTemp.path;
  const dir = join(root, "cfg");
  await Deno.mkdir(dir, { mode: 0o700 });
  const file = join(dir, "config.json");
  const env = { PPX_CONFIG_DIR: dir, HOME: root };
  let units = 0;
  let faults = 0;
  let lost = 0;
  let leaked = 0;
  let worst = 0;
  for (let seed = 0; seed < Math.max(1, Math.round(chaosScale())); seed++) {
    // A byte order mark (some Windows editors write one) is not damage.
    await Deno.writeFile(file, new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(GOOD)]), { mode: 0o600 });
    const bom = await runPpx(["profile", "list", "--json"], { env, homeDir: root });
    units++;
    assertEquals(bom.code, 0, bom.stderr);
    for (const { name, bytes } of damaged(seed)) {
      units++;
      faults++;
      await Deno.writeFile(file, bytes, { mode: 0o600 });
      const r = await runPpx(["profile", "list"], { env, homeDir: root });
      if (r.code !== 1) worst = r.code;
      assertEquals(r.code, 1, `${name}: ${r.stderr}`);
      assertIncludes(r.stderr, "config.json", name);
      assertNotIncludes(r.stderr, "    at ", `${name}: no stack trace`);
      const after = await Deno.readFile(file);
      if (after.length !== bytes.length || after.some((b, i) => b !== bytes[i])) lost++;
      const temps = (await Array.fromAsync(Deno.readDir(dir))).filter((e) => e.name.endsWith(".tmp"));
      leaked += temps.length;
    }
  }
  await recordChaosRow({
    probe: "files: damaged config.json (truncated, empty, NUL, random, UTF-16, array, 2 BOMs) + BOM",
    units,
    faults,
    lost,
    duplicated: 0,
    leaked,
    exit: worst || 1,
  });
  assertEquals({ lost, leaked, worst }, { lost: 0, leaked: 0, worst: 0 });
});
