// The bulk engine reads table metadata through the client's one cache (issue 13): lookup targets in one
// request, and nothing read twice by the same client.

import assert from "node:assert/strict";
import { StaticTokenSource } from "../../../../lib/auth/static_token.ts";
import { DataverseClient } from "../../../../lib/dataverse/client.ts";
import { loadTableMetadata } from "../../../../lib/dataverse/bulk/metadata.ts";
import { HttpClient } from "../../../../lib/http/client.ts";
import { startOrg } from "../../../helpers/dataverse.ts";

Deno.test("bulk metadata: through the client's cache, lookup targets in one request", async (t) => {
  await using org = await startOrg();
  const requests: string[] = [];
  const client = new DataverseClient(
    new HttpClient({
      baseUrl: org.emu.url,
      token: new StaticTokenSource(org.token),
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        requests.push(decodeURIComponent(url.pathname + url.search));
        return fetch(input, init);
      },
    }),
  );

  await t.step("the first load reads each thing once, the lookup targets together", async () => {
    const meta = await loadTableMetadata(client, "contacts", { keys: true });
    assert.equal(meta.entity.LogicalName, "contact");
    assert.ok(meta.keys, "keys asked for, keys read");
    const targets = new Set(meta.attributes.flatMap((a) => a.Targets ?? []));
    assert.ok(targets.size > 1, `contacts has lookups to several tables: ${[...targets]}`);
    for (const target of targets) assert.ok(meta.targetSets.has(target), `entity set of ${target}`);
    const byName = requests.filter((r) => /EntityDefinitions\?.*\$filter=LogicalName eq/.test(r));
    assert.equal(byName.length, 1, byName.join("\n"));
    assert.equal(requests.length, new Set(requests).size, `no request twice:\n${requests.join("\n")}`);
  });

  await t.step("a second load on the same client reads nothing", async () => {
    const before = requests.length;
    await loadTableMetadata(client, "contacts", { keys: true });
    assert.equal(requests.length, before, requests.slice(before).join("\n"));
  });

  await t.step("the table list for suggestions is read once", async () => {
    const before = requests.length;
    const [a, b] = await Promise.all([client.metadata.tables(), client.metadata.tables()]);
    assert.ok(a.some((t) => t.EntitySetName === "accounts"));
    assert.equal(a, b);
    await client.metadata.tables();
    assert.equal(requests.length, before + 1);
  });

  await t.step("key typing shares the cache", async () => {
    const before = requests.length;
    await client.metadata.alternateKeys("contact");
    await client.metadata.entity("contacts");
    assert.equal(requests.length, before);
  });
});
