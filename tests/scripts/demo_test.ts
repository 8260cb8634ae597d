import { assertEquals, assertIncludes } from "../helpers/assert.ts";
import { ROOT } from "../helpers/cli.ts";

Deno.test("deno task demo walks through the emulator journey and ends cleanly", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-all", `${ROOT}scripts/demo.ts`],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  assertIncludes(stdout, "The local cloud emulator is running at http://127.0.0.1:");
  assertIncludes(stdout, "\ndemo\tazure\t");
  assertIncludes(stdout, "Contoso\tC-100\t250000");
  assertIncludes(stdout, "Ada Lovelace");
  assertIncludes(stdout, "succeeded\t500\nfailed\t0\ninvalid\t1");
  assertIncludes(stdout, "\nDone.");
});
