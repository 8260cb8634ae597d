import assert from "node:assert/strict";
import { saveNewProfile, signInOrRollBack } from "../../../lib/auth/new_profile.ts";
import type { Profile } from "../../../lib/config/schema.ts";
import { AuthError } from "../../../lib/errors.ts";
import { tempConfig } from "../../helpers/config.ts";

const azure = (name: string): Profile => ({ name, provider: "azure", flow: "device" }) as Profile;

Deno.test("new profile: the first becomes the default; later ones take it unless setDefault is false", async () => {
  await using cfg = await tempConfig();
  const store = cfg.store();
  assert.equal((await saveNewProfile(store, azure("a"))).outcome, "promoted");
  const b = await saveNewProfile(store, azure("b"));
  assert.deepEqual([b.outcome, b.previousDefault], ["default", "a"]);
  const c = await saveNewProfile(store, azure("c"), { setDefault: false });
  assert.deepEqual([c.outcome, c.previousDefault], ["kept", undefined]);
  assert.equal((await store.load()).doc.default, "b");
});

Deno.test("new profile: a failed sign-in gives the default back and keeps the profile; a good one keeps it", async () => {
  await using cfg = await tempConfig();
  const store = cfg.store();
  await saveNewProfile(store, azure("old"));
  const saved = await saveNewProfile(store, azure("new"));
  const failed = await signInOrRollBack(store, saved, () => Promise.reject(new AuthError("denied")));
  assert.equal(failed.ok, false);
  assert.ok(!failed.ok && failed.error instanceof AuthError);
  assert.equal(!failed.ok && failed.restoredDefault, "old");
  const { doc } = await store.load();
  assert.equal(doc.default, "old");
  assert.ok(doc.profiles.new);

  const again = await saveNewProfile(store, azure("new"));
  const ok = await signInOrRollBack(store, again, (p) => Promise.resolve(p.name));
  assert.deepEqual(ok, { ok: true, result: "new" });
  assert.equal((await store.load()).doc.default, "new");
});
