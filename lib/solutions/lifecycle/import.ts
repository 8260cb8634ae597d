/**
 * The import use-cases: import a solution zip (ImportSolutionAsync or StageAndUpgradeAsync, then follow
 * the import job), and look at (or follow) an import that is already running by its job id.
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import type { DataverseClient } from "../../dataverse/client.ts";
import { ApiError, ExitCode, PpxError, ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import type { SolutionDeps } from "./inspect.ts";
import {
  type ImportOptions,
  type ImportStatus,
  importStatus,
  operationOutcome,
  type StartedImport,
  startImport,
  waitForImport,
} from "./jobs.ts";
import { componentParameters, type DeploymentSettings } from "./settings.ts";
import { listSolutions, publishAll } from "./solutions.ts";

/** A poll's news: a percentage (when known) and the job's status. */
export type PollProgress = (percent: number | undefined, status: string) => void;

/** Options of {@link importSolutionFile}. */
export interface ImportSolutionOptions extends Omit<ImportOptions, "componentParameters"> {
  /** The solution zip, as an absolute path (or relative to the caller's folder). */
  path: string;
  /** Deployment settings (connection references, environment variable values) to apply. */
  settings?: DeploymentSettings;
  /** Do nothing when the org already has this version of the solution or a newer one. */
  skipLowerVersion?: boolean;
  /** Follow the import until it finishes (otherwise return once it has started). */
  wait: boolean;
  /** Stop following after this long (ms); the import keeps running. */
  maxWaitMs: number;
  /** Publish all customizations after a successful import. */
  publishChanges?: boolean;
  /** First interval between polls (ms, default 5,000). */
  pollMs?: number;
}

/** Deps of {@link importJobStatus}: the client, the clock polls wait on, and a progress callback. */
export interface ImportDeps extends SolutionDeps {
  /** Time for the polling loop. */
  clock: Clock;
  /** Called after every poll; `solution` is the unique name in the zip (or the job id when unknown). */
  onProgress?: (percent: number | undefined, status: string, solution: string) => void;
}

/**
 * Deps of {@link importSolutionFile}: as {@link ImportDeps}, but the org is connected only once the zip
 * has been read and checked, so a bad file fails before any sign-in.
 */
export interface ImportFileDeps extends Omit<ImportDeps, "client"> {
  /** Connects to the org. */
  connect: () => Promise<DataverseClient>;
}

/** How {@link importSolutionFile} ended (a failed import is thrown, not returned). */
export type ImportResult =
  /** The org already has `installed`, the same as or newer than the zip's `version`: nothing was done. */
  | { kind: "skipped"; solution: string; installed: string; version: string }
  /** Started without waiting: the ids to follow it by. */
  | { kind: "started"; solution: string; started: StartedImport }
  /** Followed to the end (succeeded), or still running when the wait ran out is a TimeoutError. */
  | { kind: "finished"; status: ImportStatus; published: boolean };

/** Compares two dotted versions part by part (missing parts are 0). */
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The error of a failed import: the failing component and its message (exit 1). */
export function importFailedError(status: ImportStatus): PpxError {
  const e = status.error;
  const where = e?.component ? ` at ${e.component}` : "";
  const code = e?.code ? ` (${e.code})` : "";
  return new PpxError(
    "solution.import-failed",
    `Import of ${status.solution ?? "the solution"} failed${where}: ${e?.message ?? "no message"}${code}`,
    ExitCode.Failure,
    {
      hint:
        `The import job ${status.importJobId} holds the full log (importjobs(${status.importJobId})/data).`,
    },
  );
}

/** `status` when the import did not fail; the import's own error when it did. */
function unlessFailed(status: ImportStatus): ImportStatus {
  if (status.state === "failed") throw importFailedError(status);
  return status;
}

