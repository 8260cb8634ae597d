import {
  DuplicateRecordError,
  PreconditionFailedError,
  RecordNotFoundError,
} from "../../../lib/dataverse/errors.ts";
import { partError } from "../../../lib/dataverse/batch_parser.ts";
import { ApiError, ValidationError } from "../../../lib/errors.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";
import { startOrg } from "../../helpers/dataverse.ts";

Deno.test("CRUD by id and alternate key, with Dataverse's upsert statuses and typed errors", async () => {
  await using org = await startOrg();
  const c = org.client;
  const created = await c.create("accounts", { name: "Contoso", accountnumber: "A-1", revenue: 10 });
  assert(created.id && created.entityId?.endsWith(`accounts(${created.id})`), JSON.stringify(created));
  const byKey = await c.get("accounts", { key: { accountnumber: "a-1" } }, { select: ["name", "revenue"] });
  assertEquals([byKey.name, byKey.revenue, byKey.accountid], ["Contoso", 10, created.id]);

  // PATCH without precondition: create when missing (201 with representation), update when present (200).
  const up1 = await c.upsert("accounts", { key: { accountnumber: "A/2 (O'Neil)" } }, { name: "Fabrikam" }, {
    returnRecord: true,
  });
  assertEquals(up1.created, true);
  assertEquals(
    up1.record?.accountnumber,
    "A/2 (O'Neil)",
    "key values from the URL are copied into the new record",
  );
  const up2 = await c.upsert(
    "accounts",
    { key: { accountnumber: "A/2 (O'Neil)" } },
    { name: "Fabrikam 2" },
    { returnRecord: true },
  );
  assertEquals([up2.created, up2.record?.name], [false, "Fabrikam 2"]);
  const plain = await c.upsert("accounts", { key: { accountnumber: "A-3" } }, { name: "Plain" });
  assertEquals(plain.entityId?.endsWith("accounts(accountnumber='A-3')"), true, plain.entityId);

  // If-Match: * (update only) -> 404; If-None-Match: * (create only) -> 412.
  const missing = await assertRejects(
    () => c.upsert("accounts", { key: { accountnumber: "NOPE" } }, { name: "x" }, { mode: "update-only" }),
    RecordNotFoundError,
  );
  assertEquals([missing.status, missing.serviceCode, missing.exitCode], [404, "0x80060891", 5]);
  const dup = await assertRejects(
    () => c.upsert("accounts", { key: { accountnumber: "A-1" } }, { name: "x" }, { mode: "create-only" }),
    DuplicateRecordError,
  );
  assertEquals([dup.status, dup.serviceCode], [412, "0x80040237"]);
  await assertRejects(
    () => c.update("accounts", { id: crypto.randomUUID() }, { name: "x" }),
    RecordNotFoundError,
    "Does Not Exist",
  );
  await assertRejects(
    () => c.update("accounts", { id: created.id! }, { name: "x" }, { etag: 'W/"1"' }),
    PreconditionFailedError,
  );
  const taken = await assertRejects(
    () => c.create("accounts", { name: "Again", accountnumber: "A-1" }),
    DuplicateRecordError,
  );
  assertEquals(taken.serviceCode, "0x80060892");

  // Bad payloads: unknown column, wrong type, too long, choice out of range.
  const unknown = await assertRejects(
    () => c.create("accounts", { nme: "x" }),
    ApiError,
    "does not exist on type",
  );
  assertEquals([unknown.status, unknown.serviceCode], [400, "0x80048d19"]);
  await assertRejects(() => c.create("accounts", { numberofemployees: "12" }), ApiError, "Edm.Int32");
  await assertRejects(
    () => c.create("accounts", { name: "x".repeat(161) }),
    ApiError,
    "maximum allowed length of '160'",
  );
  await assertRejects(() => c.create("accounts", { industrycode: 2 }), ApiError, "outside the valid range");
  await assertRejects(() => c.get("accounts", { id: "not-a-guid" }), ValidationError, "not a GUID");

  await c.delete("accounts", { key: { accountnumber: "A-3" } });
  await assertRejects(() => c.delete("accounts", { key: { accountnumber: "A-3" } }), RecordNotFoundError);
});

