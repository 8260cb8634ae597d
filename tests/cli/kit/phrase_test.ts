// lib/ errors keep options and commands as data; the command line spells them (issue 13).

import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { ApiError, command, option, phrase, UsageError } from "../../../lib/errors.ts";
import { cliText, flagOf, phraseError } from "../../../cli/kit/phrase.ts";

Deno.test("an error's references are data, spelled by each front end", async (t) => {
  const error = new UsageError(phrase`${option("chunkSize")} must be at most 1000.`, {
    hint: phrase`See \`${command("dv", "bulk-csv", "--help")}\`, or drop ${option("mode", "multiple")}.`,
  });
  await t.step("the library spells option names and command words", () => {
    assertEquals(error.message, "chunkSize must be at most 1000.");
    assertEquals(error.hint, "See `dv bulk-csv --help`, or drop mode multiple.");
    assertEquals(error.option, "chunkSize");
    assertEquals(error.suggestion, { command: ["dv", "bulk-csv", "--help"] });
  });
  await t.step("the command line spells flags and ppx command lines", () => {
    assertEquals(phraseError(error), {
      message: "--chunk-size must be at most 1000.",
      hint: "See `ppx dv bulk-csv --help`, or drop --mode multiple.",
    });
  });
});

Deno.test("flag spellings: kebab case, negation, short forms, overrides, catalog data", () => {
  assertEquals(flagOf(option("keyColumns")), "--key-columns");
  assertEquals(flagOf(option("createIfMissing", undefined, { negated: true })), "--no-create-if-missing");
  assertEquals(flagOf(option("environment", undefined, { short: true })), "-e");
  assertEquals(flagOf(option("checkpointPath")), "--checkpoint");
  assertEquals(
    flagOf(option("roleDefinitionId", undefined, { flag: "--role-definition-id" })),
    "--role-definition-id",
  );
  assertEquals(cliText("plain text"), "plain text");
});

Deno.test("a wrapper that copied its cause's hint gets the command line's spelling back", () => {
  const cause = new ApiError("401", { status: 401 }, {
    hint: phrase`Sign in with \`${command("auth", "login")}\`.`,
  });
  const wrapper = new UsageError("Setup stopped.", { hint: `${cause.hint}\nFix it and run again.`, cause });
  assertEquals(phraseError(wrapper).hint, "Sign in with `ppx auth login`.\nFix it and run again.");
});
