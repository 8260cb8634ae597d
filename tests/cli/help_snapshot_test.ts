/**
 * Help text of the root, every command group and every command under it (nested groups included) is pinned
 * in tests/snapshots/help/. After an intended change run `deno task snapshots` and review the diff.
 */

import { GROUPS } from "../../cli/commands/registry.ts";
import { assertEquals } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { assertSnapshot, UPDATE_SNAPSHOTS } from "../helpers/golden.ts";

const DIR = new URL("../snapshots/help/", import.meta.url);

/** Snapshot names this run checked, to find snapshots no command has any more. */
const checked = new Set<string>(["root"]);
let groupsDone = 0;

async function check(name: string, argv: string[]): Promise<string> {
  const { code, stdout, stderr } = await runPpx(argv, { columns: 100 });
  assertEquals(code, 0, `${argv.join(" ")} exit code; stderr:\n${stderr}`);
  checked.add(name);
  await assertSnapshot(
    new URL(`${name}.txt`, DIR),
    stdout,
    `help of '${["ppx", ...argv.slice(0, -1)].join(" ")}'`,
  );
  return stdout;
}

/** Checks the help of a command and, when it is a group, of every command under it. */
async function checkTree(path: string[]): Promise<void> {
  const stdout = await check(path.join("-"), [...path, "--help"]);
  // The section ends at its blank line (an Examples section follows).
  const section = stdout.split("\nCommands:\n")[1]?.split("\n\n")[0];
  if (!section) return;
  for (const line of section.split("\n")) {
    const sub = /^ {2}([a-z][\w-]*)/.exec(line)?.[1];
    if (sub && sub !== "help") await checkTree([...path, sub]);
  }
}

Deno.test("root help matches its snapshot", () => check("root", ["--help"]).then(() => {}));

const visible = GROUPS.filter((g) => !g.hidden);
for (const group of visible) {
  Deno.test(`help of '${group.name}' and of every command under it match their snapshots`, async () => {
    await checkTree([group.name]);
    groupsDone++;
  });
}

Deno.test({
  name: "every help snapshot belongs to a command (stale ones are removed by `deno task snapshots`)",
  // Runs after the group tests of this file, which fill `checked`.
  fn: async () => {
    if (groupsDone < visible.length) return; // a filtered run: not every group was walked
    const stale: string[] = [];
    for await (const entry of Deno.readDir(DIR)) {
      const name = entry.name.replace(/\.txt$/, "");
      if (checked.has(name)) continue;
      if (UPDATE_SNAPSHOTS) await Deno.remove(new URL(entry.name, DIR));
      else stale.push(entry.name);
    }
    assertEquals(stale, [], "help snapshots of commands that no longer exist; run `deno task snapshots`");
  },
});
