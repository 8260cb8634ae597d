import { parseBooleanText } from "../../../lib/dataverse/booleans.ts";
import { assertEquals } from "../../helpers/assert.ts";

Deno.test("yes/no text: one reading for --key values and CSV cells", () => {
  for (const yes of ["true", "TRUE", "1", "yes", "Y", " yes "]) {
    assertEquals(parseBooleanText(yes), true, yes);
  }
  for (const no of ["false", "0", "No", "n"]) assertEquals(parseBooleanText(no), false, no);
  for (const neither of ["", "maybe", "2", "t"]) assertEquals(parseBooleanText(neither), undefined, neither);
});
