/** `ppx emulator start`: the local cloud emulator in the foreground until Ctrl-C. */

import { Command, Option } from "@commander-js/extra-typings";
import type { ServiceProtectionOptions } from "@pacx/emulator";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { decimal, duration, wholeNumber } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";

/** Stable ids, so scripts and docs can name the emulator's apps. */
const DEFAULT_CLIENT_ID = "00000000-0000-4000-8000-00000000c11e";
const GITHUB_CLIENT_ID = "Ov23liPpxEmulator";

/** The options `emulator start` parses its argv into (`--schema` and `--data` already read and parsed). */
export interface EmulatorStartOptions {
  /** Port on 127.0.0.1 (0: any free port). */
  port: number;
  /** The tables to emulate (`--schema`), when given. */
  schema?: unknown;
  /** Seed records (`--data`), when given. */
  seed?: unknown;
  /** Where records persist (absolute), when given. */
  persistPath?: string;
  /** Where to write a 24-hour token (absolute), when given. */
  tokenFile?: string;
  /** Log every request to stderr. */
  log: boolean;
  /** Latency, throttling and faults. */
  protection: ServiceProtectionOptions;
  /** How long emulated admin operations run (ms). */
  operationDelay?: number;
  /** Emulated admin operations end in state Failed. */
  failOperations: boolean;
  /** How long emulated solution imports and exports run (ms); unset: imports 30 s, exports 5 s. */
  solutionJobTime?: number;
  /** Client id of the emulator's Entra app registration. */
  clientId: string;
}

/** Builds `emulator start`; `runF` receives the parsed options (tests capture them). */
export default function start(app: App, runF: RunF<EmulatorStartOptions> = runStart) {
  return new Command("start")
    .description(
      "Run the local cloud emulator (Entra ID, GitHub OAuth, Dataverse Web API, solutions, Key Vault) until Ctrl-C",
    )
    .addOption(
      new Option("--port <port>", "port on 127.0.0.1 (0 = any free port)").default(0).argParser(
        wholeNumber("--port", { min: 0, max: 65535 }),
      ),
    )
    .option("--data <file>", 'seed records: { "accounts": [ { "name": "Contoso" } ] }')
    .option("--persist <file>", "keep records in FILE between runs (loaded at start, saved after changes)")
    .option(
      "--schema <file>",
      "tables to emulate (default: account, contact, ppx_project and the Power Pages tables)",
    )
    .option("--token-file <file>", "write a 24-hour bearer token for the emulator to FILE (mode 600)")
    .option("--log", "log every request to stderr")
    .addOption(
      new Option("--latency <ms>", "least answer time of every request (work included)").argParser(
        decimal("--latency", { min: 0 }),
      ),
    )
    .addOption(
      new Option("--jitter <ms>", "random extra latency, 0..ms").argParser(decimal("--jitter", { min: 0 })),
    )
    .addOption(
      new Option("--operation-latency <ms>", "added per operation ($batch part, bulk target)").argParser(
        decimal("--operation-latency", { min: 0 }),
      ),
    )
    .addOption(
      new Option("--max-concurrent <n>", "concurrent requests before 429 (Dataverse: 52)").argParser(
        decimal("--max-concurrent", { min: 0 }),
      ),
    )
    .addOption(
      new Option("--requests-per-window <n>", "requests per window before 429 (Dataverse: 6000)").argParser(
        decimal("--requests-per-window", { min: 0 }),
      ),
    )
    .addOption(
      new Option(
        "--execution-time-limit <ms>",
        "combined execution time per window before 429 (Dataverse: 1200000)",
      ).argParser(decimal("--execution-time-limit", { min: 0 })),
    )
    .addOption(
      new Option("--window <seconds>", "service-protection window (Dataverse: 300)").argParser(
        decimal("--window", { min: 0 }),
      ),
    )
    .addOption(
      new Option("--dop-hint <n>", "x-ms-dop-hint header value (default 4)").argParser(
        decimal("--dop-hint", { min: 0 }),
      ),
    )
    .addOption(
      new Option("--error-rate <rate>", "share of requests answered with a random 5xx, 0..1").argParser(
        decimal("--error-rate", { min: 0, max: 1 }),
      ),
    )
    .addOption(
      new Option("--drop-rate <rate>", "share of answers whose connection drops, 0..1").argParser(
        decimal("--drop-rate", { min: 0, max: 1 }),
      ),
    )
    .addOption(
      new Option("--seed <n>", "seed of the fault random source (same seed, same faults)").argParser(
        decimal("--seed", { min: 0 }),
      ),
    )
    .addOption(
      new Option("--operation-delay <ms>", "how long emulated admin operations (backup, copy...) run")
        .argParser(
          wholeNumber("--operation-delay", { min: 0 }),
        ),
    )
    .option("--fail-operations", "make every emulated admin operation end in state Failed")
    .addOption(
      new Option(
        "--solution-job-time <duration>",
        "how long emulated solution imports and exports run, e.g. 2s (default: imports 30s, exports 5s)",
      ).argParser(duration("--solution-job-time", "s")),
    )
    .option(
      "--client-id <id>",
      "client id of the Entra app registration the emulator creates",
      DEFAULT_CLIENT_ID,
    )
    .action(async (options, command) => {
      const ctx = app.context(command);
      await runF({
        port: options.port,
        persistPath: options.persist ? ctx.input.path(options.persist) : undefined,
        schema: options.schema
          ? await ctx.input.json(options.schema, { label: "--schema", kind: "path" })
          : undefined,
        seed: options.data
          ? await ctx.input.json(options.data, { label: "--data", kind: "path" })
          : undefined,
        tokenFile: options.tokenFile ? ctx.input.path(options.tokenFile) : undefined,
        log: options.log === true,
        protection: {
          latencyMs: options.latency,
          jitterMs: options.jitter,
          operationLatencyMs: options.operationLatency,
          maxConcurrent: options.maxConcurrent,
          requestsPerWindow: options.requestsPerWindow,
          executionTimePerWindowMs: options.executionTimeLimit,
          windowSeconds: options.window,
          dopHint: options.dopHint,
          errorRate: options.errorRate,
          dropRate: options.dropRate,
          seed: options.seed,
        },
        operationDelay: options.operationDelay,
        failOperations: options.failOperations === true,
        solutionJobTime: options.solutionJobTime,
        clientId: options.clientId,
      }, ctx);
    });
}

