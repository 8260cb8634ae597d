/**
 * `deno task demo`: a guided tour of ppx that runs entirely offline. It starts the local cloud emulator
 * in-process, then drives the real CLI against it over HTTP and shows each command with its output.
 * It signs in with a client credential against the emulator's Entra endpoints, so the journey is the one a
 * CI pipeline takes against a real tenant. Later capabilities add their steps to `demoSteps`.
 */

import { runCli } from "../cli/main.ts";
import { denoIO } from "../cli/output/io.ts";
import { type DataverseEmulator, dataverseService } from "@pacx/emulator";
import { entraService } from "@pacx/emulator";
import { startEmulator } from "@pacx/emulator";
import { EMULATOR_TENANT_ID } from "@pacx/emulator";
import { envFrom } from "../lib/env.ts";

/** One step of the tour. */
export interface DemoStep {
  title: string;
  argv: string[];
  /** Exit code the step is expected to end with (default 0). */
  expect?: number;
  /** Prepares the step (files in the demo's working directory, emulator knobs); undone by `after`. */
  before?: (demo: { dv: DataverseEmulator; dir: string }) => Promise<void> | void;
  after?: (demo: { dv: DataverseEmulator; dir: string }) => Promise<void> | void;
}

function demoCsv(rows: number): string {
  const lines = ["Account Number,Account Name,revenue,industrycode"];
  for (let i = 1; i <= rows; i++) {
    lines.push(`BULK-${i},"Bulk ${i}, Inc.",${i * 100},${i % 2 ? "Retail" : 33}`);
  }
  lines.push("BULK-BAD,Bad revenue,lots,Retail");
  return lines.join("\r\n") + "\r\n";
}

/** What the steps need to know about the running emulator. */
export interface DemoSetting {
  url: string;
  clientId: string;
  tenantId: string;
}

/** The steps, in order. */
export const demoSteps = (s: DemoSetting): DemoStep[] => [
  { title: "Which ppx is this?", argv: ["version"] },
  {
    title: "Sign in as an app with a client credential (the secret comes from an environment variable)",
    argv: [
      "auth",
      "create",
      "demo",
      "--flow",
      "client-credential",
      "--tenant-id",
      s.tenantId,
      "--client-id",
      s.clientId,
      "--client-secret-env",
      "PPX_DEMO_CLIENT_SECRET",
      "--authority",
      s.url,
      "--environment",
      s.url,
    ],
  },
  { title: "The profile, its audiences and token expiry", argv: ["auth", "status"] },
  { title: "Who am I in the (emulated) Dataverse org?", argv: ["dv", "whoami"] },
  {
    title: "Create an account",
    argv: [
      "dv",
      "create",
      "accounts",
      "--data",
      '{"name":"Contoso","accountnumber":"C-100","revenue":250000}',
    ],
  },
  {
    title: "Create or update by alternate key (run it twice: the second time it updates)",
    argv: [
      "dv",
      "upsert",
      "accounts",
      "--key",
      "accountnumber=F-200",
      "--data",
      '{"name":"Fabrikam","numberofemployees":120}',
    ],
  },
  {
    title: "A contact linked to Contoso through @odata.bind",
    argv: [
      "dv",
      "create",
      "contacts",
      "--data",
      '{"firstname":"Ada","lastname":"Lovelace","emailaddress1":"ada@contoso.example","parentcustomerid_account@odata.bind":"/accounts(accountnumber=\'C-100\')"}',
    ],
  },
  {
    title: "Query: filter, order and select",
    argv: [
      "dv",
      "list",
      "accounts",
      "--select",
      "name,accountnumber,revenue",
      "--filter",
      "revenue gt 1000 or numberofemployees gt 100",
      "--orderby",
      "name",
    ],
  },
  {
    title: "The same as JSON, for scripts",
    argv: ["dv", "list", "contacts", "--select", "fullname,emailaddress1,parentcustomerid", "--json"],
  },
  {
    title: "One record by alternate key",
    argv: ["dv", "get", "accounts", "--key", "accountnumber=C-100", "--select", "name,revenue"],
  },
  {
    title: "Update-only refuses to create a missing record (exit 5)",
    argv: ["dv", "update", "accounts", "--key", "accountnumber=NOPE", "--data", '{"name":"x"}'],
    expect: 5,
  },
  {
    title: "Any Web API call, like `gh api`",
    argv: ["api", "GET", "EntityDefinitions(LogicalName='account')/Keys"],
  },
  {
    title: "Bulk upsert 500 CSV rows while the org throttles (30% 429s, 2% 503s, 1% dropped connections); " +
      "one bad row fails alone (exit 3)",
    argv: [
      "dv",
      "bulk-csv",
      "accounts",
      "accounts.csv",
      "--map",
      "map.json",
      "--key-columns",
      "accountnumber",
      "--chunk-size",
      "20",
      "--report",
      "report.csv",
    ],
    expect: 3,
    before: async ({ dv, dir }) => {
      await Deno.writeTextFile(`${dir}/accounts.csv`, demoCsv(500));
      await Deno.writeTextFile(
        `${dir}/map.json`,
        JSON.stringify({ "Account Number": "accountnumber", "Account Name": "name" }),
      );
      dv.protection?.configure({
        errorRate: 0.32,
        errorStatuses: [...Array(15).fill(429), 503],
        dropRate: 0.01,
        dopHint: 4,
        pathPrefix: "/api/data/v9.2/$batch",
      });
    },
    after: ({ dv }) => dv.protection?.configure({}),
  },
  {
    title: "Delete (--yes because nobody is at a prompt)",
    argv: ["dv", "delete", "accounts", "--key", "accountnumber=F-200", "--yes"],
  },
];

