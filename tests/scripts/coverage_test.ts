import { parseSummary } from "../../scripts/coverage.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("coverage: the floor reads the line and branch columns of deno coverage's summary by name", () => {
  const table = [
    "| File                 | Branch % | Function % | Line % |",
    "| -------------------- | -------- | ---------- | ------ |",
    "| lib/a.ts             |     50.0 |      100.0 |   75.0 |",
    "| All files            |     83.7 |       94.9 |   89.8 |",
  ].join("\n");
  assertEquals(parseSummary(table), { branches: 83.7, lines: 89.8 });
  assertEquals(parseSummary("no table here"), undefined);
});
