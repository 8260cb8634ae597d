import { runPpx } from "../helpers/cli.ts";
import { startReleaseServer } from "../helpers/release_server.ts";
import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { tempDir } from "../helpers/fixtures.ts";

async function fakeInstalledBinary(): Promise<{ dir: string; path: string } & AsyncDisposable> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-upgrade-" });
  const path = `${dir}/ppx`;
  await Deno.writeTextFile(path, "#!/bin/sh\necho old\n", { mode: 0o755 });
  return { dir, path, [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }) };
}

function envFor(server: { url: string }, path: string): Record<string, string> {
  return { PPX_RELEASE_REPO: "o/ppx", PPX_RELEASE_API: server.url, PPX_UPGRADE_EXECUTABLE: path };
}

Deno.test("ppx upgrade replaces the binary with the verified release; --check only reports", async () => {
  await using server = await startReleaseServer();
  await using bin = await fakeInstalledBinary();

  const check = await runPpx(["upgrade", "--check", "--json"], { env: envFor(server, bin.path) });
  assertEquals(check.code, 0, check.stderr);
  const report = JSON.parse(check.stdout);
  assertEquals([report.latest, report.available, report.upgraded], ["9.9.9", true, false]);
  assertEquals(await Deno.readTextFile(bin.path), "#!/bin/sh\necho old\n");

  const result = await runPpx(["upgrade"], { env: envFor(server, bin.path) });
  assertEquals(result.code, 0, result.stderr);
  assertIncludes(result.stderr, "-> 9.9.9");
  const run = await new Deno.Command(bin.path, { stdout: "piped" }).output();
  assertEquals(new TextDecoder().decode(run.stdout), "ppx 9.9.9\n");
  assertEquals((await Deno.stat(bin.path)).mode! & 0o777, 0o755);
  const leftovers = [...Deno.readDirSync(bin.dir)].map((e) => e.name).filter((n) => n !== "ppx");
  assertEquals(leftovers, []);
});

Deno.test("ppx upgrade refuses an archive whose checksum does not match and leaves the binary alone", async () => {
  await using server = await startReleaseServer({ corruptSums: true });
  await using bin = await fakeInstalledBinary();
  const result = await runPpx(["upgrade"], { env: envFor(server, bin.path) });
  assertEquals(result.code, 1);
  assertIncludes(result.stderr, "does not match SHA256SUMS; nothing was replaced");
  assertEquals(await Deno.readTextFile(bin.path), "#!/bin/sh\necho old\n");
  assertEquals([...Deno.readDirSync(bin.dir)].length, 1);
});

Deno.test("ppx upgrade: up to date says so; from source it points at deno install; no repository is explained", async () => {
  await using server = await startReleaseServer({ version: "0.0.1" });
  await using bin = await fakeInstalledBinary();
  const current = await runPpx(["upgrade"], { env: envFor(server, bin.path) });
  assertEquals(current.code, 0, current.stderr);
  assertIncludes(current.stderr, "is the latest release");

  await using newer = await startReleaseServer();
  const source = await runPpx(["upgrade"], {
    env: { PPX_RELEASE_REPO: "o/ppx", PPX_RELEASE_API: newer.url },
  });
  assertEquals(source.code, 2);
  assertIncludes(source.stderr, "deno install");

  const unknown = await runPpx(["upgrade", "--check"], { env: { PPX_RELEASE_API: newer.url } });
  assertEquals(unknown.code, 2);
  assertIncludes(unknown.stderr, "PPX_RELEASE_REPO");
});

Deno.test("install.sh installs the verified binary and refuses a bad checksum", async () => {
  for (const corruptSums of [false, true]) {
    await using server = await startReleaseServer({ corruptSums });
    await using dirTemp = await tempDir("ppx-install-");
    const dir = dirTemp.path;
    const out = await new Deno.Command("sh", {
      args: [new URL("../../install.sh", import.meta.url).pathname],
      env: {
        PPX_REPO: "o/ppx",
        PPX_RELEASE_API: server.url,
        PPX_DOWNLOAD_BASE: `${server.url}/o/ppx/releases`,
        PPX_INSTALL_DIR: `${dir}/bin`,
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    if (corruptSums) {
      assertEquals(out.code, 1, stderr);
      assertIncludes(stderr, "does not match SHA256SUMS; nothing was installed");
      assert(!(await Deno.stat(`${dir}/bin/ppx`).catch(() => null)), "nothing installed");
    } else {
      assertEquals(out.code, 0, stderr);
      const run = await new Deno.Command(`${dir}/bin/ppx`, { stdout: "piped" }).output();
      assertEquals(new TextDecoder().decode(run.stdout), "ppx 9.9.9\n");
      assertEquals([...Deno.readDirSync(`${dir}/bin`)].map((e) => e.name), ["ppx"]);
    }
  }
});
