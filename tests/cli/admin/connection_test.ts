import { startTestEmulator } from "../../helpers/emulator.ts";
import { dataverseService, DEFAULT_SCHEMA, solutionsService } from "@pacx/emulator";
import { assertEquals, assertIncludes, assertNotIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";

const REFS = [
  {
    connectionreferenceid: "c0000000-0000-4000-8000-000000000001",
    connectionreferencelogicalname: "ppx_sharepoint",
    connectionreferencedisplayname: "SharePoint",
    connectorid: "/providers/Microsoft.PowerApps/apis/shared_sharepointonline",
    connectionid: "shared-sharepointonl-1",
  },
  {
    connectionreferenceid: "c0000000-0000-4000-8000-000000000002",
    connectionreferencelogicalname: "ppx_outlook",
    connectionreferencedisplayname: "Outlook",
    connectorid: "/providers/Microsoft.PowerApps/apis/shared_office365",
  },
  {
    connectionreferenceid: "c0000000-0000-4000-8000-000000000003",
    connectionreferencelogicalname: "ppx_other_solution",
    connectorid: "/providers/Microsoft.PowerApps/apis/shared_teams",
  },
];

async function start() {
  const schema = {
    tables: [
      ...DEFAULT_SCHEMA.tables,
      {
        logicalName: "connectionreference",
        entitySetName: "connectionreferences",
        primaryIdAttribute: "connectionreferenceid",
        primaryNameAttribute: "connectionreferencedisplayname",
        attributes: [
          { logicalName: "connectionreferencedisplayname", type: "String" as const },
          { logicalName: "connectionreferencelogicalname", type: "String" as const },
          { logicalName: "connectorid", type: "String" as const },
          { logicalName: "connectionid", type: "String" as const },
        ],
      },
    ],
  };
  const dv = dataverseService({ schema, seed: { connectionreferences: REFS } });
  const sol = solutionsService(dv);
  const emu = await startTestEmulator({ services: [dv, sol] });
  const id = sol.addSolution({ uniquename: "ContosoCore" });
  sol.components.set(id, [
    { objectid: REFS[0].connectionreferenceid, componenttype: 10132 },
    { objectid: REFS[1].connectionreferenceid, componenttype: 10132 },
    { objectid: "a0000000-0000-4000-8000-000000000009", componenttype: 1 },
  ]);
  const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
  return { emu, env: { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token } };
}

Deno.test("connection list shows the solution's references; validate exits 1 naming the unbound ones", async () => {
  const { emu, env } = await start();
  try {
    const list = await runPpx(["connection", "list", "--solution", "ContosoCore", "--json"], { env });
    assertEquals(list.code, 0, list.stderr);
    assertEquals(JSON.parse(list.stdout).map((r: { logicalName: string }) => r.logicalName), [
      "ppx_outlook",
      "ppx_sharepoint",
    ]);
    const validate = await runPpx(["connection", "validate", "--solution", "ContosoCore"], { env });
    assertEquals(validate.code, 1);
    assertIncludes(validate.stderr, "ppx_outlook");
    assertNotIncludes(validate.stderr, "ppx_sharepoint");
    const bind = await runPpx(
      [
        "dv",
        "update",
        "connectionreferences",
        REFS[1].connectionreferenceid,
        "--data",
        '{"connectionid":"c-2"}',
      ],
      { env },
    );
    assertEquals(bind.code, 0, bind.stderr);
    const ok = await runPpx(["connection", "validate", "--solution", "ContosoCore"], { env });
    assertEquals(ok.code, 0, ok.stderr);
    assertIncludes(ok.stderr, "All 2 connection references");
    const missing = await runPpx(["connection", "validate", "--solution", "Nope"], { env });
    assertEquals(missing.code, 5);
  } finally {
    await emu.close();
  }
});
