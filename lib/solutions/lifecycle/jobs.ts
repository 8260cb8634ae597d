/**
 * Long-running solution operations: async export (ExportSolutionAsync + DownloadSolutionExportData) and
 * async import (ImportSolutionAsync / StageAndUpgradeAsync), polled through `asyncoperations` and
 * `importjobs` with the injected clock. Each poll asks the token source again, so a token that expires
 * during a long wait is refreshed by the HTTP client's 401 handling and the credential chain.
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import type { DataverseClient } from "../../dataverse/client.ts";
import { RecordNotFoundError } from "../../dataverse/errors.ts";
import { ApiError, TimeoutError } from "../../errors.ts";
import { advised } from "../advice.ts";
import { callAction } from "./api.ts";

/** asyncoperation statecode 3 = Completed; statuscode 30 Succeeded, 31 Failed, 32 Canceled. */
const COMPLETED = 3;
const STATUS_TEXT: Record<number, string> = {
  0: "waiting for resources",
  10: "waiting",
  20: "in progress",
  21: "pausing",
  22: "canceling",
  30: "succeeded",
  31: "failed",
  32: "canceled",
};

/** Polling knobs. */
export interface WaitOptions {
  clock: Clock;
  /** Give up after this long (ms). */
  maxWaitMs: number;
  /** First interval between polls (ms, default 5,000); it grows by half each poll up to maxPollMs. */
  pollMs?: number;
  /** Longest interval between polls (ms, default 30,000): long imports cost few requests. */
  maxPollMs?: number;
  /** Called after every poll. */
  onProgress?: (percent: number | undefined, status: string) => void;
}

