/** `tenant settings get [KEY.PATH]` and `tenant settings set KEY.PATH VALUE` (lib/powerplatform/tenant_settings.ts). */

import { Command, Option } from "@commander-js/extra-typings";
import { runTenantSettingsGet, runTenantSettingsSet } from "../../../lib/powerplatform/tenant_settings.ts";
import type { App } from "../../app.ts";
import { adminDeps } from "../../admin/deps.ts";

/** `tenant settings get`. */
export function settingsGetCommand(app: App) {
  return new Command("get")
    .description("Print one tenant setting by its dot path (every setting without one)")
    .argument("[key]", "dot path, e.g. powerPlatform.powerApps.disableShareWithEveryone")
    .addHelpText(
      "after",
      "\nExample:\n  ppx tenant settings get disableTrialEnvironmentCreationByNonAdminUsers\n",
    )
    .action(async (key, _o, command) => {
      const ctx = app.context(command);
      const value = await runTenantSettingsGet({ key }, await adminDeps(ctx, ["bap"]));
      if (!ctx.out.machine && (typeof value !== "object" || value === null)) {
        return ctx.io.stdout.write(`${String(value)}\n`);
      }
      ctx.out.print(value);
    });
}

/** `tenant settings set`. */
export function settingsSetCommand(app: App) {
  return new Command("set")
    .description("Change one tenant setting by its dot path; every other setting is sent back unchanged")
    .argument("<key>", "dot path, e.g. powerPlatform.powerApps.disableShareWithEveryone")
    .argument("<value>", "the new value (true/false, a number, text, or JSON for an object)")
    .addOption(new Option("--new", "allow a setting the tenant does not have yet"))
    .addHelpText(
      "after",
      "\nExample:\n  ppx tenant settings set powerPlatform.powerApps.disableShareWithEveryone true\n",
    )
    .action(async (key, value, options, command) => {
      const ctx = app.context(command);
      const r = await runTenantSettingsSet(
        { key, value, allowNew: options.new === true },
        await adminDeps(ctx, ["bap"]),
      );
      if (ctx.out.machine) return ctx.out.print(r);
      if (!r.changed) {
        return ctx.out.notice(`${key} is already ${JSON.stringify(r.after)}; nothing was sent.`);
      }
      ctx.out.success(`${key}: ${JSON.stringify(r.before)} -> ${JSON.stringify(r.after)}`);
    });
}
