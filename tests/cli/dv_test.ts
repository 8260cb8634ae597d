import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { startOrg } from "../helpers/dataverse.ts";
import { tempDir } from "../helpers/fixtures.ts";

Deno.test("ppx dv: whoami, create, get by key, update, upsert, list, delete against the emulator", async () => {
  await using org = await startOrg();
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const run = (argv: string[], extra: Parameters<typeof runPpx>[1] = {}) =>
    runPpx(argv, { env: org.env, cwd: dir, ...extra });
  const me = await run(["dv", "whoami", "--json"]);
  assertEquals(me.code, 0, me.stderr);
  assertEquals(JSON.parse(me.stdout).org, org.emu.url);

  await Deno.writeTextFile(
    `${dir}/acc.json`,
    JSON.stringify({ name: "Contoso", accountnumber: "A-1", revenue: 1000 }),
  );
  const created = await run(["dv", "create", "accounts", "--data", "@acc.json", "--json"]);
  assertEquals(created.code, 0, created.stderr);
  const id = JSON.parse(created.stdout).id;
  assert(/^[0-9a-f-]{36}$/.test(id), created.stdout);
  assertIncludes(created.stderr, `Created accounts(${id}).`);

  const got = await run([
    "dv",
    "get",
    "accounts",
    "--key",
    "accountnumber=A-1",
    "--select",
    "name,revenue",
  ]);
  assertEquals(got.stdout, `name\tContoso\nrevenue\t1000\naccountid\t${id}\n`);

  const updated = await run(["dv", "update", "accounts", id, "--data", '{"name":"Contoso Ltd"}']);
  assertEquals(updated.code, 0, updated.stderr);
  const missing = await run(["dv", "update", "accounts", crypto.randomUUID(), "--data", '{"name":"x"}']);
  assertEquals(missing.code, 5);
  assertIncludes(missing.stderr, "Does Not Exist (0x80040217)");

  const up = await run([
    "dv",
    "upsert",
    "accounts",
    "--key",
    "accountnumber=A-2",
    "--data",
    '{"name":"Fabrikam"}',
    "--json",
  ]);
  assertEquals(JSON.parse(up.stdout).created, true);
  const again = await run([
    "dv",
    "upsert",
    "accounts",
    "--key",
    "accountnumber=A-2",
    "--data",
    '{"name":"Fabrikam"}',
    "--create-only",
  ]);
  assertEquals(again.code, 1);
  assertIncludes(again.stderr, "A record with matching key values already exists. (0x80040237)");
  const updOnly = await run([
    "dv",
    "upsert",
    "accounts",
    "--key",
    "accountnumber=A-9",
    "--data",
    "{}",
    "--update-only",
  ]);
  assertEquals(updOnly.code, 5);

  const list = await run(["dv", "list", "accounts", "--select", "name,accountnumber", "--orderby", "name"]);
  assertEquals(list.stdout, "name\taccountnumber\nContoso Ltd\tA-1\nFabrikam\tA-2\n");
  const csv = await run([
    "dv",
    "list",
    "accounts",
    "--select",
    "name",
    "--filter",
    "startswith(name,'Fab')",
    "-o",
    "csv",
  ]);
  assertEquals(csv.stdout, "name\nFabrikam\n");
  const table = await run(["dv", "list", "accounts", "--select", "name"], {
    tty: true,
    env: { ...org.env, NO_COLOR: "1" },
  });
  assertIncludes(table.stdout, "Contoso Ltd");

  const refused = await run(["dv", "delete", "accounts", "--key", "accountnumber=A-2"]);
  assertEquals(refused.code, 2);
  assertIncludes(refused.stderr, "--yes");
  const deleted = await run(["dv", "delete", "accounts", "--key", "accountnumber=A-2", "--yes"]);
  assertEquals(deleted.code, 0, deleted.stderr);
  assertEquals((await run(["dv", "get", "accounts", "--key", "accountnumber=A-2"])).code, 5);
});

