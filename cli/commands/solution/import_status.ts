/** `ppx solution import-status JOB`: reattach to an import by its import job id. */

import { Command, Option } from "@commander-js/extra-typings";
import { ApiError } from "../../../lib/errors.ts";
import { importStatus, operationOutcome, waitForImport } from "../../../lib/solutions/lifecycle/jobs.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";
import { reportImport } from "./import_shared.ts";
import { duration } from "../../kit/flags.ts";
import { parseJobId, pollProgress } from "./lifecycle_shared.ts";

/** Builds `solution import-status`. */
export default function importStatusCommand(app: App) {
  return withHost(
    new Command("import-status")
      .description(
        "Show an import's state (exit 0 succeeded, 1 failed, 8 still running); --wait to follow it",
      )
      .argument("<import-job-id>", "the id `ppx solution import` printed", parseJobId("import job id"))
      .option("--wait", "follow the import until it finishes")
      .option(
        "--async-operation-id <guid>",
        "the async operation `ppx solution import --no-wait` printed: reports an import that failed before its job existed",
        parseJobId("async operation id"),
      )
      .addOption(
        new Option("--max-wait <duration>", "stop waiting after").default(3_600_000, "60m").argParser(
          duration("--max-wait"),
        ),
      )
      .addHelpText("after", "\nExamples:\n  ppx solution import-status 5c4e7f3a-... --wait"),
  ).action(async (jobId, options, command) => {
    const ctx = app.context(command);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    if (options.wait) {
      const progress = pollProgress(ctx, `Import job ${jobId}`);
      try {
        reportImport(
          ctx,
          await waitForImport(client, { importJobId: jobId, asyncOperationId: options.asyncOperationId }, {
            clock: ctx.clock,
            maxWaitMs: options.maxWait,
            pollMs: 5_000,
            onProgress: progress.update,
          }),
        );
      } finally {
        progress.done();
      }
      return;
    }
    let status;
    try {
      status = await importStatus(client, jobId, options.asyncOperationId);
    } catch (error) {
      // No job row: the operation may have failed before the import began, or not have started it yet.
      if (!(error instanceof ApiError && error.status === 404) || !options.asyncOperationId) throw error;
      status = await operationOutcome(client, jobId, options.asyncOperationId) ??
        { importJobId: jobId, state: "running" as const, progress: 0 };
    }
    if (status.state === "running") {
      ctx.out.result(status, (status, out) => {
        out.notice(`Still running: ${status.progress}% done.`);
        out.print(status, { columns: ["importJobId", "state", "progress", "solution"] });
      });
      ctx.conclude("pending");
      return;
    }
    reportImport(ctx, status);
  });
}
