import { nonInteractivePrompter } from "../../cli/prompter.ts";
import { UsageError } from "../../lib/errors.ts";
import { assertEquals, assertIncludes, assertNotIncludes, assertRejects } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("errors print the message and the hint, without a stack trace", async () => {
  const r = await runPpx(["help", "nonsense"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "error: No help for 'nonsense'.");
  assertIncludes(r.stderr, "Topics: environment");
  assertNotIncludes(r.stderr, "    at ");
});

Deno.test("--debug (or PPX_DEBUG / PACX_DEBUG) adds the stack trace", async () => {
  for (
    const [argv, env] of [
      [["help", "nonsense", "--debug"], {}],
      [["help", "nonsense"], { PPX_DEBUG: "1" }],
      [["help", "nonsense"], { PACX_DEBUG: "yes" }],
    ] as const
  ) {
    const r = await runPpx([...argv], { env: { ...env } });
    assertIncludes(r.stderr, "    at ", JSON.stringify({ argv, env }));
  }
});

Deno.test("without a terminal a question is a usage error naming the flag to pass", async () => {
  const error = await assertRejects(
    () => nonInteractivePrompter.confirm("Delete profile 'dev'? This cannot be undone.", { flag: "--yes" }),
    UsageError,
  );
  assertEquals(error.message, `No terminal to answer "Delete profile 'dev'? This cannot be undone."`);
  assertIncludes(error.hint ?? "", "--yes");
});

Deno.test("an input file that is not there is bad input (exit 2) naming the path, not an unexpected failure", async (t) => {
  await using dir = await tempDir();
  for (
    const [label, argv, file] of [
      ["solution create-settings", ["solution", "create-settings", "--solution-zip", "nope.zip"], "nope.zip"],
      ["connector update", ["connector", "update", "--settings", "nope.json", "-e", "x"], "nope.json"],
    ] as const
  ) {
    await t.step(label, async () => {
      const r = await runPpx([...argv], { cwd: dir.path });
      assertEquals(r.code, 2, r.stderr);
      assertIncludes(r.stderr, `error: No such file or folder: ${dir.path}/${file}\n`);
      assertIncludes(r.stderr, "Check the path");
      assertNotIncludes(r.stderr, "unexpected failure");
    });
  }
});
