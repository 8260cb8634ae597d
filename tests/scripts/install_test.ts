/**
 * `deno task install` (README: "installs a `ppx` command") must install a ppx whose real commands work:
 * the installed command needs the project's import map, not only `--version`.
 */

import { assertEquals, assertIncludes } from "../helpers/assert.ts";
import { baseEnv, ROOT } from "../helpers/cli.ts";
import { startOrg } from "../helpers/dataverse.ts";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("deno task install installs a ppx whose real commands work", async () => {
  await using rootTemp = await tempDir("ppx-install-");
  const root = rootTemp.path;
  await using org = await startOrg();
  const install = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "install"],
    cwd: ROOT,
    env: { ...baseEnv(), DENO_INSTALL_ROOT: root },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(install.code, 0, new TextDecoder().decode(install.stderr));
  const ppx = `${root}/bin/ppx${Deno.build.os === "windows" ? ".cmd" : ""}`;
  // The installed shim runs `deno`: put the running one first on PATH.
  const info = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped" })
    .output();
  const denoDir = JSON.parse(new TextDecoder().decode(info.stdout)).denoDir as string;
  const sep = Deno.build.os === "windows" ? ";" : ":";
  const path = `${Deno.execPath().replace(/[\\/][^\\/]*$/, "")}${sep}${baseEnv().PATH ?? ""}`;
  const run = await new Deno.Command(ppx, {
    args: ["dv", "whoami", "--json"],
    cwd: root,
    env: { ...baseEnv(), DENO_DIR: denoDir, PATH: path, HOME: root, NO_COLOR: "1", ...org.env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(run.stderr);
  assertEquals(run.code, 0, stderr);
  assertIncludes(new TextDecoder().decode(run.stdout), "UserId");
});