Deno.test("lookups: @odata.bind by id and key, _x_value on read, $expand, and the case-sensitive navigation name", async () => {
  await using org = await startOrg();
  const c = org.client;
  const contact = await c.create("contacts", {
    firstname: "Ann",
    lastname: "Lee",
    emailaddress1: "ann@example.com",
  });
  const account = await c.create("accounts", {
    name: "Contoso",
    "primarycontactid@odata.bind": `/contacts(emailaddress1='ann@example.com')`,
  });
  const project = await c.create("ppx_projects", {
    ppx_name: "Roll-out",
    ppx_code: "P-1",
    "ppx_AccountId@odata.bind": `accounts(${account.id})`,
  });
  const read = await c.get("accounts", { id: account.id! }, {
    expand: ["primarycontactid($select=fullname)"],
  });
  assertEquals(read._primarycontactid_value, contact.id);
  assertEquals((read.primarycontactid as Record<string, unknown>).fullname, "Ann Lee");
  const p = await c.get("ppx_projects", { id: project.id! }, { annotations: true });
  assertEquals(p._ppx_accountid_value, account.id);
  assertEquals(p["_ppx_accountid_value@OData.Community.Display.V1.FormattedValue"], "Contoso");
  await assertRejects(
    () => c.create("ppx_projects", { ppx_name: "x", "ppx_accountid@odata.bind": `accounts(${account.id})` }),
    ApiError,
    "An undeclared property 'ppx_accountid'",
  );
});

Deno.test("queries: filter operators, order, paging with an opaque skiptoken, count, and $top ignored with a page size", async () => {
  await using org = await startOrg();
  const c = org.client;
  await c.createMultiple(
    "accounts",
    "account",
    Array.from(
      { length: 25 },
      (_, i) => ({
        name: `Company ${String(i).padStart(2, "0")}`,
        numberofemployees: i,
        creditonhold: i % 2 === 0,
      }),
    ),
  );
  const names = async (filter: string) => {
    const out: string[] = [];
    for await (
      const p of c.pages("accounts", { filter, select: ["name"], orderby: ["name"] }, { all: true })
    ) {
      out.push(...p.records.map((r) => r.name as string));
    }
    return out;
  };
  assertEquals(await names("numberofemployees ge 20 and not (numberofemployees eq 22)"), [
    "Company 20",
    "Company 21",
    "Company 23",
    "Company 24",
  ]);
  assertEquals(
    await names("endswith(name,'3') or startswith(name,'COMPANY 0') and numberofemployees lt 2"),
    [
      "Company 00",
      "Company 01",
      "Company 03",
      "Company 13",
      "Company 23",
    ],
  );
  assertEquals((await names("contains(name,'y 1') and creditonhold eq true")).length, 5);
  assertEquals((await names("accountnumber eq null")).length, 25);
  await assertRejects(() => names("name eq 5"), ApiError, "incompatible types");
  await assertRejects(() => names("name eq"), ApiError, "Syntax error");

  const before = org.emu.requestCount;
  const pages = [];
  for await (
    const p of c.pages("accounts", { orderby: ["numberofemployees desc"], top: 3, count: true }, {
      pageSize: 10,
      all: true,
    })
  ) {
    pages.push(p);
  }
  assertEquals(pages.map((p) => p.records.length), [10, 10, 5]);
  assertEquals(pages[0].count, 25);
  assertEquals(
    pages.flatMap((p) => p.records.map((r) => r.numberofemployees)),
    Array.from({ length: 25 }, (_, i) => 24 - i),
  );
  assertEquals(org.emu.requestCount - before, 3);

  // The next link carries the documented cookie shape and is followed unchanged.
  const raw = await fetch(`${org.emu.url}/api/data/v9.2/accounts?$select=name`, {
    headers: { authorization: `Bearer ${org.token}`, prefer: "odata.maxpagesize=5" },
  });
  assertEquals(raw.headers.get("preference-applied"), "odata.maxpagesize=5");
  const body = await raw.json();
  assertIncludes(
    body["@odata.nextLink"],
    "$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253caccountid%2520last%253d%2522%257b",
  );
  assertEquals(body["@odata.context"], `${org.emu.url}/api/data/v9.2/$metadata#accounts(name)`);
});