/** `90 s`, `45 min`, `2 h 30 min`. */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ""}`;
}

function nextInterval(previous: number, options: WaitOptions): number {
  const first = options.pollMs ?? 5_000;
  return previous === 0
    ? first
    : Math.min(Math.max(first, options.maxPollMs ?? 30_000), Math.round(previous * 1.5));
}

/** Export settings (ExportSolution's Export*Settings parameters). */
export const EXPORT_SETTINGS = {
  autonumbering: "ExportAutoNumberingSettings",
  calendar: "ExportCalendarSettings",
  customization: "ExportCustomizationSettings",
  emailtracking: "ExportEmailTrackingSettings",
  externalapplications: "ExportExternalApplications",
  general: "ExportGeneralSettings",
  isvconfig: "ExportIsvConfig",
  marketing: "ExportMarketingSettings",
  outlooksynchronization: "ExportOutlookSynchronizationSettings",
  relationshiproles: "ExportRelationshipRoles",
  sales: "ExportSales",
} as const;

/** Exports a solution asynchronously and returns the zip. */
export async function exportSolution(
  client: DataverseClient,
  options: { name: string; managed: boolean; settings?: (keyof typeof EXPORT_SETTINGS)[] } & WaitOptions,
): Promise<Uint8Array> {
  const params: Record<string, unknown> = { SolutionName: options.name, Managed: options.managed };
  for (const s of options.settings ?? []) params[EXPORT_SETTINGS[s]] = true;
  const started = await callAction<{ AsyncOperationId: string; ExportJobId: string }>(
    client,
    "ExportSolutionAsync",
    params,
  ).catch((error) => {
    // The generic 404 hint talks of tables and keys; here it is the solution's unique name that is wrong.
    if (!(error instanceof RecordNotFoundError)) throw error;
    throw advised(
      new RecordNotFoundError(error.message, error, {
        hint:
          "Check the solution's unique name against the installed solutions (unique names, not display names).",
        cause: error,
      }),
      { kind: "unique-name", when: "export" },
    );
  });
  const op = await waitOperation(client, started.AsyncOperationId, options, `export of ${options.name}`);
  if (op.statuscode !== 30) {
    throw advised(
      new ApiError(
        `Export of ${options.name} ${STATUS_TEXT[op.statuscode] ?? "failed"}: ${op.message ?? "no message"}`,
        { status: 0 },
        { code: "solution.export-failed", hint: "Check the solution for missing dependencies." },
      ),
      { kind: "check-dependencies" },
    );
  }
  const data = await callAction<{ ExportSolutionFile: string }>(client, "DownloadSolutionExportData", {
    ExportJobId: started.ExportJobId,
  });
  return Uint8Array.fromBase64(data.ExportSolutionFile);
}

interface AsyncOperation {
  statecode: number;
  statuscode: number;
  message?: string | null;
  friendlymessage?: string | null;
}

async function waitOperation(
  client: DataverseClient,
  id: string,
  options: WaitOptions,
  what: string,
): Promise<AsyncOperation> {
  const deadline = options.clock.now() + options.maxWaitMs;
  let interval = 0;
  for (;;) {
    const op = await client.get("asyncoperations", { id }, {
      select: ["statecode", "statuscode", "message", "friendlymessage"],
    }) as unknown as AsyncOperation;
    options.onProgress?.(undefined, STATUS_TEXT[op.statuscode] ?? `status ${op.statuscode}`);
    if (op.statecode === COMPLETED) return op;
    if (options.clock.now() >= deadline) {
      throw advised(
        new TimeoutError(`The ${what} did not finish within ${duration(options.maxWaitMs)}.`, {
          hint: "Wait longer.",
        }),
        { kind: "raise-max-wait" },
      );
    }
    interval = nextInterval(interval, options);
    await options.clock.sleep(interval);
  }
}

/** ImportSolutionAsync's options (pac's flags). */
export interface ImportOptions {
  overwriteUnmanaged?: boolean;
  publishWorkflows?: boolean;
  convertToManaged?: boolean;
  skipProductUpdateDependencies?: boolean;
  holding?: boolean;
  stageAndUpgrade?: boolean;
  /** Connection references and environment variable values (see settings.ts). */
  componentParameters?: Record<string, unknown>[];
  /** Client-chosen import job id (default: a new GUID). */
  importJobId?: string;
}

/** A started import. */
export interface StartedImport {
  importJobId: string;
  asyncOperationId: string;
  action: string;
}

/** Uploads a solution and starts the import; returns the ids to poll or reattach to. */
export async function startImport(
  client: DataverseClient,
  file: Uint8Array,
  options: ImportOptions = {},
): Promise<StartedImport> {
  const importJobId = options.importJobId ?? crypto.randomUUID();
  const action = options.stageAndUpgrade ? "StageAndUpgradeAsync" : "ImportSolutionAsync";
  const params: Record<string, unknown> = {
    CustomizationFile: file.toBase64(),
    OverwriteUnmanagedCustomizations: options.overwriteUnmanaged ?? false,
    PublishWorkflows: options.publishWorkflows ?? true,
    ImportJobId: importJobId,
    ComponentParameters: options.componentParameters ?? [],
  };
  if (options.convertToManaged) params.ConvertToManaged = true;
  if (options.skipProductUpdateDependencies) params.SkipProductUpdateDependencies = true;
  if (options.holding && !options.stageAndUpgrade) params.HoldingSolution = true;
  const answer = await callAction<{ AsyncOperationId: string; ImportJobKey?: string }>(
    client,
    action,
    params,
  );
  return { importJobId, asyncOperationId: answer.AsyncOperationId, action };
}

/** Where an import stands. */
export interface ImportStatus {
  importJobId: string;
  state: "running" | "succeeded" | "failed";
  progress: number;
  solution?: string;
  startedOn?: string;
  completedOn?: string;
  /** The failing component and its error, from the import job's data. */
  error?: { component?: string; code?: string; message: string };
}

/** Reads the import job (and the async operation when known) once. */
export async function importStatus(
  client: DataverseClient,
  importJobId: string,
  asyncOperationId?: string,
): Promise<ImportStatus> {
  const job = await client.get("importjobs", { id: importJobId }, {
    select: ["progress", "solutionname", "startedon", "completedon", "data"],
  });
  let op: AsyncOperation | undefined;
  if (asyncOperationId) {
    op = await client.get("asyncoperations", { id: asyncOperationId }, {
      select: ["statecode", "statuscode", "message", "friendlymessage"],
    }) as unknown as AsyncOperation;
  }
  // The XML reader loads only when there is job data to read (not with every solution command).
  const failure = typeof job.data === "string"
    ? (await import("./import_data.ts")).importFailureOf(job.data)
    : undefined;
  const opDone = op?.statecode === COMPLETED;
  const jobDone = typeof job.completedon === "string" && job.completedon !== "";
  const failed = failure !== undefined || (opDone && op!.statuscode !== 30);
  const state = failed && (jobDone || opDone) ? "failed" : jobDone || opDone ? "succeeded" : "running";
  const error = state === "failed"
    ? failure ?? { message: op?.friendlymessage ?? op?.message ?? "The import failed without a message." }
    : undefined;
  return {
    importJobId,
    state,
    progress: Number(job.progress ?? 0),
    ...(typeof job.solutionname === "string" ? { solution: job.solutionname } : {}),
    ...(typeof job.startedon === "string" ? { startedOn: job.startedon } : {}),
    ...(jobDone ? { completedOn: job.completedon as string } : {}),
    ...(error ? { error } : {}),
  };
}

/**
 * The outcome from the async operation alone, for an import whose job row does not exist (the operation
 * failed before the import began); undefined while the operation is still running.
 */
export async function operationOutcome(
  client: DataverseClient,
  importJobId: string,
  asyncOperationId: string,
): Promise<ImportStatus | undefined> {
  const op = await client.get("asyncoperations", { id: asyncOperationId }, {
    select: ["statecode", "statuscode", "message", "friendlymessage"],
  }) as unknown as AsyncOperation;
  if (op.statecode !== COMPLETED) return undefined;
  const ok = op.statuscode === 30;
  return {
    importJobId,
    state: ok ? "succeeded" : "failed",
    progress: ok ? 100 : 0,
    ...(ok ? {} : {
      error: { message: op.friendlymessage ?? op.message ?? `The import ${STATUS_TEXT[op.statuscode]}.` },
    }),
  };
}

/** Polls until the import finishes; TimeoutError (exit 6) with the reattach hint when maxWaitMs passes. */
export async function waitForImport(
  client: DataverseClient,
  ids: { importJobId: string; asyncOperationId?: string },
  options: WaitOptions,
): Promise<ImportStatus> {
  const deadline = options.clock.now() + options.maxWaitMs;
  let interval = 0;
  for (;;) {
    let status: ImportStatus | undefined;
    try {
      status = await importStatus(client, ids.importJobId, ids.asyncOperationId);
    } catch (error) {
      // The import job row appears a moment after the async operation starts, and never when the operation
      // fails before the import begins (e.g. a file Dataverse rejects): then the operation holds the error.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      if (ids.asyncOperationId) {
        const done = await operationOutcome(client, ids.importJobId, ids.asyncOperationId);
        if (done) return done;
      }
    }
    if (status) options.onProgress?.(status.progress, status.state);
    if (status && status.state !== "running") return status;
    if (options.clock.now() >= deadline) {
      throw advised(
        new TimeoutError(
          `Import job ${ids.importJobId} is still running after ${duration(options.maxWaitMs)}` +
            ` (${status?.progress ?? 0}% done).`,
          {
            hint: `It keeps running on the server. Follow it again by its import job id, ${ids.importJobId}.`,
          },
        ),
        { kind: "reattach-import", importJobId: ids.importJobId },
      );
    }
    interval = nextInterval(interval, options);
    await options.clock.sleep(interval);
  }
}
