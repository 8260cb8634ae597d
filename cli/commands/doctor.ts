/** `ppx doctor`: check config, keyring, network, clock, sign-in per audience and Dataverse; exit 1 on failure. */

import { cliSpeller } from "../kit/phrase.ts";
import { Command } from "@commander-js/extra-typings";
import { runDoctor } from "../../lib/doctor/checks.ts";
import { normalizeHost } from "../../lib/config/profiles.ts";
import { firstEnv } from "../../lib/env.ts";
import type { App } from "../app.ts";

/** Builds `ppx doctor`. */
export default function doctor(app: App) {
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
      const ctx = app.context(command);
      const doc = await ctx.config().catch(() => undefined);
      const profileName = ctx.globals.profile ?? doc?.default ?? undefined;
      const fromProfile = profileName ? doc?.profiles[profileName]?.dataverse_host : undefined;
      const raw = options.host ?? options.dataverseHost ?? firstEnv(ctx.env, "DATAVERSE_HOST") ??
        fromProfile ?? doc?.dataverse_host ??
        undefined;
      // A loopback http URL is kept as given (local emulators); anything else is an https host.
      const local = raw && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/i.test(raw);
      const base = !raw ? undefined : local ? raw.replace(/\/$/, "") : `https://${normalizeHost(raw)}`;
      const results = await runDoctor({
        env: ctx.env,
        clock: ctx.clock,
        fetch: ctx.fetch,
        config: ctx.configStore,
        keyring: () => ctx.keyring(),
        tokens: ctx.entra(),
        dataverse: (url) => ctx.http({ baseUrl: url, audience: url }),
        host: base,
        skipDataverse: options.checkDataverse === false,
        speller: cliSpeller,
      });
      const failed = results.some((r) => r.status === "fail");
      ctx.out.result(results, (results) => {
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
      if (failed) ctx.conclude("failed");
    });
}