Deno.test("$batch: change set with $n references, GET, continue-on-error, atomic rollback, top-level 400", async () => {
  await using org = await startOrg();
  const c = org.client;
  const ok = await c.batch([
    {
      changeSet: [
        { method: "POST", url: "contacts", body: { firstname: "Bo", lastname: "Diaz" } },
        {
          method: "POST",
          url: "accounts",
          body: { name: "Batch Co", "primarycontactid@odata.bind": "$1" },
        },
        { method: "PATCH", url: "$1", body: { jobtitle: "CEO" } },
      ],
    },
    { method: "GET", url: "accounts?$select=name&$expand=primarycontactid($select=jobtitle)" },
  ]);
  assertEquals(ok.status, 200);
  assertEquals(ok.parts.map((p) => [p.status, p.contentId, p.changeSet]), [[204, "1", 0], [204, "2", 0], [
    204,
    "3",
    0,
  ], [200, undefined, undefined]]);
  assert(ok.parts[0].headers["odata-entityid"].includes("/contacts("));
  const listed = (ok.parts[3].json as { value: Record<string, Record<string, unknown>>[] }).value[0];
  assertEquals(listed.primarycontactid.jobtitle, "CEO");

  // Without continue-on-error: stop at the first failure, 400 with that failure only; the change set is rolled back.
  const failed = await c.batch([
    {
      changeSet: [
        { method: "POST", url: "accounts", body: { name: "Rolled back" } },
        { method: "POST", url: "accounts", body: { name: "x".repeat(200) } },
      ],
    },
    { method: "POST", url: "accounts", body: { name: "Never sent" } },
  ]);
  assertEquals(failed.status, 400);
  assertEquals(failed.parts.length, 1);
  assertEquals([failed.parts[0].status, partError(failed.parts[0]).code], [400, "0x80044331"]);
  const names: string[] = [];
  for await (const p of c.pages("accounts", { select: ["name"] })) {
    names.push(...p.records.map((r) => r.name as string));
  }
  assertEquals(names, ["Batch Co"]);

  // With continue-on-error: 200, every request answered in order.
  const cont = await c.batch([
    { method: "POST", url: "accounts", body: { nme: "bad" } },
    { method: "POST", url: "accounts", body: { name: "Second" } },
    { method: "DELETE", url: `accounts(${crypto.randomUUID()})` },
  ], { continueOnError: true });
  assertEquals(cont.status, 200);
  assertEquals(cont.parts.map((p) => p.status), [400, 204, 404]);

  const forward = await c.batch([{ changeSet: [{ method: "PATCH", url: "$1", body: { name: "x" } }] }]);
  assertIncludes(
    partError(forward.parts[0]).message ?? "",
    "Content-ID Reference: '$1' does not exist in the batch context.",
  );
});

Deno.test("CreateMultiple returns ids, UpsertMultiple matches by @odata.id; both atomic; metadata types columns", async () => {
  await using org = await startOrg();
  const c = org.client;
  const ids = await c.createMultiple("accounts", "account", [{ name: "A", accountnumber: "1" }, {
    name: "B",
    accountnumber: "2",
  }]);
  assertEquals(ids.length, 2);
  await c.upsertMultiple("accounts", "account", [
    { name: "A2", "@odata.id": "accounts(accountnumber='1')" },
    { name: "C", accountnumber: "3", "@odata.id": "accounts(accountnumber='3')" },
  ]);
  assertEquals((await c.get("accounts", { id: ids[0] }, { select: ["name"] })).name, "A2");
  await assertRejects(
    () =>
      c.upsertMultiple("accounts", "account", [{ name: "D", "@odata.id": "accounts(accountnumber='4')" }, {
        name: 5,
        "@odata.id": "accounts(accountnumber='5')",
      }]),
    ApiError,
    "Edm.String",
  );
  let count = 0;
  for await (const p of c.pages("accounts", {})) count += p.records.length;
  assertEquals(count, 3, "the failed UpsertMultiple changed nothing");

  const entity = await c.entity("ppx_projects");
  assertEquals(entity?.LogicalName, "ppx_project");
  const attributes = await c.attributes("ppx_project");
  const types = Object.fromEntries(attributes.map((a) => [a.LogicalName, a.AttributeType]));
  assertEquals([
    types.ppx_budget,
    types.ppx_hours,
    types.ppx_startdate,
    types.ppx_accountid,
    types.ppx_stage,
    types.ppx_active,
  ], [
    "Money",
    "Decimal",
    "DateTime",
    "Lookup",
    "Picklist",
    "Boolean",
  ]);
  assertEquals(attributes.find((a) => a.LogicalName === "ppx_accountid")?.Targets, ["account"]);
});

