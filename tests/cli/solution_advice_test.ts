/**
 * lib/solutions says what to fix as data (`SolutionAdvice`); the solution commands word it with their flags
 * and commands. The words are the ones ppx printed before lib stopped naming flags.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { adviceHint, wordError } from "../../cli/commands/solution/advice.ts";
import { TimeoutError, ValidationError } from "../../lib/errors.ts";
import { advised, type SolutionAdvice } from "../../lib/solutions/advice.ts";
import { runPpx } from "../helpers/cli.ts";
import { tempDir } from "../helpers/fixtures.ts";
import { buildSolution } from "../lib/solutions/fixtures.ts";

/** Every advice kind and the hint the CLI prints for it. */
const HINTS: [SolutionAdvice, string][] = [
  [{ kind: "check-path", input: "folder" }, "Check the --folder path."],
  [{ kind: "check-path", input: "zipfile" }, "Check the --zipfile path."],
  [{ kind: "check-path", input: "map" }, "Check the --map path."],
  [{ kind: "check-path", input: "path" }, "Check --path."],
  [{ kind: "pass-zip", input: "zipfile" }, "Pass a .zip file to --zipfile."],
  [{ kind: "choose-another", input: "folder" }, "Choose another --folder."],
  [{ kind: "overwrite" }, "Pass --overwrite to replace it, or another --out."],
  [
    { kind: "package-type", actual: "Managed" },
    "Use --packagetype Managed, or leave it out to take the type from the zip.",
  ],
  [
    { kind: "both-needs-unmanaged" },
    "With --packagetype Both pass the unmanaged zip; its managed twin must sit beside it as <name>_managed.zip.",
  ],
  [
    { kind: "unpack-both" },
    "Solutions change type only through an environment (import, then export as the other type). Unpack both types with --packagetype Both to pack either.",
  ],
  [
    { kind: "symlink-in-tree" },
    "Replace the link with the file it points to, or use --map to read it from elsewhere.",
  ],
  [
    { kind: "mapped-file-missing", path: "x" },
    "Build the mapped files first (for example the plug-in or web project), or fix the map.",
  ],
  [
    { kind: "pack-raw" },
    "This looks like a plain unzip of a solution; zip it with `ppx solution pack --raw`.",
  ],
  [
    { kind: "point-at-source" },
    "Point --folder at the folder that contains Other/ (for pac projects, the src/ folder).",
  ],
  [
    { kind: "unpack-raw" },
    "Pass a solution exported from Dataverse. To extract any other zip use `ppx solution unpack --raw`.",
  ],
  [
    { kind: "zip-contents" },
    "Zip the solution's contents, not the folder that holds them (or use `ppx solution pack`).",
  ],
  [
    { kind: "data-package" },
    "Import data packages with the Configuration Migration tool; `ppx solution` handles solutions.",
  ],
  [{ kind: "not-a-zip" }, "Pass a solution .zip exported from Dataverse or built by `ppx solution pack`."],
  [{ kind: "not-a-solution" }, "Pass a solution exported from Dataverse or built by `ppx solution pack`."],
  [
    { kind: "canvas-source", app: "new_app" },
    "Pack the app with `pac canvas pack` into CanvasApps/new_app_DocumentUri.msapp, or unpack the solution again with `ppx solution unpack --process-canvas-apps`.",
  ],
  [
    { kind: "settings-shape" },
    'Expected { "EnvironmentVariables": [{ "SchemaName", "Value" }], "ConnectionReferences": [{ "LogicalName", "ConnectionId", "ConnectorId" }] } (`ppx solution create-settings` writes one).',
  ],
  [{ kind: "unpacked-folder" }, "Pass the folder `ppx solution unpack` wrote (the one that holds Other/)."],
  [
    { kind: "unique-name", when: "find" },
    "Check the unique name with `ppx solution list` (names are unique names, not display names).",
  ],
  [
    { kind: "unique-name", when: "export" },
    "Check the solution's unique name with `ppx solution list` (unique names, not display names).",
  ],
  [{ kind: "check-dependencies" }, "Check the solution for missing dependencies with `ppx solution check`."],
  [{ kind: "raise-max-wait" }, "Raise --max-wait."],
  [
    { kind: "reattach-import", importJobId: "j1" },
    "It keeps running on the server. Reattach with `ppx solution import-status j1 --wait`.",
  ],
];

Deno.test("solution advice: each kind is worded with the flag or command that fixes it", () => {
  for (const [advice, hint] of HINTS) assert.equal(adviceHint(advice), hint, advice.kind);
});

Deno.test("solution advice: a worded error keeps its class, code and exit code; others pass through", () => {
  const original = advised(
    new ValidationError("a.xml is mapped by the mapping file, but no mapped file exists."),
    {
      kind: "mapped-file-missing",
      path: "a.xml",
    },
  );
  const worded = wordError(original) as ValidationError;
  assert.ok(worded instanceof ValidationError);
  assert.equal(worded.code, "validation");
  assert.equal(worded.exitCode, 2);
  assert.equal(worded.message, "a.xml is mapped by --map, but no mapped file exists.");
  assert.equal(worded.hint, HINTS.find(([a]) => a.kind === "mapped-file-missing")![1]);
  assert.equal(original.message, "a.xml is mapped by the mapping file, but no mapped file exists.");
  const timeout = wordError(
    advised(new TimeoutError("slow", { hint: "Wait longer." }), { kind: "raise-max-wait" }),
  );
  assert.ok(timeout instanceof TimeoutError);
  assert.equal(timeout.hint, "Raise --max-wait.");
  assert.equal(timeout.message, "slow");
  const plain = new ValidationError("plain", { hint: "as it was" });
  assert.equal(wordError(plain), plain);
});

Deno.test("solution pack / unpack: bad paths and types print the flag to fix (exit 2)", async (t) => {
  await using dir = await tempDir();
  const zip = await buildSolution(dir.path);
  const run = (argv: string[]) => runPpx(["solution", ...argv], { cwd: dir.path });

  await t.step("a missing folder or zip", async () => {
    const pack = await run(["pack", "--folder", "nope"]);
    assert.equal(pack.code, 2);
    assert.equal(pack.stderr, `error: ${dir.path}/nope does not exist.\nCheck the --folder path.\n`);
    const unpack = await run(["unpack", "--zipfile", "nope.zip"]);
    assert.equal(unpack.code, 2);
    assert.equal(unpack.stderr, `error: ${dir.path}/nope.zip does not exist.\nCheck the --zipfile path.\n`);
    const folderAsZip = await run(["unpack", "--zipfile", ".", "--raw"]);
    assert.equal(folderAsZip.code, 2);
    assert.match(folderAsZip.stderr, /is not a file\.\nPass a \.zip file to --zipfile\.\n$/);
  });

  await t.step("the wrong package type names the one the zip has", async () => {
    const wrong = await run(["unpack", "--zipfile", zip, "--folder", "m", "--packagetype", "Managed"]);
    assert.equal(wrong.code, 2);
    assert.match(
      wrong.stderr,
      /is an unmanaged solution, not managed\.\nUse --packagetype Unmanaged, or leave it out to take the type from the zip\.\n$/,
    );
  });

  await t.step("a plain unzip is packed with --raw", async () => {
    await Deno.mkdir(join(dir.path, "plain"));
    await Deno.writeTextFile(join(dir.path, "plain/solution.xml"), "<a/>");
    await Deno.writeTextFile(join(dir.path, "plain/customizations.xml"), "<a/>");
    const plain = await run(["pack", "--folder", "plain"]);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /zip it with `ppx solution pack --raw`\.\n$/);
  });
});
