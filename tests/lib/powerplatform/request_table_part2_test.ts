/**
 * Every part-2 catalog operation builds the request of the hand-written table (request_table_part2.ts).
 */

import { operation } from "../../../lib/powerplatform/catalog/mod.ts";
import { buildRequest } from "../../../lib/powerplatform/request.ts";
import { UsageError } from "../../../lib/errors.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { testRequestTable } from "./request_table_check.ts";

function assertThrows<E extends Error>(fn: () => unknown, type: new (...a: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    if (e instanceof type) return e;
    throw new Error(`expected ${type.name}, got ${e}`);
  }
  throw new Error(`expected ${type.name}, nothing was thrown`);
}
import { PART2_TABLE } from "./request_table_part2.ts";

testRequestTable(PART2_TABLE);

Deno.test("a required body flag that is missing is a usage error naming it", () => {
  const e = assertThrows(
    () => buildRequest(operation("rbac.assignments.create"), { fields: { "--principal-id": "u" } }),
    UsageError,
  );
  assertEquals(e.option, "roleDefinitionId");
  assertEquals(
    e.text.message.some((p) => typeof p !== "string" && "flag" in p && p.flag === "--role-definition-id"),
    true,
  );
});

Deno.test("a choice outside the list is a usage error naming the choices", () => {
  const e = assertThrows(
    () =>
      buildRequest(operation("policy.dlp.create"), {
        fields: { "--display-name": "x", "--environment-type": "some" },
      }),
    UsageError,
  );
  assertEquals(/AllEnvironments/.test(e.message), true);
});

Deno.test("a --parameters value that is not JSON is a usage error", () => {
  assertThrows(
    () =>
      buildRequest(operation("analytics.execute"), {
        params: { actionName: "a" },
        fields: { "--scenario": "s", "--parameters": "{not json" },
      }),
    UsageError,
  );
});

Deno.test("destructive part-2 operations are marked so (confirmation or --yes)", () => {
  for (
    const id of [
      "policy.dlp.delete",
      "rbac.roles.delete",
      "rbac.assignments.delete",
      "rbac.assignments.delete.environment",
      "rbac.assignments.delete.group",
      "users.admin-role.remove",
      "licensing.billing.delete",
      "licensing.billing.environment.remove",
      "licensing.isv.delete",
      "pva.bots.channels.disable",
    ]
  ) assertEquals(operation(id).destructive, true, id);
});
