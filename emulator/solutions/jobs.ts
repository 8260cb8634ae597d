/**
 * Emulated async operations and import jobs. Their state is computed from the emulator clock at read
 * time: an operation waits, runs, then completes (succeeded or failed), so pollers see progress move.
 *
 * @module
 */

/** asyncoperation.statecode values. */
export const STATE = { ready: 0, suspended: 1, locked: 2, completed: 3 } as const;
/** asyncoperation.statuscode values. */
export const STATUS = {
  waitingForResources: 0,
  waiting: 10,
  inProgress: 20,
  pausing: 21,
  canceling: 22,
  succeeded: 30,
  failed: 31,
  canceled: 32,
} as const;

/** A failure the emulator injects into an import: the component and the error Dataverse reports. */
export interface ImportFailure {
  /** Element name in the import job data, e.g. `entity`, `workflow`, `connectionreference`. */
  componentType: string;
  /** The component's name. */
  componentName: string;
  /** Dataverse error code, e.g. `0x80048033`. */
  code: string;
  /** The error text. */
  message: string;
  /**
   * The operation fails before the import begins (as for a file Dataverse rejects): no import job row is
   * ever created, so only the async operation tells what happened.
   */
  beforeJob?: boolean;
}

/** One emulated long-running operation. */
export interface Job {
  asyncOperationId: string;
  name: string;
  operationType: number;
  startedAt: number;
  durationMs: number;
  failure?: ImportFailure;
  /** Import jobs only. */
  importJobId?: string;
  solutionName?: string;
  /** Runs once when the job completes successfully (applies the import). */
  onSuccess?: () => void;
  applied?: boolean;
}

/** Share of the duration spent "waiting for resources" before the job runs. */
const QUEUED = 0.1;

/** Where a job stands at `now`. */
export function jobState(job: Job, now: number) {
  const elapsed = Math.max(0, now - job.startedAt);
  const fraction = job.durationMs <= 0 ? 1 : Math.min(1, elapsed / job.durationMs);
  const done = fraction >= 1;
  if (done && !job.failure && !job.applied) {
    job.applied = true;
    job.onSuccess?.();
  }
  const running = fraction >= QUEUED;
  // A failing job stops at the point the failing component is reached.
  const progress = done
    ? (job.failure ? 62.5 : 100)
    : running
    ? Math.round(((fraction - QUEUED) / (1 - QUEUED)) * 1000) / 10
    : 0;
  return {
    done,
    progress,
    statecode: done ? STATE.completed : running ? STATE.locked : STATE.ready,
    statuscode: done
      ? (job.failure ? STATUS.failed : STATUS.succeeded)
      : running
      ? STATUS.inProgress
      : STATUS.waitingForResources,
    completedAt: done ? job.startedAt + job.durationMs : undefined,
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The import job's `data` XML, in the shape Dataverse writes it (per-component `<result>` elements). */
export function importJobData(job: Job, entities: string[], now: number): string {
  const state = jobState(job, now);
  const stamp = new Date(job.startedAt).toISOString();
  const ok = `<result result="success" errorcode="0" errortext="" datetime="${stamp}" />`;
  const rows = entities.map((e) =>
    `<entity id="{${crypto.randomUUID()}}" LocalizedName="${escapeXml(e)}" OriginalName="${escapeXml(e)}">` +
    `${ok}</entity>`
  );
  if (state.done && job.failure) {
    const f = job.failure;
    rows.push(
      `<${f.componentType} id="{${crypto.randomUUID()}}" name="${
        escapeXml(f.componentName)
      }" LocalizedName="${escapeXml(f.componentName)}" OriginalName="${escapeXml(f.componentName)}">` +
        `<result result="failure" errorcode="${escapeXml(f.code)}" errortext="${
          escapeXml(f.message)
        }" datetime="${stamp}" /></${f.componentType}>`,
    );
  }
  const solutionResult = state.done
    ? (job.failure
      ? `<result result="failure" errorcode="${escapeXml(job.failure.code)}" errortext="${
        escapeXml(job.failure.message)
      }" datetime="${stamp}" />`
      : ok)
    : "";
  return `<importexportxml start="${job.startedAt}" stop="${
    state.completedAt ?? ""
  }" progress="${state.progress}" ` +
    `processed="${state.done}"><solutionManifests><solutionManifest languagecode="1033" id="${
      escapeXml(job.solutionName ?? "")
    }" LocalizedName="${escapeXml(job.solutionName ?? "")}" processed="${state.done}">${solutionResult}` +
    `</solutionManifest></solutionManifests><entities>${rows.join("")}</entities></importexportxml>`;
}
