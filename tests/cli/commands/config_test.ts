import { assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { tempConfig } from "../../helpers/config.ts";
import { runPpx, runPpxProcess } from "../../helpers/cli.ts";

Deno.test("config path: PPX_CONFIG_DIR, else PACX_HOME, else ~/.pacx under the home directory", async (t) => {
  await t.step("PPX_CONFIG_DIR wins over PACX_HOME", async () => {
    const a = await runPpx(["config", "path"], {
      env: { PPX_CONFIG_DIR: "/tmp/ppx-a", PACX_HOME: "/tmp/ppx-b" },
    });
    assertEquals(a.stdout, "/tmp/ppx-a/config.json\n");
  });
  await t.step("PACX_HOME, with its source in --json", async () => {
    const b = await runPpx(["config", "path", "--json"], { env: { PACX_HOME: "/tmp/ppx-b" } });
    assertEquals(JSON.parse(b.stdout), {
      file: "/tmp/ppx-b/config.json",
      dir: "/tmp/ppx-b",
      source: "PACX_HOME",
    });
  });
  await t.step("~/.pacx under the home directory", async () => {
    const c = await runPpx(["config", "path"], { env: {}, homeDir: "/home/someone" });
    assertEquals(c.stdout, "/home/someone/.pacx/config.json\n");
  });
  await t.step("no home directory: exit 1 naming PPX_CONFIG_DIR", async () => {
    const none = await runPpx(["config", "path"], { env: {} });
    assertEquals(none.code, 1);
    assertIncludes(none.stderr, "PPX_CONFIG_DIR");
  });
});

Deno.test("config set / get / unset, with validation", async () => {
  await using cfg = await tempConfig();
  const env = { PPX_CONFIG_DIR: cfg.dir };
  assertEquals(
    (await runPpx(["config", "set", "dataverse_host", "https://Contoso.crm.dynamics.com"], { env })).code,
    0,
  );
  assertEquals(
    (await runPpx(["config", "get", "dataverse_host"], { env })).stdout,
    "contoso.crm.dynamics.com\n",
  );
  assertEquals((await runPpx(["config", "set", "token_storage", "secure"], { env })).code, 0);
  // The cloud names are the ones `--cloud` takes everywhere else.
  const dod = await runPpx(["config", "set", "cloud", "usgovdod"], { env });
  assertEquals(dod.code, 0, dod.stderr);
  // The aliases --cloud accepts are stored under the canonical name; an unknown cloud is refused.
  assertEquals((await runPpx(["config", "set", "cloud", "GCC High"], { env })).code, 0);
  assertEquals(JSON.parse(await Deno.readTextFile(cfg.file)).cloud, "usgovhigh");
  const mars = await runPpx(["config", "set", "cloud", "mars"], { env });
  assertEquals(mars.code, 2);
  assertIncludes(mars.stderr, "public, usgov, usgovhigh, usgovdod, china");
  assertEquals((await runPpx(["config", "set", "cloud", "dod"], { env })).code, 0);
  const bad = await runPpx(["config", "set", "token_storage", "maybe"], { env });
  assertEquals(bad.code, 2);
  assertIncludes(bad.stderr, "auto, secure, insecure");
  const unknown = await runPpx(["config", "get", "colour"], { env });
  assertEquals(unknown.code, 2);
  assertIncludes(unknown.stderr, "Settings: default_profile, dataverse_host");
  assertEquals((await runPpx(["config", "set", "default_profile", "ghost"], { env })).code, 5);

  assertEquals((await runPpx(["config", "unset", "dataverse_host"], { env })).code, 0);
  const unset = await runPpx(["config", "get", "dataverse_host"], { env });
  assertEquals([unset.code, unset.stdout], [1, ""]);
  assertEquals(JSON.parse(await Deno.readTextFile(cfg.file)).token_storage, "secure");
  assertEquals(JSON.parse(await Deno.readTextFile(cfg.file)).cloud, "usgovdod");
});

Deno.test("config list shows where each effective value comes from: flag, env, profile, file, default", async () => {
  await using cfg = await tempConfig();
  await cfg.store().update((d) => {
    d.default = "a";
    d.dataverse_host = "file.crm.dynamics.com";
    d.environment_id = "env-from-file";
    d.profiles.a = { name: "a", provider: "azure", environment_id: "env-from-profile-a" };
    d.profiles.b = { name: "b", provider: "azure", cloud: "usgov" };
  });
  const env = { PPX_CONFIG_DIR: cfg.dir };
  const rows = async (argv: string[], extra: Record<string, string> = {}) =>
    Object.fromEntries(
      JSON.parse(
        (await runPpx(["config", "list", "--json", ...argv], { env: { ...env, ...extra } })).stdout,
      )
        .map((r: { key: string }) => [r.key, r]),
    );
  const plain = await rows([]);
  assertEquals(plain.default_profile, { key: "default_profile", value: "a", source: "file", from: null });
  assertEquals(plain.environment_id.source, "profile");
  assertEquals(plain.environment_id.from, "a");
  assertEquals(plain.dataverse_host.source, "file");
  assertEquals([plain.cloud.value, plain.cloud.source], ["public", "default"]);

  const flagged = await rows(["--profile", "b"], { DATAVERSE_HOST: "env.crm.dynamics.com" });
  assertEquals([flagged.default_profile.value, flagged.default_profile.source], ["b", "flag"]);
  assertEquals([flagged.dataverse_host.value, flagged.dataverse_host.from], [
    "env.crm.dynamics.com",
    "DATAVERSE_HOST",
  ]);
  assertEquals([flagged.environment_id.value, flagged.environment_id.source], ["env-from-file", "file"]);
  assertEquals([flagged.cloud.value, flagged.cloud.source], ["usgov", "profile"]);

  const table = await runPpx(["config", "list"], { env: { ...env, PPX_PROFILE: "b" } });
  assertIncludes(table.stdout, "default_profile\tb\tenv (PPX_PROFILE)");
});

Deno.test("an invalid config file is reported with line and column and left untouched", async () => {
  await using cfg = await tempConfig();
  await Deno.mkdir(cfg.dir, { mode: 0o700 });
  const text = '{\n  "default": "a",\n  "profiles": {,}\n}\n';
  await Deno.writeTextFile(cfg.file, text, { mode: 0o600 });
  const result = await runPpx(["profile", "use", "a"], { env: { PPX_CONFIG_DIR: cfg.dir } });
  assertEquals(result.code, 1);
  assertIncludes(result.stderr, "is not valid JSON at line 3, column 16");
  assertIncludes(result.stderr, "ppx does not overwrite a file it cannot read");
  assertEquals(await Deno.readTextFile(cfg.file), text);
});

Deno.test({
  name: "a world-readable config is fixed with a warning on stderr (real binary, documented permissions)",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await using cfg = await tempConfig();
    await Deno.mkdir(cfg.dir, { mode: 0o700 });
    await Deno.writeTextFile(cfg.file, JSON.stringify({ default: null, profiles: {} }));
    await Deno.chmod(cfg.file, 0o644);
    const result = await runPpxProcess(["profile", "list"], { env: { PPX_CONFIG_DIR: cfg.dir } });
    assertEquals(result.code, 0, result.stderr);
    assertIncludes(result.stderr, "was readable by other users (mode 0644); changed it to 0600");
    assertEquals((await Deno.stat(cfg.file)).mode! & 0o777, 0o600);
  },
});