Deno.test("FetchXML: filter, order, attributes and paging through the paging cookie", async () => {
  await using org = await startOrg();
  const c = org.client;
  await c.createMultiple(
    "ppx_projects",
    "ppx_project",
    Array.from({ length: 12 }, (_, i) => ({ ppx_name: `P${i}`, ppx_priority: (i % 5) + 1 })),
  );
  const xml =
    `<fetch count="5"><entity name="ppx_project"><attribute name="ppx_name"/><attribute name="ppx_priority"/>
    <order attribute="ppx_name"/><filter type="or"><condition attribute="ppx_priority" operator="ge" value="4"/>
    <condition attribute="ppx_name" operator="like" value="P1%"/></filter></entity></fetch>`;
  const pages = [];
  for await (const p of c.fetchXmlPages("ppx_projects", xml, { all: true })) {
    pages.push(p.records.map((r) => r.ppx_name));
  }
  assertEquals(pages, [["P1", "P10", "P11", "P3", "P4"], ["P8", "P9"]]);
  await assertRejects(
    async () => {
      for await (const _ of c.fetchXmlPages("ppx_projects", "<fetch><entity name='account'/></fetch>")) {
        /* drain */
      }
    },
    ApiError,
    "does not match",
  );
});

Deno.test("FetchXML paging: starts at the query's page, refuses page=0, stops on an empty page that claims more", async () => {
  await using org = await startOrg();
  const c = org.client;
  await c.createMultiple(
    "ppx_projects",
    "ppx_project",
    Array.from({ length: 7 }, (_, i) => ({ ppx_name: `P${i}` })),
  );
  const xml = (page: string) =>
    `<fetch count="3"${page}><entity name="ppx_project"><attribute name="ppx_name"/>` +
    `<order attribute="ppx_name"/></entity></fetch>`;
  const pages: unknown[][] = [];
  for await (const p of c.fetchXmlPages("ppx_projects", xml(' page="2"'), { all: true })) {
    pages.push(p.records.map((r) => r.ppx_name));
  }
  assertEquals(pages, [["P3", "P4", "P5"], ["P6"]]);

  await assertRejects(
    async () => {
      for await (const _ of c.fetchXmlPages("ppx_projects", xml(' page="0"'))) { /* drain */ }
    },
    ValidationError,
    'page="0" is not a positive whole number',
  );

  // A service that answers an empty page with morerecords=true must not be asked again and again.
  let asked = 0;
  org.dv.extend((req) => {
    if (!req.url.searchParams.has("fetchXml")) return Promise.resolve(undefined);
    asked++;
    return Promise.resolve({
      status: 200,
      headers: { "Content-Type": "application/json; odata.metadata=minimal", "OData-Version": "4.0" },
      body: JSON.stringify({ value: [], "@Microsoft.Dynamics.CRM.morerecords": true }),
    });
  });
  const empty = [];
  for await (const p of c.fetchXmlPages("ppx_projects", xml(""), { all: true })) {
    empty.push(p);
    if (empty.length > 3) break; // fail, not hang, when the guard is gone
  }
  assertEquals([asked, empty.length, empty[0].records.length, empty[0].more], [1, 1, 0, true]);
});

Deno.test("401 in the Dataverse shape for a missing, bad or wrong-audience token", async () => {
  await using org = await startOrg();
  const url = `${org.emu.url}/api/data/v9.2/WhoAmI()`;
  const wrong = await org.emu.tokens.issue({ aud: "https://org.crm.dynamics.com" });
  for (const auth of [undefined, "Bearer nonsense", `Bearer ${wrong}`]) {
    const r = await fetch(url, { headers: auth ? { authorization: auth } : {} });
    assertEquals(r.status, 401);
    assertIncludes(r.headers.get("www-authenticate") ?? "", `resource_id=${org.emu.url}/`);
    assertIncludes((await r.json()).error.message, "not authorized");
  }
});
