/**
 * Help text per command group is pinned in tests/snapshots/help/. After an intended change run
 * `UPDATE_SNAPSHOTS=1 deno test -A tests/cli/help_snapshot_test.ts` and review the diff.
 */

import { GROUPS } from "../../cli/commands/registry.ts";
import { assertEquals } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";

const DIR = new URL("../snapshots/help/", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_SNAPSHOTS") === "1";

async function check(name: string, argv: string[]) {
  const { code, stdout } = await runPpx(argv, { columns: 100 });
  assertEquals(code, 0, `${argv.join(" ")} exit code`);
  const file = new URL(`${name}.txt`, DIR);
  if (UPDATE) return await Deno.writeTextFile(file, stdout);
  let expected: string;
  try {
    expected = await Deno.readTextFile(file);
  } catch {
    throw new Error(
      `no help snapshot for '${
        argv.join(" ")
      }': run UPDATE_SNAPSHOTS=1 deno test -A ${"tests/cli/help_snapshot_test.ts"}`,
    );
  }
  assertEquals(stdout, expected, `help of '${argv.join(" ")}' changed; update the snapshot if intended`);
}

Deno.test("root help matches its snapshot", () => check("root", ["--help"]));

for (const group of GROUPS.filter((g) => !g.hidden)) {
  Deno.test(`help of '${group.name}' matches its snapshot`, async () => {
    await check(group.name, [group.name, "--help"]);
    // Every sub-command of the group is pinned too.
    const { stdout } = await runPpx([group.name, "--help"], { columns: 100 });
    // The section ends at its blank line (an Examples section follows).
    const section = stdout.split("\nCommands:\n")[1]?.split("\n\n")[0];
    if (!section) return;
    for (const line of section.split("\n")) {
      const sub = /^ {2}([a-z][\w-]*)/.exec(line)?.[1];
      if (sub && sub !== "help") await check(`${group.name}-${sub}`, [group.name, sub, "--help"]);
    }
  });
}
