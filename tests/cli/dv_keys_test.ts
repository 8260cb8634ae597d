import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { startOrg, type TestOrg } from "../helpers/dataverse.ts";
import type { DataverseSchema } from "@pacx/emulator";
import { tempDir } from "../helpers/fixtures.ts";

// Keys over every kind of column a key literal depends on: a string, an integer, a string with a date, a lookup.
const SCHEMA: DataverseSchema = {
  tables: [
    {
      logicalName: "account",
      entitySetName: "accounts",
      primaryIdAttribute: "accountid",
      primaryNameAttribute: "name",
      attributes: [
        { logicalName: "name", type: "String", maxLength: 100 },
        { logicalName: "accountnumber", type: "String", maxLength: 20 },
      ],
      alternateKeys: [{ name: "accountnumber_key", attributes: ["accountnumber"] }],
    },
    {
      logicalName: "ppx_item",
      entitySetName: "ppx_items",
      primaryIdAttribute: "ppx_itemid",
      primaryNameAttribute: "ppx_name",
      attributes: [
        { logicalName: "ppx_name", type: "String", maxLength: 100 },
        { logicalName: "ppx_code", type: "String", maxLength: 20 },
        { logicalName: "ppx_number", type: "Integer" },
        { logicalName: "ppx_site", type: "String", maxLength: 20 },
        { logicalName: "ppx_since", type: "DateTime", format: "DateOnly" },
        {
          logicalName: "ppx_accountid",
          type: "Lookup",
          targets: ["account"],
          navigation: { account: "ppx_AccountId" },
        },
      ],
      alternateKeys: [
        { name: "ppx_code_key", attributes: ["ppx_code"] },
        { name: "ppx_number_key", attributes: ["ppx_number"] },
        { name: "ppx_site_since_key", attributes: ["ppx_site", "ppx_since"] },
        { name: "ppx_account_key", attributes: ["ppx_accountid"] },
      ],
    },
  ],
};

async function withOrg(fn: (org: TestOrg, dir: string) => Promise<void>): Promise<void> {
  await using org = await startOrg({ schema: SCHEMA });
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  await fn(org, dir);
}

/** The request lines of a `--debug` trace that went to the Web API. */
function requests(stderr: string): string[] {
  return [...stderr.matchAll(/(GET|PATCH|POST|DELETE) \S*\/api\/data\/v9\.2\/(\S+)/g)].map((m) =>
    `${m[1]} ${decodeURIComponent(m[2])}`
  );
}

