/**
 * The one confirmation rule, at a real prompt (a pseudo-terminal made by script(1)): answering "n" cancels,
 * prints "Nothing deleted.", exits 130, and deletes nothing, for every destructive command that asks.
 */

import { startTestEmulator } from "../helpers/emulator.ts";
import { dataverseService } from "@pacx/emulator";
import { solutionsService } from "@pacx/emulator";
import { assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { baseEnv, ROOT, runPpx } from "../helpers/cli.ts";
import { tempConfig } from "../helpers/config.ts";
import { DataverseClient } from "../../lib/dataverse/client.ts";
import { HttpClient } from "../../lib/http/client.ts";
import { StaticTokenSource } from "../../lib/auth/static_token.ts";

const haveScript = await new Deno.Command("script", { args: ["--version"], stdout: "null", stderr: "null" })
  .output().then((o) => o.success, () => false);

/** Runs ppx on a pseudo-terminal, answers `answer` when `question` appears, returns exit code and screen. */
async function answerAtPrompt(argv: string[], env: Record<string, string>, question: string, answer: string) {
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const cmd = [Deno.execPath(), "run", "--quiet", "-A", `${ROOT}cli/main.ts`, ...argv].map(quote).join(" ");
  const child = new Deno.Command("script", {
    args: ["-q", "-e", "-c", cmd, "/dev/null"],
    env: { ...baseEnv(), NO_COLOR: "1", TERM: "xterm", ...env },
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // A question that never matches would wait for an answer forever: give up after 30 s.
  const guard = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const writer = child.stdin.getWriter();
  const decoder = new TextDecoder();
  let screen = "";
  let answered = false;
  for await (const chunk of child.stdout) {
    screen += decoder.decode(chunk);
    if (!answered && screen.includes(question)) {
      answered = true;
      await writer.write(new TextEncoder().encode(`${answer}\r`));
    }
  }
  await writer.close().catch(() => {});
  await child.stderr.cancel();
  const { code } = await child.status;
  clearTimeout(guard);
  return { code, screen, answered };
}

Deno.test({
  name: "confirmations: answering n at a real prompt cancels (130, 'Nothing deleted.') for every delete",
  ignore: !haveScript,
  async fn() {
    const dv = dataverseService();
    const sol = solutionsService(dv);
    await using emu = await startTestEmulator({ services: [dv, sol] });
    await using cfg = await tempConfig();
    const token = await emu.tokens.issue({ aud: emu.url });
    const env = { PPX_CONFIG_DIR: cfg.dir, DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token };
    const client = new DataverseClient(
      new HttpClient({ baseUrl: emu.url, token: new StaticTokenSource(token) }),
    );
    const { id } = await client.create("accounts", { name: "Keep me" });
    sol.addSolution({ uniquename: "KeepMe", version: "1.0.0.0" });
    const made = await runPpx([
      "auth",
      "create",
      "keep",
      "--flow",
      "client-credential",
      "--tenant-id",
      "72f988bf-86f1-41af-91ab-2d7cd011db47",
      "--client-id",
      "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
      "--client-secret-env",
      "KEEP_SECRET",
      "--no-login",
    ], { env });
    assertEquals(made.code, 0, made.stderr);

    const cases: [string[], string][] = [
      [["dv", "delete", "accounts", id!], "Delete accounts"],
      [["solution", "delete", "--name", "KeepMe"], "Delete the unmanaged solution KeepMe"],
      [["profile", "delete", "keep"], "Delete profile keep"],
    ];
    for (const [argv, question] of cases) {
      const r = await answerAtPrompt(argv, env, question, "n");
      assertEquals(r.answered, true, `${argv.join(" ")} never asked:\n${r.screen}`);
      assertEquals(r.code, 130, `${argv.join(" ")}:\n${r.screen}`);
      assertIncludes(r.screen, "Nothing deleted.");
      assertNotIncludes(r.screen, "error:");
    }
    assertEquals((await client.get("accounts", { id: id! })).name, "Keep me");
    const solutions = await runPpx(["solution", "list", "--json"], { env });
    assertIncludes(solutions.stdout, "KeepMe");
    const profiles = await runPpx(["profile", "list", "--json"], { env });
    assertIncludes(profiles.stdout, "keep");
  },
});
