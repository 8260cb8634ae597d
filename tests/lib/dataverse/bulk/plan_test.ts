import { BULK_ID_NAMESPACE, generatedId, rowHash } from "../../../../lib/dataverse/bulk/plan.ts";
import { assert, assertEquals } from "../../../helpers/assert.ts";

Deno.test("generated ids: UUID v5, the same for the same file, row and cells; new for any change", () => {
  const scope = { entitySet: "accounts", fileName: "people.csv" };
  const id = generatedId(scope, 7, ["Ada", "Lovelace"]);
  assert(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), id);
  assertEquals(generatedId({ ...scope }, 7, ["Ada", "Lovelace"]), id, "stable across runs");
  assertEquals(generatedId({ entitySet: "Accounts", fileName: "people.csv" }, 7, ["Ada", "Lovelace"]), id);
  const others = [
    generatedId(scope, 8, ["Ada", "Lovelace"]),
    generatedId(scope, 7, ["Ada", "Byron"]),
    generatedId(scope, 7, ["Ada,Lovelace"]),
    generatedId({ ...scope, fileName: "other.csv" }, 7, ["Ada", "Lovelace"]),
    generatedId({ ...scope, entitySet: "contacts" }, 7, ["Ada", "Lovelace"]),
  ];
  assertEquals(new Set([id, ...others]).size, 6);
  assertEquals(BULK_ID_NAMESPACE.length, 36);
});

Deno.test("row hashes tell cells apart (and never 0, which means none)", () => {
  assertEquals(rowHash(["a", "b"]), rowHash(["a", "b"]));
  assert(rowHash(["a", "b"]) !== rowHash(["ab"]));
  assert(rowHash(["a", "b"]) !== rowHash(["b", "a"]));
  assert(rowHash([]) !== 0);
});