Deno.test("ppx dv --key: each value is sent as its column's literal and finds the record", async () => {
  await withOrg(async (org, dir) => {
    const run = (...argv: string[]) => runPpx(argv, { env: org.env, cwd: dir });
    const account = await org.client.create("accounts", { name: "Contoso", accountnumber: "A-1" });

    // A string with an apostrophe: quoted, the quote doubled.
    const up = await run(
      "dv",
      "upsert",
      "ppx_items",
      "--key",
      "ppx_code=O'Neil",
      "--data",
      '{"ppx_name":"quote"}',
    );
    assertEquals(up.code, 0, up.stderr);
    const got = await run(
      "dv",
      "get",
      "ppx_items",
      "--key",
      "ppx_code=O'Neil",
      "--select",
      "ppx_name",
      "--debug",
    );
    assertEquals(got.code, 0, got.stderr);
    assertIncludes(got.stdout, "quote");
    assert(requests(got.stderr).includes("GET ppx_items(ppx_code='O''Neil')?$select=ppx_name"), got.stderr);

    // An integer: bare. The emulator, like Dataverse, refuses '123' for an Integer column.
    const int = await run(
      "dv",
      "upsert",
      "ppx_items",
      "--key",
      "ppx_number=123",
      "--data",
      '{"ppx_name":"int"}',
      "--json",
    );
    assertEquals(int.code, 0, int.stderr);
    assertEquals(JSON.parse(int.stdout).created, true);
    const byInt = await run(
      "dv",
      "get",
      "ppx_items",
      "--key",
      "ppx_number=123",
      "--select",
      "ppx_name,ppx_number",
      "--json",
      "--debug",
    );
    assertEquals(byInt.code, 0, byInt.stderr);
    assertEquals([JSON.parse(byInt.stdout).ppx_name, JSON.parse(byInt.stdout).ppx_number], ["int", 123]);
    const sent = requests(byInt.stderr);
    assert(sent.some((r) => r.startsWith("GET ppx_items(ppx_number=123)")), sent.join("\n"));
    assertEquals(
      sent.filter((r) => r.startsWith("GET EntityDefinitions")).length > 0,
      true,
      "typed from metadata",
    );

    // A number-looking value for a String column stays a string, typed or forced with quotes.
    const code = await run(
      "dv",
      "upsert",
      "ppx_items",
      "--key",
      "ppx_code=123",
      "--data",
      '{"ppx_name":"text"}',
    );
    assertEquals(code.code, 0, code.stderr);
    const forced = await run(
      "dv",
      "get",
      "ppx_items",
      "--key",
      "ppx_code='123'",
      "--select",
      "ppx_name",
      "--debug",
    );
    assertEquals(forced.code, 0, forced.stderr);
    assertIncludes(forced.stdout, "text");
    assertEquals(
      requests(forced.stderr),
      ["GET ppx_items(ppx_code='123')?$select=ppx_name"],
      "no metadata read",
    );

    // Two columns: a string and a date-only column (an Edm.Date literal).
    const two = await run(
      "dv",
      "upsert",
      "ppx_items",
      "--key",
      "ppx_site=North,ppx_since=2024-01-31",
      "--data",
      '{"ppx_name":"two"}',
      "--debug",
    );
    assertEquals(two.code, 0, two.stderr);
    assert(
      requests(two.stderr).includes("PATCH ppx_items(ppx_site='North',ppx_since=2024-01-31)"),
      two.stderr,
    );
    const byTwo = await run(
      "dv",
      "get",
      "ppx_items",
      "--key",
      "ppx_since=2024-01-31",
      "--key",
      "ppx_site=north",
      "--json",
    );
    assertEquals(byTwo.code, 0, byTwo.stderr);
    assertEquals([JSON.parse(byTwo.stdout).ppx_name, JSON.parse(byTwo.stdout).ppx_since], [
      "two",
      "2024-01-31",
    ]);

    // A lookup: `_x_value=<guid>` needs no metadata; the column's own name is rewritten to it.
    const look = await run(
      "dv",
      "upsert",
      "ppx_items",
      "--key",
      `_ppx_accountid_value=${account.id}`,
      "--data",
      '{"ppx_name":"lookup"}',
      "--debug",
    );
    assertEquals(look.code, 0, look.stderr);
    assertEquals(requests(look.stderr), [`PATCH ppx_items(_ppx_accountid_value=${account.id})`]);
    const byLookup = await run(
      "dv",
      "get",
      "ppx_items",
      "--key",
      `ppx_accountid={${account.id!.toUpperCase()}}`,
      "--json",
    );
    assertEquals(byLookup.code, 0, byLookup.stderr);
    assertEquals(JSON.parse(byLookup.stdout)._ppx_accountid_value, account.id);

    const gone = await run("dv", "delete", "ppx_items", "--key", "ppx_number=123", "--yes");
    assertEquals(gone.code, 0, gone.stderr);
    assertEquals((await run("dv", "get", "ppx_items", "--key", "ppx_number=123")).code, 5);
  });
});

