/** Rendering an import's outcome, shared by `import` and `import-status`. */

import { ExitCode, PpxError } from "../../../lib/errors.ts";
import type { ImportStatus } from "../../../lib/solutions/lifecycle/jobs.ts";
import type { Context } from "../../context.ts";

/** Prints a finished import, or throws the import job's own error for the failing component (exit 1). */
export function reportImport(ctx: Context, status: ImportStatus): void {
  if (status.state === "failed") {
    const e = status.error;
    const where = e?.component ? ` at ${e.component}` : "";
    const code = e?.code ? ` (${e.code})` : "";
    throw new PpxError(
      "solution.import-failed",
      `Import of ${status.solution ?? "the solution"} failed${where}: ${e?.message ?? "no message"}${code}`,
      ExitCode.Failure,
      {
        hint:
          `The import job ${status.importJobId} holds the full log (importjobs(${status.importJobId})/data).`,
      },
    );
  }
  ctx.out.result(status, (status, out) => {
    if (status.state === "succeeded") {
      out.success(`Imported ${status.solution ?? "the solution"} (import job ${status.importJobId}).`);
    }
    out.print(status, { columns: ["importJobId", "state", "progress", "solution", "completedOn"] });
  });
}