if (import.meta.main) {
  const io = denoIO();
  const dv = dataverseService();
  const entra = await entraService();
  const emu = await startEmulator({ services: [entra, dv] });
  const secret = crypto.randomUUID();
  const app = entra.directory.registerApp({ displayName: "ppx demo", secrets: [secret] });
  // A throwaway config directory: the demo never touches the user's own profiles.
  const configDir = await Deno.makeTempDir({ prefix: "ppx-demo-" });
  const env = envFrom({
    NO_COLOR: Deno.env.get("NO_COLOR"),
    PPX_CONFIG_DIR: configDir,
    PPX_DEMO_CLIENT_SECRET: secret,
    // No keyring in the demo: tokens stay in memory, nothing secret is written.
    DBUS_SESSION_BUS_ADDRESS: "disabled:",
  });
  io.stdout.write(
    `The local cloud emulator is running at ${emu.url}: Entra sign-in at ${emu.url}/${EMULATOR_TENANT_ID}, the\n` +
      `Dataverse Web API at ${emu.url}/api/data/v9.2. ppx talks to it over HTTP exactly as it talks to the\n` +
      `cloud. An app registration (client id ${app.clientId}) was created for the demo; its secret is in\n` +
      `PPX_DEMO_CLIENT_SECRET, and profiles go to a temporary config directory.\n`,
  );
  let failed = 0;
  const dir = await Deno.makeTempDir({ prefix: "ppx-demo-" });
  try {
    for (const step of demoSteps({ url: emu.url, clientId: app.clientId, tenantId: EMULATOR_TENANT_ID })) {
      const shown = step.argv.map((a) => /[\s'"(){}$]/.test(a) ? `'${a.replaceAll("'", "'\\''")}'` : a).join(
        " ",
      );
      io.stdout.write(`\n# ${step.title}\n$ ppx ${shown}\n`);
      await step.before?.({ dv, dir });
      const code = await runCli(step.argv, { io, env, cwd: dir });
      await step.after?.({ dv, dir });
      if (code !== (step.expect ?? 0)) {
        io.stderr.write(`demo step failed with exit code ${code}\n`);
        failed = code || 1;
        break;
      }
    }
  } finally {
    await emu.close();
    await Deno.remove(configDir, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
  if (failed) Deno.exit(failed);
  io.stdout.write(
    "\nDone. Start your own emulator with `ppx emulator start` (it prints how to sign in), and run\n" +
      "`deno task test` for the test suite.\n",
  );
}
