/** `sendRaw` (the `ppx api` use-case) against an emulated org over HTTP: any status is an answer. */

import assert from "node:assert/strict";
import { HttpClient } from "../../../lib/http/client.ts";
import { sendRaw } from "../../../lib/http/raw.ts";
import { startOrg } from "../../helpers/dataverse.ts";

Deno.test("sendRaw: OData headers for the Web API, bodies as text, errors as answers", async (t) => {
  await using org = await startOrg();
  const http = new HttpClient({ token: { getToken: () => Promise.resolve(org.token) } });
  const api = `${org.emu.url}/api/data/v9.2`;

  await t.step("a create and a read: the status, headers and the body as it came", async () => {
    const created = await sendRaw(
      {
        method: "POST",
        url: `${api}/accounts`,
        headers: { Prefer: "return=representation" },
        json: { name: "A" },
      },
      { http },
    );
    assert.equal(created.status, 201);
    assert.equal(JSON.parse(created.text).name, "A");
    const read = await sendRaw({ method: "GET", url: `${api}/accounts?$select=name`, headers: {} }, { http });
    assert.equal(read.ok, true);
    assert.deepEqual(JSON.parse(read.text).value.map((r: { name: string }) => r.name), ["A"]);
    assert.ok(read.headers.some(([k]) => k.toLowerCase() === "content-type"));
  });

  await t.step("a 404 is returned, not thrown", async () => {
    const missing = await sendRaw({ method: "GET", url: `${api}/nosuchset`, headers: {} }, { http });
    assert.deepEqual([missing.status, missing.ok], [404, false]);
    assert.match(missing.text, /nosuchset/);
  });
});
