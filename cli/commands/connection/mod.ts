/** `ppx connection`: connection references of a solution — list, and validate before an import. */

import { Command, Option } from "@commander-js/extra-typings";
import {
  requireBound,
  solutionConnectionReferences,
} from "../../../lib/powerplatform/connection_references.ts";
import type { App } from "../../app.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { hostFlag, withHost } from "../dv/shared.ts";

const COLUMNS = ["logicalName", "displayName", "connectorId", "connectionId"];

/** Builds the `connection` group. */
export default function connection(app: App) {
  const list = withHost(
    new Command("list")
      .description("List the connection references of a solution and the connections they are bound to")
      .addOption(new Option("--solution <name>", "solution unique name").makeOptionMandatory())
      .addHelpText("after", "\nExample:\n  ppx connection list --solution ContosoCore -e contoso-dev\n"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const refs = await solutionConnectionReferences(client, options.solution);
    ctx.out.result(
      refs,
      (data, out) =>
        data.length === 0
          ? out.notice(`${options.solution} has no connection references.`)
          : out.print(data, { columns: COLUMNS }),
    );
  });
  const validate = withHost(
    new Command("validate")
      .description("Check that every connection reference of a solution is bound (exit 1 naming the unbound)")
      .addOption(new Option("--solution <name>", "solution unique name").makeOptionMandatory())
      .addHelpText("after", "\nExample:\n  ppx connection validate --solution ContosoCore -e contoso-test\n"),
  ).action(async (options, command) => {
    const ctx = app.context(command);
    const { client } = await dataverseClient(ctx, hostFlag(options));
    const refs = requireBound(options.solution, await solutionConnectionReferences(client, options.solution));
    ctx.out.result(
      { ok: true, references: refs },
      `All ${refs.length} connection references of ${options.solution} are bound.`,
    );
  });
  return new Command("connection")
    .description("Connection references of a solution: list, validate")
    .addCommand(list)
    .addCommand(validate);
}
