import { assert, assertIncludes } from "../../helpers/assert.ts";
import { dataverseService, SchemaError } from "@pacx/emulator";

function schema(navigation: unknown) {
  return {
    tables: [
      {
        logicalName: "account",
        entitySetName: "accounts",
        primaryIdAttribute: "accountid",
        primaryNameAttribute: "name",
        attributes: [{ logicalName: "name", type: "String" }],
      },
      {
        logicalName: "contact",
        entitySetName: "contacts",
        primaryIdAttribute: "contactid",
        primaryNameAttribute: "fullname",
        attributes: [
          { logicalName: "fullname", type: "String" },
          { logicalName: "parentcustomerid", type: "Customer", targets: ["account"], navigation },
        ],
      },
    ],
  };
}

Deno.test("--schema: a navigation that is not a target-to-name map is refused up front", () => {
  for (const bad of ["parentcustomerid_account", ["x"], { account: 5 }, { contact: "x" }]) {
    let error: unknown;
    try {
      dataverseService({ schema: schema(bad) as never, seed: { contacts: [{ fullname: "A" }] } });
    } catch (e) {
      error = e;
    }
    assert(error instanceof SchemaError, `${JSON.stringify(bad)}: ${error}`);
    assertIncludes(error.message, "navigation");
    assertIncludes(error.message, "parentcustomerid");
  }
  dataverseService({ schema: schema({ account: "parentcustomerid_account" }) as never });
});
