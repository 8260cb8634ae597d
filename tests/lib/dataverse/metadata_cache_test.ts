import assert from "node:assert/strict";
import { StaticTokenSource } from "../../../lib/auth/static_token.ts";
import { DataverseClient } from "../../../lib/dataverse/client.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { startOrg } from "../../helpers/dataverse.ts";

Deno.test("metadata cache: each table, column list and key list is read once per client; lookup targets in one request", async () => {
  await using org = await startOrg();
  const paths: string[] = [];
  const client = new DataverseClient(
    new HttpClient({
      baseUrl: org.emu.url,
      token: new StaticTokenSource(org.token),
      fetch: (input, init) => {
        paths.push(
          decodeURIComponent(new URL(input instanceof Request ? input.url : String(input)).search),
        );
        return fetch(input, init);
      },
    }),
  );
  assert.equal(client.metadata, client.metadata);
  const [a, b] = await Promise.all([
    client.metadata.entity("accounts"),
    client.metadata.entity("accounts"),
  ]);
  assert.equal(a?.LogicalName, "account");
  assert.equal(a, b);
  await client.metadata.attributes("account");
  await client.metadata.attributes("account");
  await client.metadata.alternateKeys("account");
  await client.metadata.alternateKeys("account");
  assert.equal(paths.length, 3, paths.join("\n"));

  const sets = await client.metadata.entitySets(["account", "contact", "nosuchtable", "account"]);
  assert.deepEqual([...sets], [["account", "accounts"], ["contact", "contacts"]]);
  assert.equal(paths.length, 4, paths.join("\n"));
  assert.match(
    paths[3],
    /LogicalName eq 'account' or LogicalName eq 'contact' or LogicalName eq 'nosuchtable'/,
  );
  await client.metadata.entitySets(["contact", "nosuchtable"]);
  await client.metadata.entity("contact");
  assert.equal(paths.length, 4, "answers, and known absences, come from the cache");
});
