/** Errors from lib/auth carry remedies as data; the words (flags, commands) come from the CLI. */

import assert from "node:assert/strict";
import { FIX_HINTS, hintOf, remedyHint } from "../../../cli/remedies.ts";
import { ENTRA_HINTS } from "../../../cli/entra_hints.ts";
import { entraAuthError, toEntraError } from "../../../lib/auth/entra/errors.ts";
import { githubOAuthError } from "../../../lib/auth/github/errors.ts";
import { remedyOf, setRemedyWording } from "../../../lib/auth/remedy.ts";
import { getProfile, renameProfile } from "../../../lib/config/profiles.ts";
import type { ConfigData } from "../../../lib/config/schema.ts";
import type { PpxError } from "../../../lib/errors.ts";

/** Runs `fn` with no wording installed (as a library user would), then puts the CLI's back. */
function withoutWording(fn: () => void): void {
  setRemedyWording(undefined);
  try {
    fn();
  } finally {
    setRemedyWording(remedyHint);
  }
}

Deno.test("remedy: an AADSTS error carries topic, profile and flow; no flag or command without the CLI", () => {
  const body = { error: "invalid_grant", error_codes: [50076], error_description: "AADSTS50076: MFA" };
  withoutWording(() => {
    const error = entraAuthError(body, { profile: "work", flow: "device" });
    assert.deepEqual(remedyOf(error), { action: "entra", topic: "50076", profile: "work", flow: "device" });
    assert.equal(error.hint, undefined);
    assert.ok(!/--|ppx /.test(error.message));
  });
  const worded = entraAuthError(body, { profile: "work" });
  assert.match(worded.hint ?? "", /`ppx auth login work --flow web` to complete MFA/);
  assert.deepEqual(worded.toJSON().hint, worded.hint, "--json error output keeps the worded hint");
});

Deno.test("remedy: GitHub's documented errors and the unknown ones carry topics; plain-word hints stay in lib", () => {
  withoutWording(() => {
    assert.deepEqual(remedyOf(githubOAuthError("device_flow_disabled")), {
      action: "fix",
      topic: "github.device-disabled",
    });
    assert.deepEqual(remedyOf(githubOAuthError("weird")), { action: "fix", topic: "github.debug" });
    const denied = githubOAuthError("access_denied");
    assert.equal(remedyOf(denied), undefined);
    assert.match(denied.hint ?? "", /Authorize/);
  });
  assert.equal(hintOf(githubOAuthError("weird")), "Add --debug to see the exchange with secrets redacted.");
  assert.equal(hintOf(toEntraError(new Error("boom"))), "Run again with --debug for details.");
});

Deno.test("remedy: every Entra topic has words, and they are the ones users saw before", () => {
  for (const topic of Object.keys(ENTRA_HINTS)) {
    assert.ok(remedyHint({ action: "entra", topic, profile: "p" }).length > 20, topic);
  }
  assert.equal(
    remedyHint({ action: "fix", topic: "entra.store-secret", profile: "ci" }),
    "Store one: ppx auth create ci --flow client-credential --prompt-secret ...",
  );
  assert.match(
    remedyHint({ action: "fix", topic: "entra.no-credentials", value: "gh" }),
    /^Your default profile 'gh' signs in with GitHub; .*\(see `ppx help environment`\)\.$/,
  );
});

Deno.test("remedy: every fix topic has words; config errors carry theirs (no profiles yet, name taken)", () => {
  for (const [topic, words] of Object.entries(FIX_HINTS)) {
    assert.ok(words({ profile: "p", value: "v" }).length > 20, topic);
  }
  const empty = { version: 1, profiles: {} } as unknown as ConfigData;
  const missing = (() => {
    try {
      getProfile(empty, "work");
    } catch (e) {
      return e;
    }
  })();
  assert.deepEqual(remedyOf(missing), { action: "fix", topic: "config.no-profiles" });
  assert.equal(hintOf(missing as PpxError), "There are no profiles yet: sign in with `ppx auth login`.");
  const two = {
    version: 1,
    profiles: { a: { name: "a", provider: "azure" }, b: { name: "b", provider: "azure" } },
  } as unknown as ConfigData;
  const taken = (() => {
    try {
      renameProfile(two, "a", "b");
    } catch (e) {
      return e;
    }
  })();
  assert.deepEqual(remedyOf(taken), { action: "fix", topic: "config.profile-taken", profile: "b" });
  assert.equal(hintOf(taken as PpxError), "Delete it first (`ppx profile delete b`) or pick another name.");
});