/** Imports a solution zip; see {@link ImportResult}. */
export async function importSolutionFile(
  options: ImportSolutionOptions,
  deps: ImportFileDeps,
): Promise<ImportResult> {
  if (options.holding && options.stageAndUpgrade) {
    throw new ValidationError("A holding import and a stage-and-upgrade cannot be combined.");
  }
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(options.path);
  } catch (error) {
    throw advised(
      new ValidationError(`Unable to read ${options.path}: ${(error as Error).message}`, {
        hint: "Check the path.",
      }),
      { kind: "check-path", input: "path" },
    );
  }
  // The XML reader loads only when a zip is imported (not with every solution command).
  const { readSolutionZip } = await import("./zip_info.ts");
  const contents = await readSolutionZip(options.path, options.path);
  const solution = contents.uniqueName;
  const client = await deps.connect();
  if (options.skipLowerVersion) {
    const installed = (await listSolutions(client, { includeSystem: true }))
      .find((s) => s.uniqueName.toLowerCase() === solution.toLowerCase());
    if (installed && compareVersions(installed.version, contents.version) >= 0) {
      return { kind: "skipped", solution, installed: installed.version, version: contents.version };
    }
  }
  const started = await startImport(client, bytes, {
    overwriteUnmanaged: options.overwriteUnmanaged,
    publishWorkflows: options.publishWorkflows,
    convertToManaged: options.convertToManaged,
    skipProductUpdateDependencies: options.skipProductUpdateDependencies,
    holding: options.holding,
    stageAndUpgrade: options.stageAndUpgrade,
    componentParameters: options.settings ? componentParameters(options.settings) : undefined,
    importJobId: options.importJobId,
  });
  if (!options.wait) return { kind: "started", solution, started };
  const onProgress = deps.onProgress;
  const status = unlessFailed(
    await waitForImport(client, started, {
      clock: deps.clock,
      maxWaitMs: options.maxWaitMs,
      pollMs: options.pollMs ?? 5_000,
      onProgress: onProgress && ((percent, state) => onProgress(percent, state, solution)),
    }),
  );
  const publish = options.publishChanges === true && status.state === "succeeded";
  if (publish) await publishAll(client);
  return { kind: "finished", status, published: publish };
}

/** Options of {@link importJobStatus}. */
export interface ImportJobOptions {
  /** The import job id. */
  importJobId: string;
  /** The import's async operation, when known: reports an import that failed before its job existed. */
  asyncOperationId?: string;
  /** Follow the import until it finishes. */
  wait?: boolean;
  /** With `wait`: stop following after this long (ms). */
  maxWaitMs: number;
  /** First interval between polls (ms, default 5,000). */
  pollMs?: number;
}

/**
 * Where an import stands: `running` or `succeeded` (a failed import is thrown, exit 1). With `wait`, polls
 * until it finishes (TimeoutError when `maxWaitMs` passes first).
 */
export async function importJobStatus(options: ImportJobOptions, deps: ImportDeps): Promise<ImportStatus> {
  const ids = { importJobId: options.importJobId, asyncOperationId: options.asyncOperationId };
  if (options.wait) {
    const onProgress = deps.onProgress;
    return unlessFailed(
      await waitForImport(deps.client, ids, {
        clock: deps.clock,
        maxWaitMs: options.maxWaitMs,
        pollMs: options.pollMs ?? 5_000,
        onProgress: onProgress && ((percent, state) => onProgress(percent, state, options.importJobId)),
      }),
    );
  }
  try {
    return unlessFailed(await importStatus(deps.client, ids.importJobId, ids.asyncOperationId));
  } catch (error) {
    // No job row: the operation may have failed before the import began, or not have started it yet.
    if (!(error instanceof ApiError && error.status === 404) || !ids.asyncOperationId) throw error;
    const outcome = await operationOutcome(deps.client, ids.importJobId, ids.asyncOperationId);
    return unlessFailed(outcome ?? { importJobId: ids.importJobId, state: "running", progress: 0 });
  }
}
