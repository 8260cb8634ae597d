/** `ppx dv bulk-csv ENTITYSET FILE`: upsert a CSV file into a table, typed, concurrent and resumable. */

import { Command, Option } from "@commander-js/extra-typings";
import { CSV_ENCODINGS } from "../../../lib/dataverse/bulk/encoding.ts";
import type { BulkOptions, BulkSummary } from "../../../lib/dataverse/bulk/engine.ts";
import { PartialSuccessError, ValidationError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient, type HostFlag } from "../../dataverse_host.ts";
import { setInterruptHint } from "../../interrupt.ts";
import { wholeNumber } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { hostFlag, withHost } from "./shared.ts";

/** The options `dv bulk-csv` parses its argv into: the engine's (paths absolute, --map read) and more. */
export interface DvBulkCsvOptions extends
  Pick<
    BulkOptions,
    | "entitySet"
    | "file"
    | "encoding"
    | "idColumn"
    | "keyColumns"
    | "createIfMissing"
    | "chunkSize"
    | "mode"
    | "map"
    | "emptyAsNull"
    | "concurrency"
    | "maxConcurrency"
    | "dryRun"
    | "resume"
    | "checkpointPath"
    | "report"
  > {
  /** `--dataverse-host` / `--host`, or the environment `-e` names, when given. */
  host?: HostFlag;
  /** The command line that continues this run (the words as given plus `--resume`). */
  resumeLine: string;
}

