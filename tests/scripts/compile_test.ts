import { INCLUDES, PERMISSIONS, plan, TARGETS, V8_FLAGS } from "../../scripts/compile.ts";
import { VERSION } from "../../lib/version.ts";
import { PPX_PERMISSIONS } from "../helpers/cli.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

Deno.test("the release builds five targets, each archived, with the CLI's documented permissions", () => {
  assertEquals(TARGETS.length, 5);
  const steps = plan();
  assertEquals(steps.map((s) => s.archive.split(".").slice(-1)[0]), ["gz", "gz", "gz", "gz", "zip"]);
  for (const s of steps) {
    assert(s.archive.includes(`ppx-${VERSION}-${s.target}`), s.archive);
    assertEquals(s.args.slice(0, 3), ["compile", "--target", s.target]);
    for (const p of [...PERMISSIONS, ...V8_FLAGS]) assert(s.args.includes(p), `${p} in ${s.args}`);
    for (const f of INCLUDES) assert(s.args.includes(f));
    assertEquals(s.args.at(-1), "cli/main.ts");
  }
  assertEquals([...PERMISSIONS].sort(), [...PPX_PERMISSIONS].sort());
});

Deno.test("deno.json's version, lib/version.ts and the compile script agree", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assertEquals(config.version, VERSION);
  assert(config.tasks.compile.includes("scripts/compile.ts"));
  for (const p of [...PERMISSIONS, ...V8_FLAGS]) {
    assert(config.tasks.ppx.includes(p) && config.tasks.install.includes(p), p);
  }
});
