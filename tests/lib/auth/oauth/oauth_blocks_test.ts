import { disposable } from "../../../helpers/fixtures.ts";
import {
  createPkce,
  createState,
  openOrPrint,
  pollDeviceAuthorization,
  startLoopbackListener,
} from "../../../../lib/auth/oauth/mod.ts";
import { ManualClock } from "../../../../lib/clock.ts";
import { AuthError, CancelledError } from "../../../../lib/errors.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../../helpers/assert.ts";

Deno.test("PKCE challenge is base64url SHA-256 of the verifier", async () => {
  const pkce = await createPkce();
  assert(pkce.verifier.length >= 43, "verifier too short");
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(pkce.verifier)),
  );
  const b64u = btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
  assertEquals(pkce.challenge, b64u);
  assertEquals(pkce.method, "S256");
  assert((await createPkce()).verifier !== pkce.verifier, "verifiers must differ");
  assert(createState() !== createState(), "states must differ");
});

Deno.test("loopback listener ignores a wrong state and resolves with the right one", async () => {
  const state = createState();
  await using listener = disposable(startLoopbackListener({ expectedState: state, path: "/cb" }));
  assert(/^http:\/\/127\.0\.0\.1:\d+\/cb$/.test(listener.redirectUri), listener.redirectUri);
  const wrong = await fetch(`${listener.redirectUri}?code=evil&state=other`);
  assertEquals(wrong.status, 400);
  await wrong.body?.cancel();
  const ok = await fetch(`${listener.redirectUri}?code=abc&state=${state}`);
  assertIncludes(await ok.text(), "Signed in");
  const params = await listener.result;
  assertEquals(params.get("code"), "abc");
});

Deno.test("loopback listener passes an error callback through and can be aborted", async () => {
  const state = createState();
  const listener = startLoopbackListener({ expectedState: state, redirectHost: "localhost" });
  assert(listener.redirectUri.startsWith("http://localhost:"), listener.redirectUri);
  const port = new URL(listener.redirectUri).port;
  const res = await fetch(`http://127.0.0.1:${port}/?error=access_denied&state=${state}`);
  assertIncludes(await res.text(), "Sign-in failed");
  assertEquals((await listener.result).get("error"), "access_denied");
  await listener.close();

  const controller = new AbortController();
  const second = startLoopbackListener({ expectedState: "x", signal: controller.signal });
  controller.abort(new CancelledError());
  await assertRejects(() => second.result, CancelledError);
  await second.close();
});

Deno.test("openOrPrint reports whether a browser opened and always shows the URL", async () => {
  const lines: string[] = [];
  assertEquals(
    await openOrPrint({ open: () => Promise.resolve(true) }, "https://x/a", (l) => lines.push(l)),
    true,
  );
  assertEquals(
    await openOrPrint({ open: () => Promise.reject(new Error("x")) }, "https://x/b", (l) => lines.push(l)),
    false,
  );
  assertIncludes(lines[0], "https://x/a");
  assertIncludes(lines[1], "Could not open a browser");
  assertIncludes(lines[1], "https://x/b");
});

Deno.test("device polling waits the interval, slows down by 5 s and returns the value", async () => {
  const clock = new ManualClock();
  const answers = ["pending", "slow_down", "pending", "done"] as const;
  let i = 0;
  const value = await pollDeviceAuthorization({
    intervalSeconds: 5,
    expiresInSeconds: 900,
    clock,
    poll: () => {
      const a = answers[i++];
      return Promise.resolve(a === "done" ? { status: "done" as const, value: 42 } : { status: a });
    },
  });
  assertEquals(value, 42);
  assertEquals(clock.sleeps, [5000, 5000, 10000, 10000]);
});

Deno.test("device polling stops with an expiry error at the deadline", async () => {
  const clock = new ManualClock();
  let polls = 0;
  const error = await assertRejects(
    () =>
      pollDeviceAuthorization({
        intervalSeconds: 5,
        expiresInSeconds: 60,
        clock,
        provider: "Example",
        poll: () => (polls++, Promise.resolve({ status: "pending" as const })),
      }),
    AuthError,
    "expired",
  );
  assertEquals(error.code, "auth.device-code-expired");
  assertEquals(polls, 12); // t = 5 s ... 60 s; the code is still valid at its deadline
});
