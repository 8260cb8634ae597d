/** The CoE export: CSV header union, JSON shape, and streaming (rows leave before the source ends). */

import {
  exportRows,
  headerUnion,
  type InventoryItem,
  inventoryItem,
} from "../../../lib/powerplatform/coe.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";

Deno.test("without columns, the CSV header is the union of the rows' keys in first-seen order", async () => {
  const rows = [{ a: 1, b: "x" }, { b: "y", c: true }, { d: { n: 1 } }];
  assertEquals(headerUnion(rows), ["a", "b", "c", "d"]);
  let out = "";
  await exportRows(rows, "csv", (t) => Promise.resolve(void (out += t)));
  assertEquals(out, 'a,b,c,d\n1,x,,\n,y,true,\n,,,"{""n"":1}"\n');
});

Deno.test("JSON export is {value:[...]} and parses back", async () => {
  let out = "";
  const n = await exportRows([{ a: 1 }, { a: 2 }], "json", (t) => Promise.resolve(void (out += t)));
  assertEquals(n, 2);
  assertEquals(JSON.parse(out), { value: [{ a: 1 }, { a: 2 }] });
  out = "";
  await exportRows([], "json", (t) => Promise.resolve(void (out += t)));
  assertEquals(JSON.parse(out), { value: [] });
});

Deno.test("with columns the CSV streams: 200,000 items leave in bounded chunks while the source is still producing", async () => {
  const env = { id: "e1", displayName: "Env" };
  let produced = 0;
  let writesBeforeEnd = 0;
  let largest = 0;
  async function* source(): AsyncGenerator<InventoryItem> {
    for (let i = 0; i < 200_000; i++) {
      produced++;
      yield inventoryItem("app", env, {
        name: `app-${i}`,
        properties: {
          displayName: `App ${i}`,
          owner: { id: "o", displayName: "Owner" },
          lastModifiedTime: "t",
        },
      });
    }
  }
  const count = await exportRows(source(), "csv", (t) => {
    if (produced < 200_000) writesBeforeEnd++;
    largest = Math.max(largest, t.length);
    return Promise.resolve();
  }, { columns: ["environmentId", "type", "id", "name", "owner"] });
  assertEquals(count, 200_000);
  assert(writesBeforeEnd > 100, `only ${writesBeforeEnd} writes happened before the source ended`);
  assert(largest < 128 * 1024, `a chunk of ${largest} characters was buffered`);
});