Deno.test("ppx dv --key: a value of the wrong type or a column outside the keys is exit 2 with what would work", async () => {
  await withOrg(async (org) => {
    const cases: [string[], string[]][] = [
      [["get", "ppx_items", "--key", "ppx_number=12a"], [
        "--key ppx_number: '12a' is not a whole number; ppx_number is an Integer column.",
        "Example: --key ppx_number=42",
      ]],
      [["get", "ppx_items", "--key", "ppx_site=North,ppx_since='2024-01-31'"], [
        "--key ppx_since: the quotes make '2024-01-31' a string, but ppx_since is a DateTime column.",
        "Drop the quotes, e.g. --key ppx_since=2024-01-31",
      ]],
      [["get", "ppx_items", "--key", "ppx_site=North,ppx_since=31/01/2024"], [
        "is not a date (YYYY-MM-DD)",
        "Example: --key ppx_since=2024-01-31",
      ]],
      [["update", "ppx_items", "--key", "_ppx_accountid_value=nope", "--data", "{}"], [
        "is not a GUID",
        "Lookup",
      ]],
      [["delete", "ppx_items", "--key", "nope=1", "--yes"], [
        "'nope' is not a column of an alternate key of ppx_items.",
        "ppx_code_key (ppx_code); ppx_number_key (ppx_number); ppx_site_since_key (ppx_site, ppx_since); " +
        "ppx_account_key (ppx_accountid)",
        "Example: --key ppx_code=A-100",
      ]],
      [["get", "ppx_items", "--key", "ppx_name=x"], ["'ppx_name' is not a column of an alternate key"]],
      [["upsert", "ppx_items", "--key", "ppx_site=North", "--data", "{}"], [
        "ppx_site is not a whole alternate key of ppx_items.",
        "ppx_site_since_key (ppx_site, ppx_since)",
      ]],
    ];
    for (const [argv, messages] of cases) {
      const r = await runPpx(["dv", ...argv], { env: org.env });
      assertEquals(r.code, 2, `${argv.join(" ")}: ${r.stderr}`);
      for (const m of messages) assertIncludes(r.stderr, m, argv.join(" "));
      assertEquals(r.stdout, "");
    }
    assertEquals(org.dv.store.table("ppx_item")!.records.size, 0, "nothing was written");

    // Quotes force a string without reading metadata, so a forced string on an Integer column goes out as
    // written, and the service (here the emulator) refuses it.
    const forced = await runPpx(["dv", "get", "ppx_items", "--key", "ppx_number='123'", "--debug"], {
      env: org.env,
    });
    assertEquals(forced.code, 1, forced.stderr);
    assertIncludes(forced.stderr, "Bad Request - Error in query syntax. (0x80060888)");
    assertEquals(requests(forced.stderr), ["GET ppx_items(ppx_number='123')"]);
  });
});

Deno.test("emulator: a key literal of the wrong type or a name outside the keys is Dataverse's 400", async () => {
  await withOrg(async (org) => {
    const account = await org.client.create("accounts", { name: "Contoso" });
    await org.client.create("ppx_items", { ppx_name: "x", ppx_number: 7, ppx_code: "7" });
    const cases: [string, number, string][] = [
      ["ppx_items(ppx_number=7)", 200, '"ppx_name": "x"'],
      ["ppx_items(ppx_code='7')", 200, '"ppx_name": "x"'],
      ["ppx_items(ppx_number='7')", 400, "Bad Request - Error in query syntax."],
      ["ppx_items(ppx_code=7)", 400, "Bad Request - Error in query syntax."],
      ["ppx_items(ppx_site='N',ppx_since='2024-01-31')", 400, "Bad Request - Error in query syntax."],
      [`ppx_items(_ppx_accountid_value='${account.id}')`, 400, "Bad Request - Error in query syntax."],
      [`ppx_items(ppx_accountid=${account.id})`, 400, "The key in the request URI is not valid for resource"],
      ["ppx_items(ppx_name='x')", 400, "Ensure that the names and number of key properties match"],
    ];
    for (const [path, status, text] of cases) {
      const r = await runPpx(["api", "GET", path, "--include"], { env: org.env });
      assertIncludes(r.stdout, `HTTP/1.1 ${status} `, path);
      assertIncludes(r.stdout, text, path);
    }
  });
});

