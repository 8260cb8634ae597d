/**
 * The real binary's entry point, run as a process: module loading differs from the in-process runCli the
 * other tests use (the entry module's top-level await is still pending while commands load), so every
 * command group is loaded this way once.
 */

import { GROUPS } from "../../cli/commands/registry.ts";
import { ROOT } from "../helpers/cli.ts";
import { assertEquals, assertIncludes } from "../helpers/assert.ts";
import { startServer } from "../helpers/server.ts";

async function ppx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "-A", `${ROOT}cli/main.ts`, ...args],
    env: { NO_COLOR: "1", PPX_CONFIG_DIR: "/nonexistent-ppx-test" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // A hang is the failure this test exists for: give up after 20 s instead of waiting for the runner.
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const out = await child.output();
  clearTimeout(timer);
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

for (const group of GROUPS.filter((g) => g.name !== "help")) {
  Deno.test(`the ppx process loads '${group.name}' and prints its help`, async () => {
    const r = await ppx([group.name, "--help"]);
    assertEquals(r.code, 0, `exit ${r.code}: ${r.stderr}`);
    assertIncludes(r.stdout, `ppx ${group.name}`);
  });
}

Deno.test("the ppx process prints completions, which load the whole command tree", async () => {
  const r = await ppx(["completions", "bash"]);
  assertEquals(r.code, 0, r.stderr);
  assertIncludes(r.stdout, "login");
});

Deno.test("Ctrl-C during a request that never answers exits 130 with 'Cancelled.'", async () => {
  const { promise: released, resolve: release } = Promise.withResolvers<Response>();
  const server = startServer(() => released);
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "-A", `${ROOT}cli/main.ts`, "dv", "whoami"],
      env: {
        NO_COLOR: "1",
        PPX_CONFIG_DIR: "/nonexistent-ppx-test",
        DATAVERSE_HOST: server.url,
        PPX_ACCESS_TOKEN: "t",
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 25));
    child.kill("SIGINT");
    const out = await child.output();
    clearTimeout(timer);
    // Killed by the signal itself would be code 130 too, but with `signal` set and no message.
    assertEquals([out.code, out.signal], [130, null]);
    assertIncludes(new TextDecoder().decode(out.stderr), "Cancelled.");
  } finally {
    release(new Response("{}"));
    await server.close();
  }
});