async function readMap(ctx: Context, path: string): Promise<Record<string, string | null>> {
  let text: string;
  try {
    text = await Deno.readTextFile(ctx.input.path(path));
  } catch (error) {
    throw new ValidationError(`Unable to read the --map file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`The --map file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const ok = value && typeof value === "object" && !Array.isArray(value) &&
    Object.values(value).every((v) => v === null || typeof v === "string");
  if (!ok) {
    throw new ValidationError(`The --map file ${path} must be a JSON object of header -> attribute.`, {
      hint: 'Example: {"Account Name": "name", "Parent": "parentaccountid", "Notes": null}',
    });
  }
  return value as Record<string, string | null>;
}

function summaryLine(s: BulkSummary): string {
  if (s.dryRun) {
    return `Dry run of ${s.rows} row(s) into ${s.entitySet}: ${s.succeeded} ready to send, ${s.invalid} ` +
      "invalid; nothing was sent.";
  }
  const parts = [`${s.succeeded} succeeded`, `${s.failed} failed`, `${s.invalid} invalid`];
  if (s.resumedRows) parts.push(`${s.resumedRows} finished by the earlier run`);
  return `Bulk upsert of ${s.rows} row(s) into ${s.entitySet}: ${parts.join(", ")}.`;
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

type AnyCommand = {
  options: readonly {
    long?: string;
    negate: boolean;
    required: boolean;
    optional: boolean;
    attributeName(): string;
  }[];
  parent: AnyCommand | null;
  getOptionValue(key: string): unknown;
  getOptionValueSource(key: string): string | undefined;
};

/**
 * The command line that continues this run: the words as given (the positionals and every option set on
 * the command line, global ones included) plus `--resume`.
 */
export function resumeCommandLine(command: AnyCommand, positionals: string[]): string {
  const words = ["ppx", "dv", "bulk-csv", ...positionals];
  for (let c: AnyCommand | null = command; c; c = c.parent) {
    for (const option of c.options) {
      const name = option.attributeName();
      if (!option.long || c.getOptionValueSource(name) !== "cli" || option.long === "--resume") continue;
      const value = c.getOptionValue(name);
      if (option.negate) {
        if (value === false) words.push(option.long);
      } else if (!option.required && !option.optional) {
        if (value === true) words.push(option.long);
      } else if (value !== undefined && value !== null) {
        words.push(option.long, String(value));
      }
    }
  }
  words.push("--resume");
  return words.map(shellWord).join(" ");
}

/** Builds `dv bulk-csv`; `runF` receives the parsed options (tests capture them). */
export default function bulkCsv(app: App, runF: RunF<DvBulkCsvOptions> = runBulkCsvCommand) {
  return withHost(
    new Command("bulk-csv")
      .description("Upsert the rows of a CSV file into a table (typed, concurrent, resumable)")
      .argument("<entityset>", "the table's entity set name, e.g. accounts")
      .argument("<file>", "the CSV file (header row first; UTF-8 unless --encoding says otherwise)")
      .option("--id-column <header>", "column holding record ids (default: the primary id column if present)")
      .option("--key-columns <headers>", "alternate-key columns, comma separated, e.g. accountnumber")
      .option("--create-if-missing", "create records that do not exist (default)")
      .option("--no-create-if-missing", "only update existing records (If-Match: *)")
      .addOption(
        new Option("--chunk-size <n>", "rows per request, 1-1000").argParser(
          wholeNumber("--chunk-size", { min: 1, max: 1000 }),
        )
          .default(50),
      )
      .addOption(
        new Option("--mode <mode>", "batch: $batch with one change set per row; multiple: UpsertMultiple")
          .choices(["batch", "multiple"] as const).default("batch" as const),
      )
      .addOption(
        new Option("--encoding <name>", "the file's text encoding (latin1 is read as windows-1252)")
          .choices(CSV_ENCODINGS).default("utf-8" as const),
      )
      .option("--map <file>", 'JSON file mapping headers to attributes, e.g. {"Name": "name"}')
      .option("--empty-as-null", "an empty cell clears the column (default: it is left unchanged)")
      .addOption(
        new Option("--concurrency <n>", "fixed number of concurrent requests (default: adaptive)")
          .argParser(wholeNumber("--concurrency", { min: 1, max: 256 })),
      )
      .addOption(
        new Option("--max-concurrency <n>", "upper bound of the adaptive concurrency").argParser(
          wholeNumber("--max-concurrency", { min: 1, max: 256 }),
        ).default(52),
      )
      .option("--report <file>", "write a per-row report (.json for JSON, otherwise CSV)")
      .option("--dry-run", "read and type every row, print the plan, send nothing")
      .option("--resume", "continue an interrupted run from its checkpoint")
      .option("--checkpoint <file>", "checkpoint path (default: <file>.ppx-bulk.json)"),
  ).action(async (entitySet, file, options, command) => {
    const ctx = app.context(command);
    const resolve = (p: string) => ctx.input.path(p);
    await runF({
      entitySet,
      file: resolve(file),
      encoding: options.encoding,
      idColumn: options.idColumn,
      keyColumns: options.keyColumns?.split(",").map((k) => k.trim()).filter(Boolean),
      createIfMissing: options.createIfMissing !== false,
      chunkSize: options.chunkSize,
      mode: options.mode,
      map: options.map ? await readMap(ctx, options.map) : undefined,
      emptyAsNull: options.emptyAsNull === true,
      concurrency: options.concurrency,
      maxConcurrency: options.maxConcurrency,
      dryRun: options.dryRun === true,
      resume: options.resume === true,
      checkpointPath: options.checkpoint ? resolve(options.checkpoint) : undefined,
      report: options.report ? resolve(options.report) : undefined,
      host: hostFlag(options),
      resumeLine: resumeCommandLine(command as unknown as AnyCommand, [entitySet, file]),
    }, ctx);
  });
}

/**
 * Runs the bulk upsert with a progress line and the resume hint for Ctrl-C, prints the summary, and throws
 * PartialSuccessError when rows failed or the run stopped early (the applied rows stay applied).
 */
export async function runBulkCsvCommand(options: DvBulkCsvOptions, ctx: Context): Promise<void> {
  const { runBulkCsv } = await import("../../../lib/dataverse/bulk/engine.ts");
  const { host: _host, resumeLine, ...bulk } = options;
  const { client } = await dataverseClient(ctx, options.host);
  const progress = ctx.progress();
  let summary: BulkSummary;
  try {
    summary = await runBulkCsv(client, {
      ...bulk,
      onCheckpoint: () => setInterruptHint(`Resume with: ${resumeLine}`),
      onProgress: (done, inFlight, concurrency) =>
        progress.update(
          done,
          undefined,
          `rows done (${inFlight} requests in flight, limit ${concurrency})`,
        ),
    });
  } finally {
    setInterruptHint(undefined);
    progress.done();
  }
  if (summary.report) ctx.out.notice(`Wrote the per-row report to ${summary.report}.`);
  ctx.out.result({
    entitySet: summary.entitySet,
    mode: summary.mode,
    dryRun: summary.dryRun,
    rows: summary.rows,
    succeeded: summary.succeeded,
    failed: summary.failed,
    invalid: summary.invalid,
    resumedRows: summary.resumedRows,
    requests: summary.requests,
    retriedRows: summary.retriedRows,
    throttled: summary.concurrency.throttled,
    concurrency: `${summary.concurrency.start} start, ${summary.concurrency.min}-${summary.concurrency.max}`,
    averageInFlight: summary.averageInFlight,
    rowsPerSecond: summary.rowsPerSecond,
    durationMs: summary.durationMs,
    ...(summary.report ? { report: summary.report } : {}),
    ...(summary.stopped ? { stoppedAtRow: summary.stopped.row } : {}),
    ...(ctx.globals.json ? { failures: summary.failures } : {}),
  });
  for (const f of summary.failures.slice(0, 5)) {
    ctx.out.warn(`row ${f.row}${f.key ? ` (${f.key})` : ""}: ${f.status} ${f.code}: ${f.message}`);
  }
  if (summary.stopped) {
    throw new PartialSuccessError(
      `${summaryLine(summary)} Stopped at row ${summary.stopped.row}: ${summary.stopped.message}`,
      summary,
      {
        hint: `The rows before it are applied and recorded${
          summary.report ? ` (see ${summary.report})` : ""
        }. Fix the file from that row on, then continue with: ${resumeLine}`,
      },
    );
  }
  if (summary.dryRun) {
    // A dry run that found invalid rows did its job: it is not an error (the summary counts them).
    if (summary.invalid > 0) ctx.out.warn(summaryLine(summary));
    else ctx.out.success(summaryLine(summary));
    return;
  }
  const bad = summary.failed + summary.invalid;
  if (bad > 0) {
    throw new PartialSuccessError(`${summaryLine(summary)}`, summary, {
      hint: summary.report
        ? `See ${summary.report} for every failed row.`
        : "Add --report FILE to get every failed row with its error.",
    });
  }
  ctx.out.success(summaryLine(summary));
}