Deno.test("ppx dv list --all streams every page as JSON; --count; first page hints at --all", async () => {
  await using org = await startOrg();
  await org.client.createMultiple(
    "contacts",
    "contact",
    Array.from({ length: 23 }, (_, i) => ({ firstname: "C", lastname: String(i) })),
  );
  const all = await runPpx([
    "dv",
    "list",
    "contacts",
    "--all",
    "--page-size",
    "5",
    "--select",
    "fullname",
    "--json",
  ], { env: org.env });
  assertEquals(all.code, 0, all.stderr);
  assertEquals(JSON.parse(all.stdout).length, 23);
  const first = await runPpx(["dv", "list", "contacts", "--page-size", "5", "--count", "--json"], {
    env: org.env,
  });
  // --count never changes the JSON: still the array; the count is on stderr.
  assertEquals(JSON.parse(first.stdout).length, 5);
  assertIncludes(first.stderr, "23 record(s) match.");
  assertIncludes(first.stderr, "add --all");
  // --top with --count reports how many match, not how many --top let through.
  const one = await runPpx(["dv", "list", "contacts", "--top", "1", "--count", "--json"], { env: org.env });
  assertEquals(one.code, 0, one.stderr);
  assertEquals(JSON.parse(one.stdout).length, 1);
  assertIncludes(one.stderr, "23 record(s) match.");
  assertEquals(one.stderr.includes("add --all"), false, one.stderr);
  const seven = await runPpx([
    "dv",
    "list",
    "contacts",
    "--top",
    "7",
    "--page-size",
    "5",
    "--count",
    "--json",
  ], {
    env: org.env,
  });
  assertEquals(JSON.parse(seven.stdout).length, 7);
  assertIncludes(seven.stderr, "23 record(s) match.");
  const top = await runPpx(["dv", "query", "contacts", "--top", "2"], { env: org.env });
  assertEquals(top.stdout.trim().split("\n").length, 3);
});

Deno.test("ppx dv query --fetchxml FILE follows pages with --all", async () => {
  await using org = await startOrg();
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  await org.client.createMultiple(
    "accounts",
    "account",
    Array.from({ length: 7 }, (_, i) => ({ name: `N${i}`, numberofemployees: i })),
  );
  await Deno.writeTextFile(
    `${dir}/q.xml`,
    `<fetch count="3"><entity name="account"><attribute name="name"/><order attribute="numberofemployees" descending="true"/><filter><condition attribute="numberofemployees" operator="gt" value="1"/></filter></entity></fetch>`,
  );
  const r = await runPpx(["dv", "query", "accounts", "--fetchxml", "q.xml", "--all", "--json"], {
    env: org.env,
    cwd: dir,
  });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).map((x: { name: string }) => x.name), ["N6", "N5", "N4", "N3", "N2"]);
  const mixed = await runPpx(["dv", "query", "accounts", "--fetchxml", "q.xml", "--top", "1"], {
    env: org.env,
    cwd: dir,
  });
  assertEquals(mixed.code, 2);
});

