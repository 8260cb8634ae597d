/**
 * The once-a-day update notice of release binaries: after a successful command run by a person at a
 * terminal (never in CI, never with --json), look up the latest release at most once a day — with a short
 * timeout, no retries, and silence on any failure — and say on stderr when a newer one exists.
 */

import { configPaths } from "../lib/config/paths.ts";
import { HttpClient } from "../lib/http/client.ts";
import { checkDue, newerRelease, noticeAllowed, parseState } from "../lib/upgrade/notice.ts";
import { latestRelease, releaseSourceFrom } from "../lib/upgrade/release.ts";
import { BUILD, VERSION } from "../lib/version.ts";
import type { Context } from "./context.ts";

/** Commands that never trigger the notice (they are about versions already, or feed shells). */
const QUIET = new Set(["upgrade", "version", "completions", "help"]);

/** Prints the notice when due; never throws and never delays a run by more than about two seconds. */
export async function updateNotice(
  ctx: Context,
  command: string | undefined,
  homeDir?: string,
): Promise<void> {
  try {
    const compiled = BUILD.target !== "source";
    if (QUIET.has(command ?? "")) return;
    if (
      !noticeAllowed({
        compiled,
        stderrIsTerminal: ctx.io.stderrIsTTY,
        machineOutput: ctx.out.machine,
        env: (name) => ctx.env.get(name),
      })
    ) return;
    const path = `${configPaths(ctx.env, homeDir).dir}/update-check.json`;
    const text = await Deno.readTextFile(path).catch(() => undefined);
    let latest = parseState(text)?.latest;
    if (checkDue(text, ctx.clock.now())) {
      const http = new HttpClient({
        fetch: ctx.fetch,
        clock: ctx.clock,
        timeoutMs: 2000,
        retry: { maxRetries: 0 },
      });
      const source = releaseSourceFrom((name) => ctx.env.get(name), BUILD.repository);
      latest = (await latestRelease(http, source)).version;
      await Deno.writeTextFile(path, JSON.stringify({ checkedAt: ctx.clock.now(), latest }) + "\n", {
        mode: 0o600,
      });
    }
    const newer = newerRelease(VERSION, latest);
    if (newer) {
      ctx.out.notice(`A new ppx is available: ${VERSION} -> ${newer}. Run \`ppx upgrade\` to install it.`);
    }
  } catch {
    // A notice is a courtesy: no network, no config folder or a rate limit must never fail the command.
  }
}
