import { runBulkCsv } from "../../../../lib/dataverse/bulk/engine.ts";
import { ValidationError } from "../../../../lib/errors.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../../helpers/assert.ts";
import { allRecords, startCountingOrg } from "../../../helpers/bulk.ts";

async function withOrg(
  fn: (org: Awaited<ReturnType<typeof startCountingOrg>>, dir: string) => Promise<void>,
) {
  await using org = await startCountingOrg();
  const dir = org.dir;
  await fn(org, dir);
}

Deno.test("bulk CSV: BOM, CRLF, quoted commas, quotes and newlines, typed values", async () => {
  await withOrg(async (org, dir) => {
    const contact = await org.client.create("contacts", { firstname: "Ada", lastname: "Lovelace" });
    const csv = "\ufeffAccountNumber,NAME,revenue,industrycode,primarycontactid,description\r\n" +
      `A-1,"Contoso, Ltd.",1250.5,Retail,${contact.id},"He said ""hi""\r\nand left"\r\n` +
      `A-2,Fabrikam,7,33,,plain\r\n`;
    await Deno.writeTextFile(`${dir}/a.csv`, csv);
    const s = await runBulkCsv(org.client, {
      entitySet: "accounts",
      file: `${dir}/a.csv`,
      keyColumns: ["accountnumber"],
      report: `${dir}/r.json`,
    });
    assertEquals([s.rows, s.succeeded, s.failed, s.invalid], [2, 2, 0, 0]);
    const a1 = await org.client.get("accounts", { key: { accountnumber: "A-1" } });
    assertEquals(a1.name, "Contoso, Ltd.");
    assertEquals(a1.revenue, 1250.5, "numbers are sent as numbers");
    assertEquals(a1.industrycode, 19, "a choice label becomes its value");
    assertEquals(a1._primarycontactid_value, contact.id, "a lookup id becomes @odata.bind");
    assertEquals(a1.description, 'He said "hi"\r\nand left');
    const a2 = await org.client.get("accounts", { key: { accountnumber: "A-2" } });
    assertEquals([a2.industrycode, a2.revenue], [33, 7]);
    const report = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
    assertEquals(report.map((r: { row: number; status: string }) => [r.row, r.status]), [
      [1, "succeeded"],
      [2, "succeeded"],
    ]);
    assertEquals(report[0].key, "accountnumber=A-1");
    // The run finished: no checkpoint left behind.
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["a.csv", "r.json"]);
  });
});

Deno.test("bulk CSV: bad numbers, dates, choices and short rows fail alone; the rest goes in", async () => {
  await withOrg(async (org, dir) => {
    await Deno.writeTextFile(
      `${dir}/p.csv`,
      [
        "ppx_code,ppx_name,ppx_budget,ppx_startdate,ppx_active,ppx_stage,ppx_priority",
        "P-1,Good,100,2024-03-01T10:00:00Z,yes,Running,2",
        "P-2,Bad number,12abc,,,,",
        "P-3,Bad date,,2024-02-30,,,",
        "P-4,Bad choice,,,,Sideways,",
        "P-5,Short row",
        "P-6,Service refuses,,,,,9",
        "P-7,Good too,,,false,100000002,",
      ].join("\n") + "\n",
    );
    const s = await runBulkCsv(org.client, {
      entitySet: "ppx_projects",
      file: `${dir}/p.csv`,
      keyColumns: ["ppx_code"],
      report: `${dir}/r.csv`,
    });
    assertEquals([s.rows, s.succeeded, s.failed, s.invalid], [7, 2, 1, 4]);
    const report = (await Deno.readTextFile(`${dir}/r.csv`)).trim().split("\n");
    assertEquals(report[0], "row,key,status,httpStatus,code,message");
    assertIncludes(report[2], "2,ppx_code=P-2,invalid,0,invalid-value,ppx_budget: '12abc' is not a number.");
    assertIncludes(report[3], "2024-02-30");
    assertIncludes(report[4], "Sideways");
    assertIncludes(report[5], "field(s)");
    assert(/^6,ppx_code=P-6,failed,400,/.test(report[6]), report[6]);
    const records = await allRecords(org.client, "ppx_projects", ["ppx_code", "ppx_active", "ppx_stage"]);
    assertEquals(records.map((r) => r.ppx_code).sort(), ["P-1", "P-7"]);
    const p1 = records.find((r) => r.ppx_code === "P-1")!;
    assertEquals([p1.ppx_active, p1.ppx_stage], [true, 100000001]);
  });
});

