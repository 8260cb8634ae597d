// Help wraps at the terminal width in every group (command lines to copy excepted).
import { assertEquals } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { GROUPS } from "../../cli/commands/registry.ts";
import { wrapHelp } from "../../cli/help/wrap.ts";

const COMMAND_LINE = /^\s*(ppx|\$|curl|GH_TOKEN=|export|source|deno)\b/;

Deno.test("every group's help, the root help and help topics fit 80 columns", async () => {
  const pages = [
    ["--help"],
    ...GROUPS.map((g) => [g.name, "--help"]),
    ["dv", "list", "--help"],
    ["auth", "create", "--help"],
    ["help", "environment"],
    ["help", "dv", "list"],
  ];
  for (const argv of pages) {
    const r = await runPpx(argv, { columns: 80 });
    assertEquals(r.code, 0, argv.join(" "));
    const long = r.stdout.split("\n").filter((line) =>
      line.length > 80 && !COMMAND_LINE.test(line) && / \S/.test(line.trim())
    );
    assertEquals(long, [], `ppx ${argv.join(" ")}`);
  }
});

Deno.test("wrapHelp keeps indentation and the second column", () => {
  const line = "  NAME        " + "word ".repeat(20).trim();
  const wrapped = wrapHelp(line, 50).split("\n");
  assertEquals(wrapped.every((l) => l.length <= 50), true);
  assertEquals(wrapped[1].startsWith(" ".repeat(14) + "word"), true);
  assertEquals(wrapHelp(line, 30), line, "too narrow: left alone");
});
