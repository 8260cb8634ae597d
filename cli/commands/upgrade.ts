/** `ppx upgrade`: replace this binary with the latest release, checksum verified. */

import { Command } from "@commander-js/extra-typings";
import { BUILD, VERSION } from "../../lib/version.ts";
import { releaseSourceFrom } from "../../lib/upgrade/release.ts";
import type { UpgradeOptions, UpgradeResult } from "../../lib/upgrade/upgrade.ts";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import type { RunF } from "../kit/leaf.ts";

/** The options `ppx upgrade` parses its argv into (the use-case's own). */
export type UpgradeCommandOptions = UpgradeOptions;

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

/** Builds `ppx upgrade`; `runF` receives the parsed options (tests capture them). */
export default function upgrade(app: App, runF: RunF<UpgradeCommandOptions> = runUpgradeCommand) {
  return new Command("upgrade")
    .description("Replace this ppx binary with the latest release (checksum verified)")
    .option("--check", "only say whether a newer release exists")
    .option("--force", "reinstall the latest release even when it is not newer")
    .addHelpText(
      "after",
      "\nReleases are read from GitHub (PPX_RELEASE_REPO=owner/name and PPX_RELEASE_API override where).\n" +
        "The archive is checked against the release's SHA256SUMS before anything is replaced.",
    )
    .action(async (flags, command) => {
      await runF({ checkOnly: flags.check === true, force: flags.force === true }, app.context(command));
    });
}

/** Runs the upgrade (or the check) and says what happened (a record with --json, a notice otherwise). */
export async function runUpgradeCommand(options: UpgradeCommandOptions, ctx: Context): Promise<void> {
  // The archive readers (yauzl, nanotar, node:buffer) load when the command runs, not for `--help` (ADR 0023).
  const { runUpgrade } = await import("../../lib/upgrade/upgrade.ts");
  const result = await runUpgrade(options, {
    http: ctx.http(),
    source: releaseSourceFrom((name) => ctx.env.get(name), BUILD.repository),
    currentVersion: VERSION,
    buildTarget: ctx.env.get("PPX_UPGRADE_EXECUTABLE") ? "test" : BUILD.target,
    executablePath: executablePath(ctx),
    os: Deno.build.os,
    arch: Deno.build.arch,
  });
  ctx.out.result(result, (r: UpgradeResult, out) => out.notice(describe(r, options.checkOnly)));
}
