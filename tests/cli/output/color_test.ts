import { colorEnabled } from "../../../cli/output/color.ts";
import { envFrom } from "../../../lib/env.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";

Deno.test("colour: --color wins, NO_COLOR turns auto off, FORCE_COLOR turns it on", () => {
  assertEquals(colorEnabled("always", false, envFrom({ NO_COLOR: "1" })), true);
  assertEquals(colorEnabled("never", true, envFrom({})), false);
  assertEquals(colorEnabled("auto", true, envFrom({ NO_COLOR: "1" })), false);
  assertEquals(colorEnabled("auto", false, envFrom({ FORCE_COLOR: "1" })), true);
  assertEquals(colorEnabled("auto", true, envFrom({ TERM: "dumb" })), false);
  assertEquals(colorEnabled("auto", true, envFrom({})), true);
});

Deno.test("a terminal gets bold headers unless NO_COLOR is set", async () => {
  const coloured = await runPpx(["version"], { tty: true });
  assertEquals(coloured.stdout.includes("\x1b[1m"), true);
  const plain = await runPpx(["version"], { tty: true, env: { NO_COLOR: "1" } });
  assertEquals(plain.stdout.includes("\x1b["), false);
  const forced = await runPpx(["version", "--color", "always"], { tty: false });
  assertEquals(forced.stdout.includes("\x1b["), false, "TSV output stays plain");
});
