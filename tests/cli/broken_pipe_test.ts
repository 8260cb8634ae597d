/** A closed stdout (`ppx dv list --all | head -1`) ends the command quietly, exit 0, and stops the paging. */

import { startTestEmulator } from "../helpers/emulator.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { baseEnv, PPX_PERMISSIONS, ROOT } from "../helpers/cli.ts";
import { dataverseService } from "@pacx/emulator";

Deno.test("a reader that closes stdout early ends ppx quietly with exit 0 and no more pages", async () => {
  const accounts = Array.from({ length: 40 }, (_, i) => ({ name: `Account ${i}` }));
  const dv = dataverseService({ seed: { accounts } });
  const requests: string[] = [];
  await using emu = await startTestEmulator({ services: [dv], log: (line) => requests.push(line) });
  const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      ...PPX_PERMISSIONS,
      `${ROOT}cli/main.ts`,
      "dv",
      "list",
      "accounts",
      "--all",
      "--page-size",
      "1",
      "--select",
      "name",
    ],
    env: { ...baseEnv(), NO_COLOR: "1", DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Like `head -1`: read the first line, then close the pipe.
  const reader = child.stdout.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  const status = await child.status;
  const stderr = new TextDecoder().decode((await new Response(child.stderr).arrayBuffer()) as ArrayBuffer);
  assertEquals(stderr, "");
  assertEquals(status.code, 0);
  const pages = requests.filter((line) => line.startsWith("GET /api/data/v9.2/accounts")).length;
  assert(pages >= 1 && pages < 10, `paging went on after stdout closed: ${pages} page requests`);
});
