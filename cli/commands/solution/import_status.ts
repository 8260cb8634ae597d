/** `ppx solution import-status JOB`: reattach to an import by its import job id. */

import { Command, Option } from "@commander-js/extra-typings";
import { type ImportJobOptions, importJobStatus } from "../../../lib/solutions/lifecycle/import.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { duration, type HostFlag, hostFlags, hostOf } from "../../kit/flags.ts";
import type { RunF } from "../../kit/leaf.ts";
import { worded } from "./advice.ts";
import { parseJobId, pollProgress, renderImport } from "./shared.ts";

/** The options `solution import-status` parses its argv into. */
export interface SolutionImportStatusOptions extends ImportJobOptions {
  /** The org, when given. */
  host?: HostFlag;
}

/** Builds `solution import-status`; `runF` receives the parsed options (tests capture them). */
export default function importStatusCommand(
  app: App,
  runF: RunF<SolutionImportStatusOptions> = runImportStatus,
) {
  return hostFlags(
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
  ).action(async (jobId, flags, command) => {
    await runF({
      importJobId: jobId,
      asyncOperationId: flags.asyncOperationId,
      wait: flags.wait === true,
      maxWaitMs: flags.maxWait,
      host: hostOf(flags),
    }, app.context(command));
  });
}

/** Reads (or follows) the import; a job still running ends with the `pending` outcome (exit 8). */
export async function runImportStatus(options: SolutionImportStatusOptions, ctx: Context): Promise<void> {
  const { client } = await dataverseClient(ctx, options.host);
  const progress = pollProgress(ctx, (job) => `Import job ${job}`);
  let status;
  try {
    status = await worded(
      importJobStatus(options, { client, clock: ctx.clock, onProgress: progress.update }),
    );
  } finally {
    progress.done();
  }
  if (status.state === "running") {
    ctx.out.result(status, (status, out) => {
      out.notice(`Still running: ${status.progress}% done.`);
      out.print(status, { columns: ["importJobId", "state", "progress", "solution"] });
    });
    ctx.conclude("pending");
    return;
  }
  renderImport(ctx, status);
}