/**
 * Starts every emulated service on 127.0.0.1, prints how to reach them (a record with --json), and runs
 * until Ctrl-C or SIGTERM, flushing persisted records on the way out.
 */
export async function runStart(options: EmulatorStartOptions, ctx: Context): Promise<void> {
  // The emulator package (jose, saxes, zip, node: built-ins) loads when it starts, not for `--help` (ADR 0023).
  const {
    appUsersService,
    connectorsService,
    dataverseService,
    EMULATOR_TENANT_ID,
    entraService,
    GitHubEmulator,
    GitHubReposEmulator,
    governanceService,
    graphService,
    keyVaultService,
    PAGES_SCHEMA,
    pagesAdminService,
    pagesService,
    powerPlatformService,
    SchemaError,
    SeedError,
    solutionsService,
    startEmulator,
  } = await import("@pacx/emulator");
  const { persistPath, protection } = options;
  let dv;
  try {
    dv = dataverseService({
      schema: options.schema !== undefined ? options.schema as never : PAGES_SCHEMA,
      seed: options.seed as never,
      persistPath,
      protection,
    });
  } catch (error) {
    if (error instanceof SchemaError) throw new ValidationError(`--schema: ${error.message}`);
    throw error;
  }
  const entra = await entraService();
  const github = new GitHubEmulator();
  const keyVault = keyVaultService();
  const powerPlatform = powerPlatformService({
    operationDelayMs: options.operationDelay,
    failOperations: options.failOperations === true,
  });
  const governance = governanceService({ powerPlatform, operationDelayMs: options.operationDelay });
  // One app registration per provider, so `ppx auth create` / `ppx auth github` work at once.
  const secret = ctx.env.get("PPX_EMULATOR_CLIENT_SECRET") || crypto.randomUUID();
  const entraApp = entra.directory.registerApp({
    clientId: options.clientId,
    displayName: "ppx emulator",
    secrets: [secret],
  });
  github.registerApp({ clientId: GITHUB_CLIENT_ID, clientSecret: secret, kind: "oauth-app" });
  let emu;
  try {
    emu = await startEmulator({
      port: options.port,
      services: [
        entra,
        github,
        new GitHubReposEmulator(github, { autoCreate: true }),
        graphService(),
        // before the Dataverse service: it answers systemusers, roles and businessunits
        appUsersService(),
        dv,
        solutionsService(dv, {
          importDurationMs: options.solutionJobTime,
          exportDurationMs: options.solutionJobTime,
        }),
        keyVault,
        powerPlatform,
        pagesService(dv),
        pagesAdminService(powerPlatform),
        connectorsService(),
        governance,
      ],
      log: options.log ? (line) => ctx.io.stderr.write(`${line}\n`) : undefined,
    });
  } catch (error) {
    if (error instanceof SeedError) throw new ValidationError(`--data / --persist: ${error.message}`);
    if (error instanceof Deno.errors.AddrInUse) {
      throw new UsageError(`Port ${options.port} is in use.`, {
        hint: "Pick another --port, or 0 for any free port.",
      });
    }
    throw error;
  }
  // Everything acknowledged reaches the file however the process ends: SIGTERM stops it here (exit 0);
  // SIGINT exits through cli/main.ts (130), whose Deno.exit runs the unload flush. The listener is in
  // place before "Ready." is printed, so a SIGTERM right after it never meets the default action.
  const flushOnExit = () => dv.flushSync();
  globalThis.addEventListener("unload", flushOnExit);
  const terminated = new Promise<void>((resolve) => {
    try {
      Deno.addSignalListener("SIGTERM", () => resolve());
    } catch {
      // no SIGTERM on this platform (Windows): Ctrl-C and the unload flush remain
    }
  });
  let tokenFile: string | undefined;
  const signIn = `ppx auth create emu --flow client-credential --authority ${emu.url} ` +
    `--tenant-id ${EMULATOR_TENANT_ID} --client-id ${entraApp.clientId} --client-secret-env ` +
    `PPX_EMULATOR_CLIENT_SECRET --environment ${emu.url}`;
  if (options.tokenFile) {
    tokenFile = options.tokenFile;
    const token = await emu.tokens.issue({
      aud: emu.url,
      oid: "00000000-0000-4000-8000-0000000000aa",
      expiresIn: 86_400,
    });
    const tmp = `${tokenFile}.${crypto.randomUUID().slice(0, 8)}.tmp`;
    await Deno.writeTextFile(tmp, token + "\n", { mode: 0o600 });
    await Deno.rename(tmp, tokenFile);
    // Beside the token, what a profile needs: the emulator app's (made-up, per-run) secret and host.
    await Deno.writeTextFile(
      `${tokenFile}.env`,
      `# ppx emulator at ${emu.url}: \`. ${tokenFile}.env\`, then sign in with\n# ${signIn}\n` +
        `export DATAVERSE_HOST=${emu.url}\nexport PPX_EMULATOR_CLIENT_SECRET=${secret}\n`,
      { mode: 0o600 },
    );
  }
  const info = {
    url: emu.url,
    dataverse: `${emu.url}/api/data/v9.2`,
    audience: emu.url,
    authority: emu.url,
    tenantId: EMULATOR_TENANT_ID,
    clientId: entraApp.clientId,
    // The emulator's own app: a made-up secret for this run, useless anywhere else.
    clientSecret: secret,
    signIn,
    githubClientId: GITHUB_CLIENT_ID,
    // Any vault name works; `ppx` is the one the docs use.
    keyVault: keyVault.vaultUrl("ppx"),
    records: dv.store.size,
    powerPlatform: emu.url,
    ...(tokenFile ? { tokenFile } : {}),
    ...(persistPath ? { persist: persistPath } : {}),
  };
  ctx.out.result(info, (info) => {
    const out = ctx.io.stdout;
    out.write(`ppx emulator listening on ${emu.url}\n`);
    out.write(
      `  Dataverse Web API  ${info.dataverse} (token audience ${emu.url}, ${info.records} records)\n`,
    );
    out.write(
      `  Solutions          export, import (async jobs), publish, dependencies under the Web API\n`,
    );
    out.write(
      `  Power Pages        adx_ tables, powerpagesites/powerpagecomponents, web-file binaries\n`,
    );
    out.write(`  Entra ID           ${emu.url}/${EMULATOR_TENANT_ID} (app ${entraApp.clientId})\n`);
    out.write(`  GitHub OAuth       ${emu.url}/login/device (OAuth app ${GITHUB_CLIENT_ID})\n`);
    out.write(
      `  GitHub REST        ${emu.url}/api/v3 (repositories, environments, variables, secrets)\n`,
    );
    out.write(
      `  Microsoft Graph    ${emu.url}/v1.0 (applications, federated credentials; PPX_GRAPH_URL)\n`,
    );
    out.write(
      `  Key Vault          ${info.keyVault} (secret specs keyvault:${info.keyVault}:NAME; ` +
        `any name in place of ppx)\n`,
    );
    out.write(`  Sign in            ${signIn}\n`);
    out.write(
      `                     with export PPX_EMULATOR_CLIENT_SECRET=${secret} (this run's app secret)\n`,
    );
    if (!ctx.env.get("PPX_EMULATOR_CLIENT_SECRET")) {
      out.write(
        "                     (set PPX_EMULATOR_CLIENT_SECRET before starting to choose the app's secret)\n",
      );
    }
    out.write(
      `  Power Platform     admin APIs at ${emu.url}: export PPX_POWERPLATFORM_URL=${emu.url} ` +
        `PPX_BAP_URL=${emu.url} PPX_POWERAPPS_URL=${emu.url} PPX_FLOW_URL=${emu.url}\n`,
    );
    if (tokenFile) {
      out.write(`  Token file         ${tokenFile} (export PPX_ACCESS_TOKEN="$(cat ${tokenFile})")\n`);
      out.write(`  Sign-in settings   ${tokenFile}.env (host and app secret for \`ppx auth create\`)\n`);
    }
    if (persistPath) out.write(`  Persisting to      ${persistPath}\n`);
    out.write(`  Then               ppx dv whoami   (or DATAVERSE_HOST=${emu.url} with --token-file)\n`);
  });
  ctx.io.stdout.write("Ready. Press Ctrl-C to stop.\n");
  await terminated;
  await dv.flush();
  globalThis.removeEventListener("unload", flushOnExit);
  await emu.close();
  ctx.out.notice("Emulator stopped.");
}
