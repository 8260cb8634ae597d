import { assert, assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";
import { tempConfig } from "../../helpers/config.ts";
import { ConfigParseError } from "../../../lib/config/errors.ts";
import { configPaths } from "../../../lib/config/paths.ts";
import { envFrom } from "../../../lib/env.ts";
import { toBase64Url } from "../../../lib/config/key.ts";

const POSIX = Deno.build.os !== "windows";
const WORKER = new URL("../../helpers/config_worker.ts", import.meta.url).pathname;

function worker(dir: string, name: string, env: Record<string, string> = {}, mode?: string) {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      WORKER,
      dir,
      name,
      ...(mode ? [mode] : []),
    ],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
}

Deno.test("paths: PPX_CONFIG_DIR, then PACX_HOME (with ~), then ~/.pacx from the given home", () => {
  assertEquals(configPaths(envFrom({ PPX_CONFIG_DIR: "/a", PACX_HOME: "/b" }), "/h").file, "/a/config.json");
  assertEquals(configPaths(envFrom({ PACX_HOME: "~/pacx" }), "/h").dir, "/h/pacx");
  const def = configPaths(envFrom({}), "/home/u");
  assertEquals([def.dir, def.source, def.lock], [
    "/home/u/.pacx",
    "default",
    "/home/u/.pacx/config.json.lock",
  ]);
});

Deno.test("a new config is created 0600 in a 0700 directory; unknown fields survive updates", async () => {
  await using t = await tempConfig();
  const store = t.store();
  await store.update((d) => {
    d.profiles.p = { name: "p", provider: "github", future_field: { keep: true } };
    d.top_level_extra = [1, 2];
  });
  if (POSIX) {
    assertEquals((await Deno.stat(t.dir)).mode! & 0o777, 0o700);
    assertEquals((await Deno.stat(t.file)).mode! & 0o777, 0o600);
  }
  await store.update((d) => void (d.default = "p"));
  const raw = JSON.parse(await Deno.readTextFile(t.file));
  assertEquals(raw.top_level_extra, [1, 2]);
  assertEquals(raw.profiles.p.future_field, { keep: true });
  assertEquals(raw.version, 1);
});

Deno.test({
  name: "a world-readable file and directory are fixed to 0600 / 0700 with a warning",
  ignore: !POSIX,
  fn: async () => {
    await using t = await tempConfig();
    await Deno.mkdir(t.dir, { mode: 0o755 });
    await Deno.chmod(t.dir, 0o755);
    await Deno.writeTextFile(t.file, JSON.stringify({ default: null, profiles: {} }));
    await Deno.chmod(t.file, 0o644);
    await t.store().load();
    assertEquals((await Deno.stat(t.file)).mode! & 0o777, 0o600);
    assertEquals((await Deno.stat(t.dir)).mode! & 0o777, 0o700);
    assertEquals(t.warnings.length, 2);
    assertIncludes(t.warnings.join("\n"), "mode 0644");
  },
});

Deno.test("truncated JSON is reported with line and column and never overwritten", async () => {
  await using t = await tempConfig();
  await Deno.mkdir(t.dir, { mode: 0o700 });
  const broken = '{\n  "default": "a",\n  "profiles": {\n    "a": {"name": "a"';
  await Deno.writeTextFile(t.file, broken, { mode: 0o600 });
  const store = t.store();
  const error = await assertRejects(() => store.load(), ConfigParseError);
  assertEquals([error.line, error.column], [4, 22]); // just past `"a"`, where the file ends
  assertIncludes(error.message, "line 4, column 22");
  await assertRejects(() => store.update((d) => void (d.default = null)), ConfigParseError);
  assertEquals(await Deno.readTextFile(t.file), broken);

  await Deno.writeTextFile(t.file, "[1, 2]");
  await assertRejects(() => store.update(() => {}), ConfigParseError, "top level must be a JSON object");
  assertEquals(await Deno.readTextFile(t.file), "[1, 2]");
});

Deno.test("16 processes updating profiles at once: every update is present and the file is valid", async () => {
  await using t = await tempConfig();
  const key = toBase64Url(crypto.getRandomValues(new Uint8Array(32))) + "=";
  await t.store({ PACX_CONFIG_ENCRYPTION_KEY: key }).update(() => {});
  const results = await Promise.all(
    Array.from({ length: 16 }, (_, i) => worker(t.dir, `p${i}`, { PACX_CONFIG_ENCRYPTION_KEY: key })),
  );
  for (const r of results) assert(r.success, new TextDecoder().decode(r.stderr));
  const store = t.store({ PACX_CONFIG_ENCRYPTION_KEY: key });
  const { doc } = await store.load();
  assertEquals(Object.keys(doc.profiles).sort(), Array.from({ length: 16 }, (_, i) => `p${i}`).sort());
  assertEquals(doc.counter, 16);
  for (let i = 0; i < 16; i++) {
    assertEquals(await store.reveal(doc, doc.profiles[`p${i}`].refresh_token!), `rt-p${i}`);
  }
  const leftovers = [...Deno.readDirSync(t.dir)].map((e) => e.name).filter((n) => n !== "config.json");
  assertEquals(leftovers, []);
});

Deno.test("a crash between temp write and rename leaves the old file intact; the next update recovers", async () => {
  await using t = await tempConfig();
  await t.store().update((d) => void (d.profiles.old = { name: "old", provider: "azure" }));
  const before = await Deno.readTextFile(t.file);
  const crashed = await worker(t.dir, "new", {}, "crash");
  assertEquals(crashed.code, 3);
  assertEquals(await Deno.readTextFile(t.file), before);
  const names = [...Deno.readDirSync(t.dir)].map((e) => e.name);
  assert(names.some((n) => n.endsWith(".tmp")), "the crashed writer's temp file is there");
  assert(names.includes("config.json.lock"), "and its lock, owned by a dead process");

  const started = Date.now();
  await t.store().update((d) => void (d.profiles.next = { name: "next", provider: "azure" }));
  assert(Date.now() - started < 5_000, "the stale lock was broken without waiting it out");
  assertEquals(Object.keys((await t.store().load()).doc.profiles).sort(), ["next", "old"]);
  assertEquals([...Deno.readDirSync(t.dir)].map((e) => e.name), ["config.json"]);
});

Deno.test("a config.json that starts with a UTF-8 byte order mark is read, not refused", async () => {
  await using t = await tempConfig();
  await Deno.mkdir(t.dir, { mode: 0o700 });
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  const body = new TextEncoder().encode('{\n  "version": 1,\n  "default": null,\n  "profiles": {}\n}\n');
  await Deno.writeFile(t.file, new Uint8Array([...bom, ...body]), { mode: 0o600 });
  const store = t.store();
  const { doc, exists } = await store.load();
  assertEquals([exists, doc.default], [true, null]);
  await store.update((d) => void (d.default = null)); // and updated, not refused
});
