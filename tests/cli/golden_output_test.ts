/**
 * Golden output of key commands: the table a terminal shows (100 columns), the TSV a pipe gets and `--json`,
 * against `ppx emulator start` with seeded data, pinned in tests/snapshots/golden/ with run-specific values
 * normalised (tests/helpers/golden.ts). A change fails with a diff; `deno task snapshots` rewrites them.
 */

import { assertEquals } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { startEmulatorProcess } from "../helpers/emulator_process.ts";
import { assertSnapshot, normalise } from "../helpers/golden.ts";

const DIR = new URL("../snapshots/golden/", import.meta.url);

/** Records the emulator starts with (`--data`), with fixed ids so the rows are stable. */
const SEED = {
  accounts: [
    {
      accountid: "a0000000-0000-4000-8000-000000000001",
      name: "Contoso",
      accountnumber: "C-1",
      revenue: 125000,
    },
    { accountid: "a0000000-0000-4000-8000-000000000002", name: "Fabrikam", accountnumber: "F-7" },
    { accountid: "a0000000-0000-4000-8000-000000000003", name: "Northwind Traders", accountnumber: "N-3" },
  ],
  adx_websites: [{ adx_websiteid: "b0000000-0000-4000-8000-000000000001", adx_name: "Contoso Portal" }],
  powerpagesites: [{ powerpagesiteid: "b0000000-0000-4000-8000-000000000002", name: "Contoso Partners" }],
};

interface Org extends AsyncDisposable {
  env: Record<string, string>;
  home: string;
  dir: string;
}

/** The real emulator process, seeded, plus a solution and a connector made through ppx itself. */
async function startOrg(): Promise<Org> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "ppx-golden-" }));
  const home = `${dir}/home`;
  await Deno.mkdir(home);
  await Deno.writeTextFile(`${dir}/seed.json`, JSON.stringify(SEED));
  const emulator = await startEmulatorProcess(["--data", "seed.json", "--token-file", "token.txt"], {
    cwd: dir,
  });
  const close = async () => {
    await emulator[Symbol.asyncDispose]();
    await Deno.remove(dir, { recursive: true });
  };
  const url = emulator.url;
  if (!url) {
    await close();
    throw new Error(`the emulator did not start:\n${emulator.out}`);
  }
  const env = {
    HOME: home,
    PPX_CONFIG_DIR: `${home}/.pacx`,
    DATAVERSE_HOST: url,
    PPX_ACCESS_TOKEN: (await Deno.readTextFile(`${dir}/token.txt`)).trim(),
    PPX_POWERPLATFORM_URL: url,
    PPX_BAP_URL: url,
    PPX_POWERAPPS_URL: url,
    PPX_FLOW_URL: url,
    CI: "1",
    NO_COLOR: "1",
  };
  const org = { env, home, dir, [Symbol.asyncDispose]: close };
  try {
    const publisher = await ppx(org, [
      "dv",
      "create",
      "publishers",
      "--data",
      '{"uniquename":"contoso","friendlyname":"Contoso","customizationprefix":"cto"}',
      "--json",
    ]);
    const publisherId = JSON.parse(publisher).id;
    await ppx(org, [
      "dv",
      "create",
      "solutions",
      "--data",
      JSON.stringify({
        uniquename: "ContosoCore",
        friendlyname: "Contoso Core",
        version: "1.2.0.0",
        "publisherid@odata.bind": `/publishers(${publisherId})`,
      }),
    ]);
    await ppx(org, [
      "connector",
      "init",
      `${dir}/ContosoItems`,
      "--template",
      "noauth",
      "--host",
      "api.contoso.com",
    ]);
    await ppx(org, ["connector", "create", `${dir}/ContosoItems`, "-e", "contoso-sales-dev"]);
  } catch (error) {
    await close();
    throw error;
  }
  return org;
}

async function ppx(org: Org, argv: string[], io: { tty?: boolean } = {}): Promise<string> {
  const { code, stdout, stderr } = await runPpx(argv, { env: org.env, tty: io.tty, columns: 100 });
  assertEquals(code, 0, `ppx ${argv.join(" ")} exited ${code}:\n${stderr}`);
  return stdout;
}

/** The commands pinned, by snapshot name. */
const COMMANDS: Record<string, string[]> = {
  "env-list": ["env", "list"],
  "dv-whoami": ["dv", "whoami"],
  "dv-list-accounts": ["dv", "list", "accounts"],
  "connector-list": ["connector", "list", "-e", "contoso-sales-dev"],
  "solution-list": ["solution", "list"],
  "auth-status": ["auth", "status"],
  "pages-list": ["pages", "list"],
};

const FORMATS = [
  { name: "table", file: "table.txt", extra: [], tty: true },
  { name: "tsv", file: "tsv", extra: [], tty: false },
  { name: "json", file: "json", extra: ["--json"], tty: false },
] as const;

Deno.test("golden output of key commands: table, TSV and JSON match their snapshots", async (t) => {
  await using org = await startOrg();
  const context = { paths: { [org.home]: "~", [org.dir]: "/tmp/ppx" } };
  for (const [name, argv] of Object.entries(COMMANDS)) {
    for (const format of FORMATS) {
      const label = `ppx ${argv.join(" ")}${
        format.extra.length ? " " + format.extra.join(" ") : ""
      } (${format.name})`;
      await t.step(label, async () => {
        const stdout = await ppx(org, [...argv, ...format.extra], { tty: format.tty });
        const file = new URL(`${name}.${format.file}`, DIR);
        await assertSnapshot(file, normalise(stdout, context) + "\n", label);
      });
    }
  }
});
