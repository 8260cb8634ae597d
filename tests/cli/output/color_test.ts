import { runCli } from "../../../cli/main.ts";
import { colorEnabled } from "../../../cli/output/color.ts";
import { BufferIO } from "../../../cli/output/io.ts";
import { envFrom } from "../../../lib/env.ts";
import { assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { runPpx } from "../../helpers/cli.ts";
import { stubServer } from "../../helpers/stub.ts";

Deno.test("colour: --color wins, NO_COLOR turns auto off, FORCE_COLOR turns it on", () => {
  assertEquals(colorEnabled("always", false, envFrom({ NO_COLOR: "1" })), true);
  assertEquals(colorEnabled("never", true, envFrom({})), false);
  assertEquals(colorEnabled("auto", true, envFrom({ NO_COLOR: "1" })), false);
  assertEquals(colorEnabled("auto", false, envFrom({ FORCE_COLOR: "1" })), true);
  assertEquals(colorEnabled("auto", true, envFrom({ TERM: "dumb" })), false);
  assertEquals(colorEnabled("auto", true, envFrom({})), true);
});

Deno.test("a terminal gets bold headers unless NO_COLOR is set", async () => {
  const coloured = await runPpx(["version"], { tty: true });
  assertEquals(coloured.stdout.includes("\x1b[1m"), true);
  const plain = await runPpx(["version"], { tty: true, env: { NO_COLOR: "1" } });
  assertEquals(plain.stdout.includes("\x1b["), false);
  const forced = await runPpx(["version", "--color", "always"], { tty: false });
  assertEquals(forced.stdout.includes("\x1b["), false, "TSV output stays plain");
});

Deno.test("stderr is coloured by whether stderr is a terminal, not stdout", async () => {
  await using server = stubServer().on(
    "GET",
    "/api/data/v9.2/accounts\\(:id\\)",
    () =>
      Response.json({ error: { code: "0x80040217", message: "gone" } }, {
        status: 404,
        headers: { "x-ms-service-request-id": "corr-1" },
      }),
    { times: Infinity },
  );
  const run = async (stdoutIsTTY: boolean, stderrIsTTY: boolean) => {
    const io = new BufferIO({ tty: true });
    io.stdoutIsTTY = stdoutIsTTY;
    io.stderrIsTTY = stderrIsTTY;
    const env = envFrom({ DATAVERSE_HOST: server.url, PPX_ACCESS_TOKEN: "t" });
    const code = await runCli(
      ["--debug", "dv", "get", "accounts", "00000000-0000-0000-0000-000000000001"],
      { io, env },
    );
    assertEquals(code, 5);
    return io.err;
  };
  // `ppx ... 2> trace.log` on a terminal: the log gets no escape codes.
  const redirected = await run(true, false);
  assertIncludes(redirected, "[debug] > GET");
  assertEquals(redirected.includes("\x1b["), false, redirected);
  // `ppx ... > out.txt` on a terminal: the error on the terminal is still red.
  assertIncludes(await run(false, true), "\x1b[31merror:\x1b[39m");
});
