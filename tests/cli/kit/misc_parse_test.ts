/** argv -> options of `ppx doctor`, `ppx upgrade` and `ppx completions`: no network. */

import assert from "node:assert/strict";
import completions from "../../../cli/commands/completions.ts";
import doctor from "../../../cli/commands/doctor.ts";
import upgrade from "../../../cli/commands/upgrade.ts";
import { captureOptions } from "../../helpers/leaf.ts";

Deno.test("doctor: --host or --dataverse-host; --no-check-dataverse turns the probe off", async () => {
  assert.deepEqual(await captureOptions(doctor, []), { host: undefined, checkDataverse: true });
  assert.deepEqual(await captureOptions(doctor, ["--host", "contoso.crm.dynamics.com"]), {
    host: "contoso.crm.dynamics.com",
    checkDataverse: true,
  });
  assert.deepEqual(await captureOptions(doctor, ["--dataverse-host", "h", "--no-check-dataverse"]), {
    host: "h",
    checkDataverse: false,
  });
  await assert.rejects(captureOptions(doctor, ["--host"]), /argument missing/);
});

Deno.test("upgrade: --check and --force", async () => {
  assert.deepEqual(await captureOptions(upgrade, []), { checkOnly: false, force: false });
  assert.deepEqual(await captureOptions(upgrade, ["--check", "--force"]), { checkOnly: true, force: true });
  await assert.rejects(captureOptions(upgrade, ["now"]), /too many arguments/);
});

Deno.test("completions: one of the four shells", async () => {
  assert.deepEqual(await captureOptions(completions, ["fish"]), { shell: "fish" });
  await assert.rejects(
    captureOptions(completions, ["tcsh"]),
    /Allowed choices are bash, zsh, fish, powershell/,
  );
});
