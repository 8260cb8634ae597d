import { commandWords } from "../../cli/argv.ts";
import { resolveGlobals } from "../../cli/globals.ts";
import { envFrom } from "../../lib/env.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("environment supplies --profile, --debug and --no-prompt; flags win", () => {
  const env = envFrom({ PPX_PROFILE: "ci", PPX_NO_PROMPT: "1", PACX_DEBUG: "1" });
  const g = resolveGlobals({}, env);
  assertEquals([g.profile, g.prompt, g.debug, g.json, g.color], ["ci", false, true, false, "auto"]);
  assertEquals(resolveGlobals({ profile: "dev" }, env).profile, "dev");
  assertEquals(resolveGlobals({}, envFrom({})).prompt, true);
  assertEquals(resolveGlobals({ prompt: false }, envFrom({})).prompt, false);
  assertEquals(resolveGlobals({}, envFrom({ PPX_DEBUG: "0" })).debug, false);
  // PPX_DEBUG, when set, decides over the legacy variable; PACX took any value but 0 (or empty) as on.
  assertEquals(resolveGlobals({}, envFrom({ PPX_DEBUG: "0", PACX_DEBUG: "1" })).debug, false);
  assertEquals(resolveGlobals({}, envFrom({ PPX_DEBUG: "1", PACX_DEBUG: "0" })).debug, true);
  assertEquals(resolveGlobals({}, envFrom({ PACX_DEBUG: "verbose" })).debug, true);
  assertEquals(resolveGlobals({}, envFrom({ PACX_DEBUG: "" })).debug, false);
  assertEquals(resolveGlobals({ debug: true }, envFrom({ PPX_DEBUG: "0" })).debug, true);
});

Deno.test("--output json is the same as --json", () => {
  assertEquals(resolveGlobals({ output: "json" }, envFrom({})).json, true);
});

Deno.test("the command path is found without loading commands, skipping global flags and their values", () => {
  assertEquals(commandWords(["--profile", "dev", "--json", "dv", "list", "accounts"]), [
    "dv",
    "list",
    "accounts",
  ]);
  assertEquals(commandWords(["-o", "yaml", "version"]), ["version"]);
  assertEquals(commandWords(["api", "GET", "/x", "--", "ignored"]), ["api", "GET", "/x"]);
});