Deno.test("ppx dv bulk-csv --key-columns types key cells like --key: integers, lookups, bad cells per row", async () => {
  await withOrg(async (org, dir) => {
    const account = await org.client.create("accounts", { name: "Contoso" });
    await Deno.writeTextFile(`${dir}/n.csv`, "ppx_number,ppx_name\n7,seven\n8,eight\nx,bad\n7,seven again\n");
    for (const mode of ["batch", "multiple"]) {
      const r = await runPpx(
        ["dv", "bulk-csv", "ppx_items", "n.csv", "--key-columns", "ppx_number", "--mode", mode, "--json"],
        { env: org.env, cwd: dir },
      );
      assertEquals(r.code, 3, r.stderr);
      const summary = JSON.parse(r.stdout);
      assertEquals([summary.succeeded, summary.invalid], [3, 1], mode);
      assertIncludes(JSON.stringify(summary.failures), "ppx_number: 'x' is not a whole number");
      await Deno.remove(`${dir}/n.csv.ppx-bulk.json`).catch(() => {});
    }
    const numbers = await runPpx(
      ["dv", "list", "ppx_items", "--select", "ppx_number,ppx_name", "--orderby", "ppx_number", "-o", "csv"],
      { env: org.env },
    );
    assertEquals(numbers.stdout, "ppx_number,ppx_name\n7,seven again\n8,eight\n");

    await Deno.writeTextFile(`${dir}/l.csv`, `ppx_accountid,ppx_name\n${account.id},by lookup\n`);
    const byLookup = await runPpx(
      ["dv", "bulk-csv", "ppx_items", "l.csv", "--key-columns", "ppx_accountid"],
      {
        env: org.env,
        cwd: dir,
      },
    );
    assertEquals(byLookup.code, 0, byLookup.stderr);
    const got = await runPpx([
      "dv",
      "get",
      "ppx_items",
      "--key",
      `_ppx_accountid_value=${account.id}`,
      "--json",
    ], {
      env: org.env,
    });
    assertEquals(JSON.parse(got.stdout).ppx_name, "by lookup");

    const wrong = await runPpx(["dv", "bulk-csv", "ppx_items", "n.csv", "--key-columns", "ppx_name"], {
      env: org.env,
      cwd: dir,
    });
    assertEquals(wrong.code, 2, wrong.stderr);
    assertIncludes(wrong.stderr, "ppx_name is not a column of an alternate key of ppx_items");
    assertIncludes(wrong.stderr, "ppx_number_key (ppx_number)");

    // Part of a two-column key is refused before any row is sent.
    await Deno.writeTextFile(`${dir}/s.csv`, "ppx_site,ppx_name\nN,north\n");
    const part = await runPpx(["dv", "bulk-csv", "ppx_items", "s.csv", "--key-columns", "ppx_site"], {
      env: org.env,
      cwd: dir,
    });
    assertEquals(part.code, 2, part.stderr);
    assertIncludes(part.stderr, "--key-columns ppx_site is not a whole alternate key of ppx_items.");
    assertIncludes(part.stderr, "ppx_site_since_key (ppx_site, ppx_since)");
    const items = [...org.dv.store.table("ppx_item")!.records.values()];
    assertEquals(items.filter((r) => r.values.ppx_site === "N").length, 0);
  });
});

Deno.test("dv update --key: the table shows the record's address, not an empty id row", async () => {
  await withOrg(async (org, dir) => {
    const run = (...argv: string[]) => runPpx(argv, { env: org.env, cwd: dir });
    assertEquals(
      (await run("dv", "create", "accounts", "--data", '{"name":"A","accountnumber":"K1"}')).code,
      0,
    );
    const r = await run("dv", "update", "accounts", "--key", "accountnumber=K1", "--data", '{"name":"B"}');
    assertEquals(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split("\n").map((line) => line.split("\t"));
    assertEquals(rows.map(([field]) => field), ["entityId"]);
    assertIncludes(rows[0][1], "accounts(accountnumber='K1')");
  });
});
