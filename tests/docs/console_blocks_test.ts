/** The parts of the manual-example runner that need no process: parsing, matching, normalising, diffing. */

import { assert, assertEquals } from "../helpers/assert.ts";
import { matchLines, parseExamples, rewriteOutputs } from "../helpers/console_blocks.ts";
import { normalise, unifiedDiff } from "../helpers/golden.ts";

Deno.test("parseExamples finds console commands, continuations, outputs and set-up comments in page order", () => {
  const page = [
    "# Page", // 1
    "<!-- emulator: none -->", // 2
    "<!-- console-setup", // 3
    "echo hidden > a.txt", // 4
    "-->", // 5
    "```console", // 6
    "$ ppx one \\", // 7
    "  --flag", // 8
    "out 1", // 9
    "$ ppx two", // 10
    "```", // 11
    "```sh", // 12
    "$ ppx not-run", // 13
    "```", // 14
  ].join("\n");
  const { mode, steps, problems } = parseExamples(page);
  assertEquals(mode, "none");
  assertEquals(problems, []);
  assertEquals(steps, [
    { kind: "setup", line: 3, command: "echo hidden > a.txt" },
    {
      kind: "command",
      line: 7,
      command: "ppx one \\\n  --flag",
      expected: "out 1",
      output: { line: 9, count: 1 },
    },
    { kind: "command", line: 10, command: "ppx two", expected: "", output: { line: 11, count: 0 } },
  ]);
});

Deno.test("parseExamples names malformed blocks and unknown modes by line", () => {
  const { problems } = parseExamples("<!-- emulator: cloud -->\n```console\noutput without a command\n```\n");
  assertEquals(problems.length, 2);
  assert(problems[0].includes("cloud"));
  assert(problems[1].startsWith("line 3:"), problems[1]);
});

Deno.test("rewriteOutputs replaces a differing output and keeps the blank lines after it", () => {
  const page = "```console\n$ ppx a\nold 1\nold 2\n\n$ ppx b\nsame\n```\n";
  const { steps } = parseExamples(page);
  assertEquals(
    rewriteOutputs(page, [{ step: steps[0], text: "new" }]),
    "```console\n$ ppx a\nnew\n\n$ ppx b\nsame\n```\n",
  );
});

Deno.test("matchLines: `...` alone matches any lines, inside a line any text", () => {
  assert(matchLines(["a", "...", "d"], ["a", "b", "c", "d"]));
  assert(matchLines(["a", "...", "d"], ["a", "d"]));
  assert(matchLines(["bytes     ..."], ["bytes     1154"]));
  assert(!matchLines(["a", "d"], ["a", "b", "d"]));
  assert(!matchLines(["x...y"], ["x.z"]));
});

Deno.test("normalise replaces ids, times, durations, ports, versions and paths on both sides alike", () => {
  const text = "job 45d309dd-6baf-4ed5-8504-f6382c628ccf at 2026-12-04T10:15:00.000Z took 1.2s \n" +
    "POST http://127.0.0.1:41523/x and 127.0.0.1:8750 ppx 0.1.0 solution 1.2.0.0 in /tmp/x/work/a\n" +
    "shared_contosoitems-5f01552b75e043439592 on 2026-12-04, expires 2026-12-…\n\n";
  assertEquals(
    normalise(text, { paths: { "/tmp/x/work": "/work" } }),
    "job <guid> at <time> took <duration>\n" +
      "POST http://127.0.0.1:PORT/x and 127.0.0.1:PORT ppx <version> solution 1.2.0.0 in /work/a\n" +
      "shared_contosoitems-<hex> on <time>, expires <time>…",
  );
});

Deno.test("unifiedDiff shows removed then added lines with context, and nothing for equal texts", () => {
  assertEquals(unifiedDiff("a\nb", "a\nb", { expected: "e", actual: "a" }), "");
  assertEquals(
    unifiedDiff("a\nb\nc", "a\nB\nc", { expected: "page.md:3", actual: "actual" }),
    "--- page.md:3\n+++ actual\n@@ expected line 1 @@\n a\n-b\n+B\n c",
  );
});
