/** argv -> options for `ppx config`: no config file is read. */

import assert from "node:assert/strict";
import { CommanderError } from "@commander-js/extra-typings";
import get from "../../../cli/commands/config/get.ts";
import list from "../../../cli/commands/config/list.ts";
import path from "../../../cli/commands/config/path.ts";
import set from "../../../cli/commands/config/set.ts";
import unset from "../../../cli/commands/config/unset.ts";
import { captureOptions } from "../../helpers/leaf.ts";

/** A commander usage error (missing or extra argument): what cli/main.ts maps to exit 2. */
const usage = (code: string) => (e: unknown) => e instanceof CommanderError && e.code === code;

Deno.test("config get/set/unset: the key and value as typed; list/path take no arguments", async () => {
  assert.deepEqual(await captureOptions(get, ["dataverse_host"]), {
    key: "dataverse_host",
    profile: undefined,
  });
  assert.deepEqual(await captureOptions(set, ["cloud", " usgov "]), { key: "cloud", value: " usgov " });
  assert.deepEqual(await captureOptions(unset, ["token_storage"]), { key: "token_storage" });
  assert.deepEqual(await captureOptions(list, []), { profile: undefined });
  assert.deepEqual(await captureOptions(path, []), {});
});

Deno.test("config: a missing key or value, or an extra argument, is a usage error before anything runs", async () => {
  await assert.rejects(captureOptions(get, []), usage("commander.missingArgument"));
  await assert.rejects(captureOptions(set, ["cloud"]), usage("commander.missingArgument"));
  await assert.rejects(captureOptions(unset, ["a", "b"]), usage("commander.excessArguments"));
  await assert.rejects(captureOptions(path, ["--nope"]), usage("commander.unknownOption"));
});
