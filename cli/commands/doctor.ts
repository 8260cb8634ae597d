/** `ppx doctor`: check config, keyring, network, clock, sign-in per audience and Dataverse; exit 1 on failure. */

import { cliSpeller } from "../kit/phrase.ts";
import { Command } from "@commander-js/extra-typings";
import { type CheckFix, type CheckResult, runDoctor } from "../../lib/doctor/checks.ts";
import { normalizeHost } from "../../lib/config/profiles.ts";
import { firstEnv } from "../../lib/env.ts";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import type { RunF } from "../kit/leaf.ts";

/** The options `ppx doctor` parses its argv into. */
export interface DoctorCommandOptions {
  /** `--host` / `--dataverse-host` as typed, when given. */
  host?: string;
  /** False with `--no-check-dataverse`. */
  checkDataverse: boolean;
}

/** Builds `ppx doctor`; `runF` receives the parsed options (tests capture them). */
export default function doctor(app: App, runF: RunF<DoctorCommandOptions> = runDoctorCommand) {
  return new Command("doctor")
    .description("Check config, keyring, proxy/CA, clock skew, tokens per audience and Dataverse WhoAmI")
    .option("--host <host>", "Dataverse host to probe (default: DATAVERSE_HOST, the profile's, the config's)")
    .option("--dataverse-host <host>", "same as --host (the name dv, api and solution use)")
    .option("--check-dataverse", "probe Dataverse WhoAmI (default)")
    .option("--no-check-dataverse", "skip the Dataverse WhoAmI probe")
    .addHelpText(
      "after",
      "\nExamples:\n  ppx doctor\n  ppx doctor --profile ci --host contoso.crm.dynamics.com --json\n",
    )
    .action(async (options, command) => {
      await runF(
        { host: options.host ?? options.dataverseHost, checkDataverse: options.checkDataverse !== false },
        app.context(command),
      );
    });
}

/** The Dataverse URL to probe: the flag, DATAVERSE_HOST, the profile's, the config's (none: undefined). */
async function dataverseUrl(ctx: Context, flag: string | undefined): Promise<string | undefined> {
  const doc = await ctx.config().catch(() => undefined);
  const profileName = ctx.globals.profile ?? doc?.default ?? undefined;
  const fromProfile = profileName ? doc?.profiles[profileName]?.dataverse_host : undefined;
  const raw = flag ?? firstEnv(ctx.env, "DATAVERSE_HOST") ?? fromProfile ?? doc?.dataverse_host ?? undefined;
  // A loopback http URL is kept as given (local emulators); anything else is an https host.
  const local = raw && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/i.test(raw);
  return !raw ? undefined : local ? raw.replace(/\/$/, "") : `https://${normalizeHost(raw)}`;
}

const FIX_HINTS: Record<CheckFix, string | undefined> = {
  "dataverse-skipped": undefined,
  "no-dataverse-host": "Pass --host, set DATAVERSE_HOST, or `ppx profile set-host HOST`.",
  "sign-in-again": "Sign in again with `ppx auth login`.",
};

/** A check result as people and scripts see it: the `fix` worded as its hint (or in its detail). */
function worded({ fix, ...result }: CheckResult): CheckResult {
  if (!fix) return result;
  if (fix === "dataverse-skipped") {
    return { ...result, detail: result.detail.replace(/^skipped/, "skipped (--no-check-dataverse)") };
  }
  return { ...result, hint: FIX_HINTS[fix] };
}

/** Runs the checks, prints one line each, and ends as "failed" (exit 1) when one failed. */
export async function runDoctorCommand(options: DoctorCommandOptions, ctx: Context): Promise<void> {
  const results = (await runDoctor({
    host: await dataverseUrl(ctx, options.host),
    skipDataverse: !options.checkDataverse,
    speller: cliSpeller,
  }, {
    env: ctx.env,
    clock: ctx.clock,
    fetch: ctx.fetch,
    config: ctx.configStore,
    keyring: () => ctx.keyring(),
    tokens: await ctx.entra(),
    dataverse: (url) => ctx.http({ baseUrl: url, audience: url }),
  })).map(worded);
  ctx.out.result(results, (results: CheckResult[]) => {
    for (const r of results) {
      const mark = r.status === "ok"
        ? ctx.style.green("ok  ")
        : r.status === "warn"
        ? ctx.style.yellow("warn")
        : r.status === "skip"
        ? ctx.style.dim("skip")
        : ctx.style.red("FAIL");
      ctx.io.stdout.write(`${mark} ${r.check}: ${r.detail}\n`);
      if (r.hint && r.status !== "ok") ctx.io.stdout.write(`     ${r.hint}\n`);
    }
  });
  if (results.some((r) => r.status === "fail")) ctx.conclude("failed");
}
