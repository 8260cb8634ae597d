import { generate, TARGET } from "../../scripts/gen_swagger_check.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("the committed Swagger 2.0 validator is what the generator makes from the schema (run deno task gen:swagger-check)", async () => {
  assertEquals(await Deno.readTextFile(TARGET) === generate(), true);
});