Deno.test("ppx dv query --fetchxml --all follows the paging cookie, even when rows change between pages", async () => {
  await using org = await startOrg();
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const contact = await org.client.create("contacts", { firstname: "Ann", lastname: "Lee" });
  await org.client.createMultiple(
    "accounts",
    "account",
    Array.from({ length: 7 }, (_, i) => ({
      name: `N${i}`,
      ...(i % 3 === 0 ? { "primarycontactid@odata.bind": `/contacts(${contact.id})` } : {}),
    })),
  );
  // Delete N0, shown on page 1, just before page 2 is served: paging by page number alone would
  // then skip N3; the cookie resumes after N2.
  const seen: string[] = [];
  org.dv.extend((req) => {
    const xml = req.url.searchParams.get("fetchXml");
    if (xml) {
      seen.push(xml);
      if (seen.length === 2) {
        const table = org.dv.store.table("account")!;
        const n0 = [...table.records.values()].find((r) => r.values.name === "N0")!;
        org.dv.store.remove(table, n0.id);
      }
    }
    return Promise.resolve(undefined);
  });
  await Deno.writeTextFile(
    `${dir}/q.xml`,
    `<fetch count="3"><entity name="account"><attribute name="name"/><order attribute="name"/>
      <link-entity name="contact" from="contactid" to="primarycontactid" link-type="outer" alias="pc">
        <attribute name="fullname"/></link-entity></entity></fetch>`,
  );
  const r = await runPpx(["dv", "query", "accounts", "--fetchxml", "q.xml", "--all", "--json"], {
    env: org.env,
    cwd: dir,
  });
  assertEquals(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Record<string, string>[];
  assertEquals(rows.map((x) => x.name), ["N0", "N1", "N2", "N3", "N4", "N5", "N6"]);
  assertEquals(rows.map((x) => x["pc.fullname"] ?? ""), ["Ann Lee", "", "", "Ann Lee", "", "", "Ann Lee"]);
  assertEquals(seen.length, 3);
  assertIncludes(seen[1], 'page="2"');
  assertIncludes(seen[1], 'paging-cookie="&lt;cookie page=&quot;1&quot;&gt;&lt;name last=&quot;N2&quot;');
  assertIncludes(seen[2], 'page="3"');
});

Deno.test("ppx dv: clear errors for bad input, missing host, insecure hosts and missing tokens", async () => {
  await using org = await startOrg();
  const cases: [string[], Record<string, string>, number, string][] = [
    [["dv", "whoami"], { PPX_ACCESS_TOKEN: org.token }, 1, "No Dataverse host is set"],
    [
      ["dv", "whoami", "--dataverse-host", "http://example.com"],
      { PPX_ACCESS_TOKEN: org.token },
      2,
      "Refusing plain http://",
    ],
    [["dv", "whoami"], { DATAVERSE_HOST: org.emu.url }, 4, "No credentials"],
    [["dv", "whoami"], { DATAVERSE_HOST: org.emu.url, PPX_ACCESS_TOKEN: "bad" }, 4, "401"],
    [["dv", "create", "accounts", "--data", "{nope"], org.env, 2, "--data must be valid JSON"],
    [["dv", "create", "accounts", "--data", "[1]"], org.env, 2, "--data must be a JSON object"],
    [["dv", "create", "accounts", "--data", "@missing.json"], org.env, 2, "Unable to read the --data file"],
    [["dv", "get", "accounts"], org.env, 2, "Which record?"],
    [["dv", "get", "accounts", crypto.randomUUID(), "--key", "a=b"], org.env, 2, "not both"],
    [["dv", "get", "accounts", "nope"], org.env, 2, "is not a GUID"],
    [["dv", "get", "accounts", "--key", "novalue"], org.env, 2, "name=value"],
    [["dv", "list", "accounts", "--top", "0"], org.env, 2, "--top must be a whole number"],
    [["dv", "list", "bad set"], org.env, 2, "not a valid entity set"],
    [["dv", "list", "nosuchtable"], org.env, 5, "Resource not found for the segment 'nosuchtable'"],
  ];
  for (const [argv, env, code, message] of cases) {
    const r = await runPpx(argv, { env });
    assertEquals(r.code, code, `${argv.join(" ")}: ${r.stderr}`);
    assertIncludes(r.stderr, message, argv.join(" "));
    assertEquals(r.stdout, "", `no partial output for ${argv.join(" ")}`);
  }
});

Deno.test("ppx api: raw requests with headers, bodies, --include and error statuses", async () => {
  await using org = await startOrg();
  const who = await runPpx(["api", "GET", "WhoAmI()"], { env: org.env });
  assertEquals(who.code, 0, who.stderr);
  assert(JSON.parse(who.stdout).UserId);
  const post = await runPpx(
    [
      "api",
      "POST",
      "accounts",
      "--data",
      '{"name":"Raw"}',
      "-H",
      "Prefer: return=representation",
      "--include",
    ],
    { env: org.env },
  );
  assertEquals(post.code, 0, post.stderr);
  assertIncludes(post.stdout, "HTTP/1.1 201 Created\n");
  assertIncludes(post.stdout, '"name": "Raw"');
  const abs = await runPpx(["api", "GET", `${org.emu.url}/api/data/v9.2/accounts?$select=name`], {
    env: org.env,
  });
  assertEquals(JSON.parse(abs.stdout).value[0].name, "Raw");
  const missing = await runPpx(["api", "GET", `accounts(${crypto.randomUUID()})`], { env: org.env });
  assertEquals(missing.code, 5);
  assertIncludes(missing.stdout, "0x80040217");
  const bad = await runPpx(["api", "GET", "x", "--audience", "nope"], { env: org.env });
  assertEquals(bad.code, 2);
  assertIncludes(bad.stderr, "Unknown audience");
});

Deno.test("ppx dv list: a table without --select shows name, id and modified-on; headers are the column names either way", async () => {
  await using org = await startOrg();
  await org.client.create("accounts", { name: "Contoso", accountnumber: "A-1", revenue: 5 });
  const env = { ...org.env, NO_COLOR: "1" };
  const table = await runPpx(["dv", "list", "accounts"], { env, tty: true, columns: 200 });
  assertEquals(table.code, 0, table.stderr);
  const header = table.stdout.split("\n")[0].trim().split(/\s{2,}/);
  assertEquals(header, ["name", "accountid", "modifiedon"]);
  assertIncludes(table.stdout, "Contoso");
  const selected = await runPpx(["dv", "list", "accounts", "--select", "name,revenue"], { env, tty: true });
  assertEquals(selected.stdout.split("\n")[0].trim().split(/\s{2,}/), ["name", "revenue"]);
  // Piped, every column is there for scripts, under the same lower-case names.
  const tsv = await runPpx(["dv", "list", "accounts"], { env });
  const columns = tsv.stdout.split("\n")[0].split("\t");
  assert(
    columns.includes("accountnumber") && columns.includes("revenue") && columns.includes("name"),
    tsv.stdout,
  );
});
