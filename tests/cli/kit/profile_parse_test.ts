/** argv -> options for `ppx profile`: no config file is read. */

import assert from "node:assert/strict";
import { CommanderError } from "@commander-js/extra-typings";
import deleteCommand from "../../../cli/commands/profile/delete.ts";
import list from "../../../cli/commands/profile/list.ts";
import rename from "../../../cli/commands/profile/rename.ts";
import setEnv from "../../../cli/commands/profile/set_env.ts";
import setHost from "../../../cli/commands/profile/set_host.ts";
import show from "../../../cli/commands/profile/show.ts";
import use from "../../../cli/commands/profile/use.ts";
import { captureOptions } from "../../helpers/leaf.ts";

const usage = (code: string) => (e: unknown) => e instanceof CommanderError && e.code === code;

Deno.test("profile: names, ids and hosts as typed; the optional profile stays undefined", async () => {
  assert.deepEqual(await captureOptions(list, []), {});
  assert.deepEqual(await captureOptions(show, []), { name: undefined });
  assert.deepEqual(await captureOptions(show, ["work"]), { name: "work" });
  assert.deepEqual(await captureOptions(use, ["work"]), { name: "work" });
  assert.deepEqual(await captureOptions(deleteCommand, ["old"]), { name: "old" });
  assert.deepEqual(await captureOptions(rename, ["a", "b"]), { from: "a", to: "b" });
  assert.deepEqual(await captureOptions(setEnv, ["Default-1"]), {
    environmentId: "Default-1",
    profile: undefined,
  });
  assert.deepEqual(await captureOptions(setEnv, ["e1", "work"]), { environmentId: "e1", profile: "work" });
  assert.deepEqual(await captureOptions(setHost, ["org.crm.dynamics.com", "work"]), {
    host: "org.crm.dynamics.com",
    profile: "work",
  });
});

Deno.test("profile: missing or extra arguments are usage errors before anything runs", async () => {
  await assert.rejects(captureOptions(use, []), usage("commander.missingArgument"));
  await assert.rejects(captureOptions(rename, ["a"]), usage("commander.missingArgument"));
  await assert.rejects(captureOptions(deleteCommand, ["a", "b"]), usage("commander.excessArguments"));
  await assert.rejects(captureOptions(setHost, []), usage("commander.missingArgument"));
  await assert.rejects(captureOptions(list, ["--all"]), usage("commander.unknownOption"));
});
