import { assert, assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { startOrg, type TestOrg } from "../../helpers/dataverse.ts";

type Row = Record<string, unknown>;

const PAGING = 'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,' +
  'Microsoft.Dynamics.CRM.morerecords"';

/** Sends FetchXML over HTTP as any Web API client would. */
async function fetchXml(
  org: TestOrg,
  set: string,
  xml: string,
  prefer?: string,
): Promise<{ status: number; body: Record<string, unknown> & { value: Row[] } }> {
  const r = await fetch(`${org.emu.url}/api/data/v9.2/${set}?fetchXml=${encodeURIComponent(xml)}`, {
    headers: { authorization: `Bearer ${org.token}`, ...(prefer ? { prefer } : {}) },
  });
  return { status: r.status, body: await r.json() };
}

/** Accounts A (contact Ann Lee), B (contact Bob Ray), C (no contact); projects on A (2) and B (1). */
async function seed(org: TestOrg) {
  const c = org.client;
  const ann = (await c.create("contacts", { firstname: "Ann", lastname: "Lee", jobtitle: "CEO" })).id!;
  const bob = (await c.create("contacts", { firstname: "Bob", lastname: "Ray" })).id!;
  const a = (await c.create("accounts", {
    name: "A",
    numberofemployees: 10,
    "primarycontactid@odata.bind": `/contacts(${ann})`,
  })).id!;
  const b = (await c.create("accounts", {
    name: "B",
    numberofemployees: 30,
    "primarycontactid@odata.bind": `/contacts(${bob})`,
  })).id!;
  const cc = (await c.create("accounts", { name: "C" })).id!;
  const project = (name: string, account: string, budget: number, stage: number, start: string) =>
    c.create("ppx_projects", {
      ppx_name: name,
      ppx_budget: budget,
      ppx_priority: 1,
      ppx_stage: stage,
      ppx_startdate: start,
      "ppx_AccountId@odata.bind": `/accounts(${account})`,
    });
  await project("P1", a, 100, 100000000, "2024-01-15T10:00:00Z");
  await project("P2", a, 300, 100000001, "2024-03-02T10:00:00Z");
  await project("P3", b, 50, 100000001, "2025-03-20T23:30:00Z");
  return { ann, bob, a, b, c: cc };
}

Deno.test("FetchXML link-entity: inner and outer joins, alias.column values, link filters, nesting", async () => {
  await using org = await startOrg();
  const ids = await seed(org);
  const inner = await fetchXml(
    org,
    "accounts",
    `<fetch><entity name="account"><attribute name="name"/><order attribute="name"/>
      <link-entity name="contact" from="contactid" to="primarycontactid" link-type="inner" alias="pc">
        <attribute name="fullname"/><attribute name="jobtitle"/></link-entity></entity></fetch>`,
  );
  assertEquals(inner.status, 200, JSON.stringify(inner.body));
  assertEquals(inner.body.value.map((r) => [r.name, r["pc.fullname"]]), [["A", "Ann Lee"], [
    "B",
    "Bob Ray",
  ]]);
  // Like Dataverse, FetchXML rows leave out columns without a value (Bob has no job title).
  assertEquals(inner.body.value[0]["pc.jobtitle"], "CEO");
  assert(!("pc.jobtitle" in inner.body.value[1]), JSON.stringify(inner.body.value[1]));
  assertEquals(inner.body.value[0].accountid, ids.a, "the primary key comes with every row");

  // Outer keeps C without contact columns; a filter inside the link narrows the join, not the rows.
  const outer = await fetchXml(
    org,
    "accounts",
    `<fetch><entity name="account"><attribute name="name"/><order attribute="name"/>
      <link-entity name="contact" from="contactid" to="primarycontactid" link-type="outer" alias="pc">
        <attribute name="firstname"/>
        <filter><condition attribute="lastname" operator="eq" value="ray"/></filter>
      </link-entity></entity></fetch>`,
  );
  assertEquals(outer.body.value.map((r) => [r.name, r["pc.firstname"] ?? null]), [
    ["A", null],
    ["B", "Bob"],
    ["C", null],
  ]);

  // entityname on a condition filters on the linked row: accounts without a primary contact.
  const orphans = await fetchXml(
    org,
    "accounts",
    `<fetch><entity name="account"><attribute name="name"/>
      <link-entity name="contact" from="contactid" to="primarycontactid" link-type="outer" alias="pc"/>
      <filter><condition entityname="pc" attribute="contactid" operator="null"/></filter></entity></fetch>`,
  );
  assertEquals(orphans.body.value.map((r) => r.name), ["C"]);

  // Nested links with their own order; annotations on linked lookups when asked for.
  const nested = await fetchXml(
    org,
    "ppx_projects",
    `<fetch><entity name="ppx_project"><attribute name="ppx_name"/>
      <link-entity name="account" from="accountid" to="ppx_accountid" alias="acc">
        <attribute name="name"/><attribute name="primarycontactid"/>
        <link-entity name="contact" from="contactid" to="primarycontactid" alias="who">
          <attribute name="lastname"/></link-entity>
      </link-entity><order entityname="acc" attribute="name" descending="true"/><order attribute="ppx_name"/>
      </entity></fetch>`,
    'odata.include-annotations="*"',
  );
  assertEquals(nested.body.value.map((r) => [r.ppx_name, r["acc.name"], r["who.lastname"]]), [
    ["P3", "B", "Ray"],
    ["P1", "A", "Lee"],
    ["P2", "A", "Lee"],
  ]);
  const p3 = nested.body.value[0];
  assertEquals(p3["acc.primarycontactid"], ids.bob);
  assertEquals(p3["acc.primarycontactid@OData.Community.Display.V1.FormattedValue"], "Bob Ray");
  assertEquals(p3["acc.primarycontactid@Microsoft.Dynamics.CRM.lookuplogicalname"], "contact");

  // One-to-many from the other side, and the "not any" semi-join (accounts without projects).
  const contacts = await fetchXml(
    org,
    "contacts",
    `<fetch><entity name="contact"><attribute name="firstname"/>
      <link-entity name="account" from="primarycontactid" to="contactid" alias="acct"><attribute name="name"/>
      </link-entity></entity></fetch>`,
  );
  assertEquals(contacts.body.value.map((r) => `${r.firstname}:${r["acct.name"]}`).sort(), [
    "Ann:A",
    "Bob:B",
  ]);
  const idle = await fetchXml(
    org,
    "accounts",
    `<fetch><entity name="account"><attribute name="name"/>
      <link-entity name="ppx_project" from="ppx_accountid" to="accountid" link-type="not any"/>
      </entity></fetch>`,
  );
  assertEquals(idle.body.value.map((r) => r.name), ["C"]);
});

Deno.test("FetchXML aggregates: count, countcolumn distinct, sum/avg/min/max, groupby with order and dates", async () => {
  await using org = await startOrg();
  await seed(org);
  const totals = await fetchXml(
    org,
    "ppx_projects",
    `<fetch aggregate="true"><entity name="ppx_project">
      <attribute name="ppx_projectid" alias="n" aggregate="count"/>
      <attribute name="ppx_stage" alias="stages" aggregate="countcolumn" distinct="true"/>
      <attribute name="ppx_budget" alias="total" aggregate="sum"/>
      <attribute name="ppx_budget" alias="average" aggregate="avg"/>
      <attribute name="ppx_budget" alias="least" aggregate="min"/>
      <attribute name="ppx_startdate" alias="latest" aggregate="max"/>
    </entity></fetch>`,
  );
  assertEquals(totals.status, 200, JSON.stringify(totals.body));
  assertEquals(totals.body.value, [{
    n: 3,
    stages: 2,
    total: 450,
    average: 150,
    least: 50,
    latest: "2025-03-20T23:30:00Z",
  }]);

  // Group by a linked column, filtered, ordered by an aggregate alias descending.
  const byAccount = await fetchXml(
    org,
    "ppx_projects",
    `<fetch aggregate="true"><entity name="ppx_project">
      <attribute name="ppx_budget" alias="total" aggregate="sum"/>
      <attribute name="ppx_name" alias="projects" aggregate="count"/>
      <link-entity name="account" from="accountid" to="ppx_accountid" alias="a">
        <attribute name="name" alias="account" groupby="true"/></link-entity>
      <filter><condition attribute="ppx_budget" operator="ge" value="50"/></filter>
      <order alias="total" descending="true"/>
    </entity></fetch>`,
    'odata.include-annotations="*"',
  );
  assertEquals(byAccount.body.value.map((r) => [r.account, r.total, r.projects]), [["A", 400, 2], [
    "B",
    50,
    1,
  ]]);
  assertEquals(byAccount.body.value[0]["total@OData.Community.Display.V1.FormattedValue"], "$400.00");

  // Group by a choice column and by year/month of a date.
  const byStage = await fetchXml(
    org,
    "ppx_projects",
    `<fetch aggregate="true"><entity name="ppx_project">
      <attribute name="ppx_stage" alias="stage" groupby="true"/>
      <attribute name="ppx_startdate" alias="year" groupby="true" dategrouping="year"/>
      <attribute name="ppx_startdate" alias="month" groupby="true" dategrouping="month"/>
      <attribute name="ppx_projectid" alias="n" aggregate="count"/>
    </entity></fetch>`,
    'odata.include-annotations="OData.Community.Display.V1.FormattedValue"',
  );
  assertEquals(
    byStage.body.value.map((
      r,
    ) => [r["stage@OData.Community.Display.V1.FormattedValue"], r.year, r.month, r.n]),
    [
      ["Planned", 2024, 1, 1],
      ["Running", 2024, 3, 1],
      ["Running", 2025, 3, 1],
    ],
  );

  // distinct rows: one per value, without the primary key or etag.
  const distinct = await fetchXml(
    org,
    "ppx_projects",
    `<fetch distinct="true"><entity name="ppx_project"><attribute name="ppx_priority"/></entity></fetch>`,
  );
  assertEquals(distinct.body.value, [{ ppx_priority: 1 }]);

  const plain = await fetchXml(
    org,
    "accounts",
    `<fetch aggregate="true"><entity name="account"><attribute name="name"/></entity></fetch>`,
  );
  assertEquals(plain.status, 400);
  assertIncludes(String((plain.body.error as Row).message), "aggregate");
});

Deno.test("FetchXML condition operators: lists, ranges, like forms, dates, valueof and nested filters", async () => {
  await using org = await startOrg();
  await seed(org);
  const names = async (
    conditions: string,
    set = "ppx_projects",
    entity = "ppx_project",
    name = "ppx_name",
  ) => {
    const r = await fetchXml(
      org,
      set,
      `<fetch><entity name="${entity}"><attribute name="${name}"/><order attribute="${name}"/>
        <filter>${conditions}</filter></entity></fetch>`,
    );
    assertEquals(r.status, 200, JSON.stringify(r.body));
    return r.body.value.map((x) => x[name]);
  };
  const budget = (op: string, inner: string) =>
    `<condition attribute="ppx_budget" operator="${op}">${inner}</condition>`;
  assertEquals(await names(budget("in", "<value>100</value><value>50</value>")), ["P1", "P3"]);
  assertEquals(await names(budget("not-in", "<value>100</value><value>50</value>")), ["P2"]);
  assertEquals(await names(budget("between", "<value>60</value><value>300</value>")), ["P1", "P2"]);
  assertEquals(await names(budget("not-between", "<value>60</value><value>300</value>")), ["P3"]);
  assertEquals(await names('<condition attribute="ppx_budget" operator="lt" value="300"/>'), ["P1", "P3"]);
  assertEquals(await names('<condition attribute="ppx_code" operator="null"/>'), ["P1", "P2", "P3"]);
  assertEquals(await names('<condition attribute="ppx_code" operator="not-null"/>'), []);
  const date = (op: string, value: string) =>
    `<condition attribute="ppx_startdate" operator="${op}" value="${value}"/>`;
  assertEquals(await names(date("on", "2024-03-02")), ["P2"]);
  assertEquals(await names(date("on-or-after", "2024-03-02")), ["P2", "P3"]);
  assertEquals(await names(date("on-or-before", "2024-03-02")), ["P1", "P2"]);
  const text = (op: string, value: string) =>
    `<condition attribute="lastname" operator="${op}" value="${value}"/>`;
  const contacts = (c: string) => names(c, "contacts", "contact", "firstname");
  assertEquals(await contacts(text("begins-with", "l")), ["Ann"]);
  assertEquals(await contacts(text("ends-with", "AY")), ["Bob"]);
  assertEquals(await contacts(text("not-like", "%e%")), ["Bob"]);
  assertEquals(await contacts(text("not-begin-with", "R")), ["Ann"]);
  // Nested or inside and; valueof compares two columns of the same row.
  assertEquals(
    await names(
      `<condition attribute="ppx_priority" operator="eq" value="1"/>
       <filter type="or">${date("on", "2024-01-15")}${budget("eq", "<value>50</value>")}</filter>`,
    ),
    ["P1", "P3"],
  );
  assertEquals(await names('<condition attribute="ppx_budget" operator="gt" valueof="ppx_priority"/>'), [
    "P1",
    "P2",
    "P3",
  ]);
});

Deno.test("FetchXML paging: cookie and morerecords only when asked, and the cookie survives a deleted row", async () => {
  await using org = await startOrg();
  await org.client.createMultiple(
    "accounts",
    "account",
    Array.from({ length: 7 }, (_, i) => ({ name: `N${i}`, numberofemployees: i % 2 })),
  );
  const xml = (page: number, cookie?: string) =>
    `<fetch count="3" page="${page}"${
      cookie
        ? ` paging-cookie="${cookie.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;")}"`
        : ""
    }><entity name="account"><attribute name="name"/><order attribute="numberofemployees"/><order attribute="name"/>
    </entity></fetch>`;
  const bare = await fetchXml(org, "accounts", xml(1));
  assert(!("@Microsoft.Dynamics.CRM.morerecords" in bare.body), "annotations only when asked for");
  const first = await fetchXml(org, "accounts", xml(1), PAGING);
  assertEquals(first.body.value.map((r) => r.name), ["N0", "N2", "N4"]);
  assertEquals(first.body["@Microsoft.Dynamics.CRM.morerecords"], true);
  const annotation = String(first.body["@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"]);
  const m = /^<cookie pagenumber="2" pagingcookie="([^"]+)" istracking="False" \/>$/.exec(annotation);
  assert(m, annotation);
  const cookie = decodeURIComponent(decodeURIComponent(m[1]));
  assertIncludes(
    cookie,
    '<cookie page="1"><numberofemployees last="0" first="0" /><name last="N4" first="N0" />',
  );

  // N4 (the last row of page 1) is deleted before page 2: the cookie still resumes right after it.
  const n4 = first.body.value[2].accountid as string;
  await org.client.delete("accounts", { id: n4 });
  const second = await fetchXml(org, "accounts", xml(2, cookie), PAGING);
  assertEquals(second.body.value.map((r) => r.name), ["N6", "N1", "N3"]);
  const byNumber = await fetchXml(org, "accounts", xml(2), PAGING);
  assertEquals(
    byNumber.body.value.map((r) => r.name),
    ["N1", "N3", "N5"],
    "without a cookie, page numbers",
  );
  const nextCookie = decodeURIComponent(
    decodeURIComponent(
      /pagingcookie="([^"]+)"/.exec(
        String(second.body["@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"]),
      )![1],
    ),
  );
  const last = await fetchXml(org, "accounts", xml(3, nextCookie), PAGING);
  assertEquals(last.body.value.map((r) => r.name), ["N5"]);
  assert(!("@Microsoft.Dynamics.CRM.morerecords" in last.body), "the last page has no morerecords");
  assert(!("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie" in last.body));

  const counted = await fetchXml(
    org,
    "accounts",
    `<fetch returntotalrecordcount="true" count="2"><entity name="account"/></fetch>`,
  );
  assertEquals([counted.body["@odata.count"], counted.body.value.length], [6, 2]);
});

Deno.test("FetchXML errors carry Dataverse's codes for bad XML, unknown columns, tables and operators", async () => {
  await using org = await startOrg();
  const cases: [string, string, string][] = [
    ["<fetch><entity name='account'>", "0x80040203", "not well-formed"],
    [
      "<fetch><entity name='account'><attribute name='nope'/></entity></fetch>",
      "0x80041103",
      "'account' entity doesn't contain attribute with Name = 'nope' and NameMapping = 'Logical'.",
    ],
    [
      "<fetch><entity name='account'><link-entity name='contact' from='contactid' to='nope'/></entity></fetch>",
      "0x80041103",
      "Name = 'nope'",
    ],
    [
      "<fetch><entity name='account'><link-entity name='widget' from='id' to='accountid'/></entity></fetch>",
      "0x80041102",
      "The entity with a name = 'widget' with namemapping = 'Logical' was not found in the MetadataCache.",
    ],
    [
      "<fetch><entity name='account'><filter><condition attribute='name' operator='sounds-like' value='x'/></filter></entity></fetch>",
      "0x80040203",
      "'sounds-like' is not supported",
    ],
    [
      "<fetch><entity name='account'><attributes/></entity></fetch>",
      "0x80040203",
      "Invalid child node <attributes>",
    ],
    // A condition value that cannot be its column's type names the value and the column.
    [
      "<fetch><entity name='account'><filter><condition attribute='numberofemployees' operator='gt' value='many'/></filter></entity></fetch>",
      "0x80040203",
      "'many' is not a valid number for the column numberofemployees.",
    ],
    [
      "<fetch><entity name='account'><filter><condition attribute='createdon' operator='on' value='2024-13-45'/></filter></entity></fetch>",
      "0x80040203",
      "'2024-13-45' is not a valid date for the column createdon.",
    ],
    [
      "<fetch><entity name='account'><filter><condition attribute='name' operator='eq'/></filter></entity></fetch>",
      "0x80040203",
      "The condition 'name eq' needs a value.",
    ],
    [
      "<fetch><entity name='account'><filter><condition attribute='numberofemployees' operator='between'><value>1</value></condition></filter></entity></fetch>",
      "0x80040203",
      "needs two <value> elements",
    ],
    [
      "<fetch><entity name='account'><filter><condition attribute='createdon' operator='last-x-days' value='-1'/></filter></entity></fetch>",
      "0x80040203",
      "needs a whole number value, not '-1'",
    ],
    [
      "<fetch><entity name='account'><filter type='xor'/></entity></fetch>",
      "0x80040203",
      "The filter type 'xor' is not valid",
    ],
  ];
  for (const [xml, code, message] of cases) {
    const r = await fetchXml(org, "accounts", xml);
    assertEquals(r.status, 400, xml);
    const error = r.body.error as { code: string; message: string };
    assertEquals(error.code, code, xml);
    assertIncludes(error.message, message);
  }
});
