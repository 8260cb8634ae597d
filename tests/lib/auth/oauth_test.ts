import {
  createPkce,
  isLoopbackRedirect,
  pkceChallenge,
  startLoopbackListener,
} from "../../../lib/auth/oauth/mod.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";

Deno.test("PKCE S256: RFC 7636 appendix B vector, and fresh 43-character verifiers", async () => {
  assertEquals(
    await pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
  const a = await createPkce();
  const b = await createPkce();
  assertEquals(a.verifier.length, 43);
  assert(a.verifier !== b.verifier && /^[A-Za-z0-9_-]+$/.test(a.verifier));
  assertEquals(a.challenge, await pkceChallenge(a.verifier));
});

Deno.test("loopback listener: free port on 127.0.0.1, settles on the callback path only, once", async () => {
  const listener = startLoopbackListener();
  try {
    assert(/^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(listener.redirectUri), listener.redirectUri);
    const other = await fetch(listener.redirectUri.replace("/callback", "/favicon.ico"));
    assertEquals(other.status, 404);
    await other.body?.cancel();
    const page = await fetch(`${listener.redirectUri}?code=abc&state=xyz`);
    assert((await page.text()).includes("Signed in"));
    const url = await listener.redirect;
    assertEquals([url.searchParams.get("code"), url.searchParams.get("state")], ["abc", "xyz"]);
    const again = await fetch(`${listener.redirectUri}?code=evil`);
    assertEquals(again.status, 404, "a second redirect is refused");
    await again.body?.cancel();
  } finally {
    await listener.close();
  }
  assert(isLoopbackRedirect("http://[::1]:9/cb") && !isLoopbackRedirect("https://127.0.0.1/cb"));
  assert(!isLoopbackRedirect("http://example.com/cb"));
});
