/** argv -> options of `ppx env list | select | who`: no network. */

import assert from "node:assert/strict";
import list from "../../../cli/commands/environment/list.ts";
import select from "../../../cli/commands/environment/select.ts";
import who from "../../../cli/commands/environment/who.ts";
import { captureOptions } from "../../helpers/leaf.ts";

Deno.test("env list / select / who: flags become options", async (t) => {
  await t.step("list: --filter and --cloud, both optional", async () => {
    assert.deepEqual(await captureOptions(list, []), { filter: undefined, cloud: undefined });
    assert.deepEqual(await captureOptions(list, ["--filter", "dev", "--cloud", "usgov"]), {
      filter: "dev",
      cloud: "usgov",
    });
  });
  await t.step("select: the environment as typed", async () => {
    assert.deepEqual(await captureOptions(select, ["Contoso Dev"]), {
      query: "Contoso Dev",
      cloud: undefined,
    });
    // pac's spelling.
    assert.equal((await captureOptions(select, ["--environment", "contoso-dev"])).query, "contoso-dev");
  });
  await t.step("who: -e or --environment", async () => {
    assert.deepEqual(await captureOptions(who, ["-e", "contoso-test"]), {
      environment: "contoso-test",
      cloud: undefined,
    });
    assert.deepEqual(await captureOptions(who, []), { environment: undefined, cloud: undefined });
  });
});

Deno.test("env select without an environment, or an unknown flag, is a usage error", async () => {
  await assert.rejects(captureOptions(select, []), /Missing the environment to select/);
  await assert.rejects(captureOptions(list, ["--nope"]), /unknown option '--nope'/);
});
