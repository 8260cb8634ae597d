/**
 * The outputs docs/reference/commands.md shows under the examples are what those examples print today:
 * the capture runs again against a fresh `ppx emulator start` and must give the committed text (ids,
 * times and the port normalised). After an intended change of output run
 * `deno run -A scripts/capture_examples.ts && deno task docs` and review the diff.
 */

import type { Command } from "@commander-js/extra-typings";
import { App } from "../../cli/app.ts";
import { commandExamples } from "../../cli/help/example_sections.ts";
import { BufferIO } from "../../cli/output/io.ts";
import { configureTree } from "../../cli/tree.ts";
import { envFrom } from "../../lib/env.ts";
import { captureOutputs, OUTPUTS, SLOW } from "../../scripts/capture_examples.ts";
import { commandReference } from "../../scripts/gen_docs.ts";
import { SAYS } from "../../scripts/example_says.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

type AnyCommand = Command<unknown[], Record<string, unknown>, Record<string, unknown>>;

const committed = JSON.parse(await Deno.readTextFile(OUTPUTS)) as Record<string, { exit?: number }>;

Deno.test("every captured output belongs to an example of the tree, and none failed", async () => {
  const io = new BufferIO({});
  const root = await new App({ io, env: envFrom({}) }).fullTree() as unknown as AnyCommand;
  configureTree(root, io);
  const lines = new Set<string>();
  const walk = (c: AnyCommand) => {
    for (const e of commandExamples(c).examples) lines.add(e.command);
    for (const sub of c.commands as AnyCommand[]) walk(sub);
  };
  walk(root);
  assertEquals(Object.keys(committed).filter((line) => !lines.has(line)), [], "outputs of no example");
  assertEquals(Object.keys(SAYS).filter((line) => !lines.has(line)), [], "SAYS of no example");
  assertEquals(Object.entries(committed).filter(([, o]) => o.exit !== undefined).map(([l]) => l), []);
});

Deno.test("the examples print what the reference shows (against a fresh emulator)", async () => {
  // The solution export and import examples wait as long as Dataverse would (40 s): not here.
  const expected = Object.fromEntries(Object.entries(committed).filter(([line]) => !SLOW.has(line)));
  assertEquals(
    await captureOutputs({ quick: true }),
    expected,
    "run `deno run -A scripts/capture_examples.ts && deno task docs` if the change is intended",
  );
});

Deno.test("the reference says what every example prints (captured, hand-written or from its operation)", async () => {
  const reference = await commandReference();
  const unsaid = reference.split("\n").filter((line) => line.startsWith("Does: "));
  assertEquals(unsaid, [], "add a line to scripts/example_says.ts");
  assert(reference.includes("```sh\nppx dv whoami\n```\n\n```text\norg "), "a captured output is shown");
});
