/** Endpoints in an authority's metadata follow the rule of every handed-back URL: never off https. */

import { clearDiscoveryCache, discover } from "../../../../lib/auth/entra/discovery.ts";
import { AuthError } from "../../../../lib/errors.ts";
import { assertEquals, assertRejects } from "../../../helpers/assert.ts";
import { startTlsServer, trustingFetch } from "../../../helpers/tls_server.ts";

Deno.test("discovery: an https authority whose token endpoint is plain http (even loopback) is refused", async () => {
  const plainEndpoint = "http://127.0.0.1:9/tenant/oauth2/v2.0/token";
  let tokenEndpoint = plainEndpoint;
  const authority = startTlsServer((r) =>
    Response.json({ issuer: `${new URL(r.url).origin}/tenant/v2.0`, token_endpoint: tokenEndpoint })
  );
  try {
    clearDiscoveryCache();
    const error = await assertRejects(
      () => discover(new URL(`${authority.url}/tenant`), { fetch: trustingFetch() }),
      AuthError,
      "token_endpoint http://127.0.0.1:9 is not https",
    );
    assertEquals(error.code, "auth.discovery");
    clearDiscoveryCache();
    tokenEndpoint = `${authority.url}/tenant/oauth2/v2.0/token`;
    const endpoint = await discover(new URL(`${authority.url}/tenant`), { fetch: trustingFetch() });
    assertEquals(endpoint.insecure, false);
  } finally {
    clearDiscoveryCache();
    await authority.close();
  }
});
