/** What a user sees when the host is not there: said plainly, in about a second, exit 6. */

import { runPpx } from "../helpers/cli.ts";
import { assert, assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";
import { tempDir } from "../helpers/fixtures.ts";

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

Deno.test("dv whoami at a port where nothing listens: 'nothing is listening', about a second, exit 6", async () => {
  const host = `127.0.0.1:${closedPort()}`;
  const started = performance.now();
  const r = await runPpx(["dv", "whoami"], {
    env: { DATAVERSE_HOST: `http://${host}`, PPX_ACCESS_TOKEN: "t" },
  });
  const ms = performance.now() - started;
  assertEquals(r.code, 6, r.stderr);
  assertIncludes(r.stderr, `Nothing is listening at ${host}`);
  assertNotIncludes(r.stderr, "fetch failed");
  assert(ms < 5000, `took ${Math.round(ms)} ms`); // about 1 s of retries; it was 12 s
});

Deno.test("dv whoami at an unknown host name: says the name is unknown, exit 6", async () => {
  const r = await runPpx(["dv", "whoami"], {
    env: { DATAVERSE_HOST: "https://ppx-no-such-host.invalid", PPX_ACCESS_TOKEN: "t" },
  });
  assertEquals(r.code, 6, r.stderr);
  assertIncludes(r.stderr, "ppx-no-such-host.invalid is not a known host name");
  assertNotIncludes(r.stderr, "fetch failed");
});

Deno.test("auth token with an authority where nothing listens: says so at once, exit 6", async () => {
  await using cfgTemp = await tempDir();
  const cfg = cfgTemp.path;
  const port = closedPort();
  const env = { PPX_CONFIG_DIR: cfg, CC_SECRET: "s" };
  const made = await runPpx([
    "auth",
    "create",
    "off",
    "--flow",
    "client-credential",
    "--tenant-id",
    "72f988bf-86f1-41af-91ab-2d7cd011db47",
    "--authority",
    `http://127.0.0.1:${port}`,
    "--client-id",
    "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    "--client-secret-env",
    "CC_SECRET",
    "--no-login",
  ], { env });
  assertEquals(made.code, 0, made.stderr);
  const started = performance.now();
  const r = await runPpx(["auth", "token", "off"], { env });
  assertEquals(r.code, 6, r.stderr);
  assertIncludes(r.stderr, `Nothing is listening at 127.0.0.1:${port} (the sign-in authority)`);
  assert(performance.now() - started < 5000);
});
