/** The record use-cases (`createRecord`, `getRecord`) run with their deps alone: no CLI, no context. */

import assert from "node:assert/strict";
import { createRecord } from "../../../lib/dataverse/records/create.ts";
import { getRecord } from "../../../lib/dataverse/records/get.ts";
import { NotFoundError } from "../../../lib/errors.ts";
import { startOrg } from "../../helpers/dataverse.ts";

Deno.test("createRecord then getRecord by id and by alternate key (typed from metadata)", async () => {
  await using org = await startOrg();
  const deps = { client: org.client };
  const created = await createRecord(
    { entitySet: "accounts", data: { name: "A", accountnumber: "N-1" } },
    deps,
  );
  assert.match(created.id ?? "", /^[0-9a-f-]{36}$/);
  assert.equal(created.record, undefined);
  const back = await createRecord({ entitySet: "accounts", data: { name: "B" }, returnRecord: true }, deps);
  assert.equal(back.record?.name, "B");
  assert.equal(back.record?.["@odata.context"], undefined);

  const byId = await getRecord({ entitySet: "accounts", ref: { id: created.id! }, select: ["name"] }, deps);
  assert.equal(byId.name, "A");
  assert.equal(byId["@odata.context"], undefined);
  const byKey = await getRecord({ entitySet: "accounts", ref: { key: { accountnumber: "N-1" } } }, deps);
  assert.equal(byKey.accountid, created.id);
  await assert.rejects(
    getRecord({ entitySet: "acounts", ref: { key: { accountnumber: "N-1" } } }, deps),
    NotFoundError,
  );
});
