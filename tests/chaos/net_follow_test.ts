/**
 * Chaos probe: a hostile or misconfigured service hands back URLs to other hosts and to plain http
 * (`@odata.nextLink` of `dv list --all`, `Location` of redirects through `ppx api`). The bearer token
 * and request bodies must never reach another origin, and nothing goes out over plain http.
 * `leaked` counts requests that reached a foreign origin carrying the token or the body, plus any request
 * at all that reached a plain-http server from an https service.
 */

import { runPpx } from "../helpers/cli.ts";
import { assertEquals } from "../helpers/assert.ts";
import { startServer } from "../helpers/server.ts";
import { startTlsServer, trustingFetch } from "../helpers/tls_server.ts";
import { ManualClock } from "../../lib/clock.ts";
import { chaosScale, recordChaosRow } from "./_rows.ts";

const TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaGFvcyJ9.chaos-signature";
const SECRET_BODY = '{"password":"chaos-body-secret"}';

function carriesSecret(request: Request, body: string): boolean {
  return (request.headers.get("authorization") ?? "").includes(TOKEN) || body.includes("chaos-body-secret");
}

Deno.test("chaos net: next links that hop between the org and another https host never carry the token", async () => {
  const pages = Math.round(20 * chaosScale());
  let foreignLinks = 0;
  // Even pages come from the org, odd ones from the other host; each hands the next page to the other.
  await using other = startTlsServer((r) => {
    const n = Number(new URL(r.url).searchParams.get("page"));
    foreignLinks++;
    return Response.json({
      value: [{ accountid: `a${n}`, name: `Page ${n}` }],
      ...(n + 1 < pages ? { "@odata.nextLink": `${org.url}/api/data/v9.2/accounts?page=${n + 1}` } : {}),
    });
  });
  await using org = startTlsServer((r) => {
    const n = Number(new URL(r.url).searchParams.get("page") ?? "0");
    return Response.json({
      value: [{ accountid: `a${n}`, name: `Page ${n}` }],
      ...(n + 1 < pages ? { "@odata.nextLink": `${other.url}/steal?page=${n + 1}` } : {}),
    });
  });
  const r = await runPpx(["dv", "list", "accounts", "--all", "--json"], {
    env: { DATAVERSE_HOST: org.url, PPX_ACCESS_TOKEN: TOKEN },
    fetch: trustingFetch(),
    clock: new ManualClock(),
  });
  const got = r.code === 0 ? JSON.parse(r.stdout).length : 0;
  const leaked = other.requests.filter((q, i) => carriesSecret(q, other.bodies[i])).length;
  // Back on the org's origin the token is sent again: the rule is about origins, not about the path taken.
  const orgWithToken =
    org.requests.filter((q) => q.headers.get("authorization") === `Bearer ${TOKEN}`).length;
  await recordChaosRow({
    probe: "net: nextLink to another https host (dv list --all)",
    units: org.requests.length + other.requests.length,
    faults: foreignLinks,
    lost: pages - got,
    duplicated: 0,
    leaked,
    exit: r.code,
  });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(got, pages);
  assertEquals(leaked, 0);
  assertEquals(orgWithToken, org.requests.length);
});

Deno.test("chaos net: a next link or redirect from https to plain http sends nothing there", async () => {
  const runs = Math.max(1, Math.round(3 * chaosScale()));
  await using plain = startServer(() => Response.json({ value: [] }));
  let hostile = 0;
  await using org = startTlsServer((r) => {
    const path = new URL(r.url).pathname;
    hostile++;
    if (path.endsWith("/accounts")) {
      return Response.json({
        value: [{ name: "one" }],
        "@odata.nextLink": `${plain.url}/api/data/v9.2/accounts?p=2`,
      });
    }
    // Everything else is redirected to plain http: 307 keeps the method and body, 302 turns it into a GET.
    const status = path.includes("keep") ? 307 : 302;
    return new Response(null, { status, headers: { location: `${plain.url}${path}` } });
  });
  const env = { DATAVERSE_HOST: org.url, PPX_ACCESS_TOKEN: TOKEN };
  const codes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const list = await runPpx(["dv", "list", "accounts", "--all", "--json"], {
      env,
      fetch: trustingFetch(),
    });
    const keep = await runPpx(["api", "POST", "keep", "--data", SECRET_BODY], {
      env,
      fetch: trustingFetch(),
    });
    const get = await runPpx(["api", "GET", "WhoAmI()"], { env, fetch: trustingFetch() });
    codes.push(list.code, keep.code, get.code);
  }
  await recordChaosRow({
    probe: "net: nextLink / redirect https -> http (with a body)",
    units: org.requests.length,
    faults: hostile,
    lost: 0,
    duplicated: 0,
    leaked: plain.requests.length,
    exit: Math.max(...codes),
  });
  assertEquals(plain.requests.length, 0);
  assertEquals(codes.every((c) => c === 1), true, `exit codes ${codes}`);
});

Deno.test("chaos net: a 307 to another origin does not re-send the body; a 302 there goes without the token", async () => {
  const runs = Math.max(1, Math.round(5 * chaosScale()));
  await using other = startServer((r) => Response.json({ method: r.method }));
  let redirects = 0;
  await using org = startServer((r) => {
    redirects++;
    const path = new URL(r.url).pathname;
    return new Response(null, {
      status: path.includes("keep") ? 307 : 302,
      headers: { location: `${other.url}/x` },
    });
  });
  const env = { DATAVERSE_HOST: org.url, PPX_ACCESS_TOKEN: TOKEN };
  const codes: number[] = [];
  for (let i = 0; i < runs; i++) {
    codes.push((await runPpx(["api", "POST", "keep", "--data", SECRET_BODY], { env })).code);
    codes.push((await runPpx(["api", "GET", "WhoAmI()"], { env })).code);
  }
  const leaked = other.requests.filter((q, i) => carriesSecret(q, other.bodies[i])).length;
  await recordChaosRow({
    probe: "net: Location to another host (307 with a body, 302)",
    units: org.requests.length + other.requests.length,
    faults: redirects,
    lost: 0,
    duplicated: 0,
    leaked,
    exit: Math.max(...codes),
  });
  assertEquals(leaked, 0);
  assertEquals(other.requests.every((q) => q.method === "GET"), true);
  assertEquals(codes.filter((_c, i) => i % 2 === 0).every((c) => c === 1), true, `POST codes ${codes}`);
  assertEquals(codes.filter((_c, i) => i % 2 === 1).every((c) => c === 0), true, `GET codes ${codes}`);
});
