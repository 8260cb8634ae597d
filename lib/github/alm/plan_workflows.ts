/**
 * setup-ci, workflow files: committed through the contents API on the branch, or written into a
 * local checkout.
 *
 * @module
 */

import { keep } from "./plan.ts";
import { workflows } from "./workflows.ts";
import type { SetupContext } from "./setup_context.ts";

/** Plans the workflow file steps. */
export async function planWorkflows(ctx: SetupContext): Promise<void> {
  const { options, deps, github, branch, steps } = ctx;
  // (d) Workflow files: through the contents API on the branch, or into a local checkout.
  const files = workflows({
    solution: options.solution,
    environments: {
      dev: options.stages.find((s) => s.role === "dev")!.environment,
      test: options.stages.find((s) => s.role === "test")!.environment,
      prod: options.stages.find((s) => s.role === "prod")!.environment,
    },
    branch,
    ppxVersion: options.ppxVersion,
    ppxRepo: options.ppxRepo,
    schedule: options.schedule,
  });
  for (const file of files) {
    if (options.local !== undefined) {
      const local = deps.files!;
      const current = await local.read(file.path);
      if (current === file.text) steps.push(keep("workflow", file.path, `in ${options.local}`));
      else {
        steps.push({
          area: "workflow",
          action: current === undefined ? "create" : "update",
          target: file.path,
          detail: `in ${options.local} (commit and push it yourself)`,
          apply: () => local.write(file.path, file.text),
        });
      }
      continue;
    }
    const current = await github.file(file.path, branch);
    if (current?.text === file.text) steps.push(keep("workflow", file.path, `on ${branch}`));
    else {
      steps.push({
        area: "workflow",
        action: current ? "update" : "create",
        target: file.path,
        detail: `commit on ${branch}`,
        apply: () =>
          github.putFile(
            file.path,
            file.text,
            branch,
            `ci: ${current ? "update" : "add"} ${file.path} (ppx github setup-ci)`,
            current?.sha,
          ),
      });
    }
  }
}
