/** `ppx upgrade`: replace this binary with the latest release, checksum verified. */

import { Command } from "@commander-js/extra-typings";
import { BUILD, VERSION } from "../../lib/version.ts";
import { releaseSourceFrom } from "../../lib/upgrade/release.ts";
import { runUpgrade, type UpgradeResult } from "../../lib/upgrade/upgrade.ts";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";

/** The options of `ppx upgrade`. */
export interface UpgradeFlags {
  check?: boolean;
  force?: boolean;
}

/** The executable to replace: PPX_UPGRADE_EXECUTABLE (packagers, tests), else the running binary. */
function executablePath(ctx: Context): string {
  return ctx.env.get("PPX_UPGRADE_EXECUTABLE") ?? Deno.execPath();
}

function describe(result: UpgradeResult, checkOnly: boolean): string {
  if (result.upgraded) return `Upgraded ppx ${result.current} -> ${result.latest} (${result.path}).`;
  if (!result.available) return `ppx ${result.current} is the latest release.`;
  return checkOnly
    ? `ppx ${result.latest} is available (you have ${result.current}). Run \`ppx upgrade\` to install it.`
    : `ppx ${result.latest} is available.`;
}

/** Builds `ppx upgrade`. */
export default function upgrade(app: App) {
  return new Command("upgrade")
    .description("Replace this ppx binary with the latest release (checksum verified)")
    .option("--check", "only say whether a newer release exists")
    .option("--force", "reinstall the latest release even when it is not newer")
    .addHelpText(
      "after",
      "\nReleases are read from GitHub (PPX_RELEASE_REPO=owner/name and PPX_RELEASE_API override where).\n" +
        "The archive is checked against the release's SHA256SUMS before anything is replaced.",
    )
    .action(async (flags: UpgradeFlags, command) => {
      const ctx = app.context(command);
      const checkOnly = flags.check === true;
      const result = await runUpgrade({ checkOnly, force: flags.force === true }, {
        http: ctx.http(),
        source: releaseSourceFrom((name) => ctx.env.get(name), BUILD.repository),
        currentVersion: VERSION,
        buildTarget: ctx.env.get("PPX_UPGRADE_EXECUTABLE") ? "test" : BUILD.target,
        executablePath: executablePath(ctx),
        os: Deno.build.os,
        arch: Deno.build.arch,
      });
      if (ctx.out.machine) ctx.out.print(result);
      else ctx.out.notice(describe(result, checkOnly));
    });
}