Deno.test("bulk CSV: unknown columns are refused before anything is sent", async () => {
  await withOrg(async (org, dir) => {
    await Deno.writeTextFile(`${dir}/a.csv`, "accountnumber,name,colour,Flavour\nA-1,x,red,sweet\n");
    const error = await assertRejects(
      () =>
        runBulkCsv(org.client, {
          entitySet: "accounts",
          file: `${dir}/a.csv`,
          keyColumns: ["accountnumber"],
        }),
      ValidationError,
    );
    assertIncludes(error.message, "'colour', 'Flavour'");
    // The hint names the map option as data; the CLI spells it --map.
    assertIncludes(error.hint ?? "", "map FILE");
    assertEquals(error.option, "map");
    assertEquals(org.batches, 0);
    assertEquals((await allRecords(org.client, "accounts", ["name"])).length, 0);
    // Mapping fixes it: one column renamed, one dropped.
    const s = await runBulkCsv(org.client, {
      entitySet: "accounts",
      file: `${dir}/a.csv`,
      keyColumns: ["accountnumber"],
      map: { COLOUR: "description", flavour: null },
    });
    assertEquals(s.succeeded, 1);
    assertEquals((await org.client.get("accounts", { key: { accountnumber: "A-1" } })).description, "red");
  });
});

Deno.test("bulk CSV: duplicate keys apply in file order, each record once; empty cells and --empty-as-null", async () => {
  await withOrg(async (org, dir) => {
    const lines = ["accountnumber,name,description"];
    for (let i = 1; i <= 40; i++) lines.push(`K-${i % 5},name ${i},desc ${i}`);
    await Deno.writeTextFile(`${dir}/d.csv`, lines.join("\n"));
    const s = await runBulkCsv(org.client, {
      entitySet: "accounts",
      file: `${dir}/d.csv`,
      keyColumns: ["accountnumber"],
      chunkSize: 3,
      concurrency: 4,
    });
    assertEquals([s.succeeded, s.failed], [40, 0]);
    const records = await allRecords(org.client, "accounts", ["accountnumber", "name"]);
    assertEquals(records.length, 5);
    for (const r of records) {
      const k = Number(String(r.accountnumber).slice(2));
      assertEquals(r.name, `name ${k === 0 ? 40 : 35 + k}`, "the last row of each key wins");
    }
    await Deno.writeTextFile(`${dir}/e.csv`, "accountnumber,name,description\nK-1,,\n");
    await runBulkCsv(org.client, {
      entitySet: "accounts",
      file: `${dir}/e.csv`,
      keyColumns: ["accountnumber"],
    });
    const kept = await org.client.get("accounts", { key: { accountnumber: "K-1" } });
    assertEquals([kept.name, kept.description], ["name 36", "desc 36"], "empty cells leave columns alone");
    await runBulkCsv(org.client, {
      entitySet: "accounts",
      file: `${dir}/e.csv`,
      keyColumns: ["accountnumber"],
      emptyAsNull: true,
    });
    const cleared = await org.client.get("accounts", { key: { accountnumber: "K-1" } });
    assertEquals(cleared.description, null);
  });
});

Deno.test("bulk CSV: keyless rows get ids derived from the file; --no-create-if-missing refuses them; dry run sends nothing", async () => {
  await withOrg(async (org, dir) => {
    await Deno.writeTextFile(`${dir}/n.csv`, "name\nOne\nTwo\n");
    const dry = await runBulkCsv(org.client, { entitySet: "accounts", file: `${dir}/n.csv`, dryRun: true });
    assertEquals([dry.dryRun, dry.rows, dry.succeeded, org.batches], [true, 2, 2, 0]);
    const refused = await runBulkCsv(org.client, {
      entitySet: "accounts",
      file: `${dir}/n.csv`,
      createIfMissing: false,
    });
    assertEquals([refused.invalid, org.batches], [2, 0]);
    const s = await runBulkCsv(org.client, { entitySet: "accounts", file: `${dir}/n.csv` });
    assertEquals(s.succeeded, 2);
    const urls = [...org.applied.keys()];
    assertEquals(urls.length, 2);
    assert(urls.every((u) => /^accounts\([0-9a-f-]{36}\)$/.test(u)), urls.join());
  });
});
