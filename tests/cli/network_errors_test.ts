/** What a user sees when the host is not there: said plainly, in about a second, exit 6. */

import { runPpx } from "../helpers/cli.ts";
import { assert, assertEquals, assertIncludes, assertNotIncludes } from "../helpers/assert.ts";

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
  assert(ms < 3000, `took ${Math.round(ms)} ms`);
});

Deno.test("dv whoami at an unknown host name: says the name is unknown, exit 6", async () => {
  const r = await runPpx(["dv", "whoami"], {
    env: { DATAVERSE_HOST: "https://ppx-no-such-host.invalid", PPX_ACCESS_TOKEN: "t" },
  });
  assertEquals(r.code, 6, r.stderr);
  assertIncludes(r.stderr, "ppx-no-such-host.invalid is not a known host name");
  assertNotIncludes(r.stderr, "fetch failed");
});
