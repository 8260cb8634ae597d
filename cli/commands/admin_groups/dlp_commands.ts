/**
 * The hand-written `policy dlp` commands: show, diff, connectors list|set|update, assignments
 * list|assign|remove. Parsing only; the work is in lib/powerplatform/dlp.ts.
 */

import { Command, Option } from "@commander-js/extra-typings";
import { CancelledError } from "../../../lib/errors.ts";
import {
  runDlpAssign,
  runDlpAssignmentsList,
  runDlpConnectorsList,
  runDlpConnectorsSet,
  runDlpConnectorsUpdate,
  runDlpDiff,
  runDlpShow,
} from "../../../lib/powerplatform/dlp.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import { resolveEnvironment } from "../../admin/context.ts";
import { adminDeps } from "../../admin/deps.ts";

/** Splits a comma list (empty parts dropped). */
export function commaList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter(Boolean);
}

const example = (text: string) => `\nExample:\n  ${text}\n`;

/** `policy dlp show POLICY`. */
export function showCommand(app: App) {
  return new Command("show")
    .description("Show a policy's connectors as a table of groups (Business, Non-business, Blocked)")
    .argument("<policy>", "policy id or display name")
    .addHelpText("after", example("ppx policy dlp show 'Tenant baseline'"))
    .action(async (policy, _o, command) => {
      const ctx = app.context(command);
      const r = await runDlpShow({ policy }, await adminDeps(ctx, ["bap"]));
      if (ctx.out.machine) return ctx.out.print(r);
      ctx.out.notice(
        `${r.displayName} (${r.name}): ${r.environmentType}; connectors it does not name are ${r.defaultGroup}.`,
      );
      ctx.out.print(r.rows, { columns: ["group", "connector", "id"] });
    });
}

/** `policy dlp diff A B`. */
export function diffCommand(app: App) {
  return new Command("diff")
    .description("Differences between two policies, or a policy and a JSON file (B ending in .json or @file)")
    .argument("<a>", "policy id or display name")
    .argument("<b>", "policy id or display name, or a JSON file (policy.json, @policy.json)")
    .addHelpText("after", example("ppx policy dlp diff 'Tenant baseline' 'Production lockdown'"))
    .action(async (a, b, _o, command) => {
      const ctx = app.context(command);
      const isFile = b.startsWith("@") || b.toLowerCase().endsWith(".json");
      const bDocument = isFile
        ? await ctx.input.jsonObject(b.startsWith("@") ? b : `@${b}`, { label: "B" })
        : undefined;
      const rows = await runDlpDiff(
        { a, b: isFile ? undefined : b, bDocument },
        await adminDeps(ctx, ["bap"]),
      );
      if (rows.length === 0 && !ctx.out.machine) return ctx.out.success("The policies are the same.");
      ctx.out.print(rows, { columns: ["kind", "item", "a", "b"] });
    });
}

/** `policy dlp connectors`: list, set, update (the catalog has none of these). */
export function connectorsCommand(app: App) {
  const list = new Command("list")
    .description("List a policy's connectors by group")
    .argument("<policy>", "policy id or display name")
    .addHelpText("after", example("ppx policy dlp connectors list 'Tenant baseline'"))
    .action(async (policy, _o, command) => {
      const ctx = app.context(command);
      const rows = await runDlpConnectorsList({ policy }, await adminDeps(ctx, ["bap"]));
      ctx.out.print(rows, { columns: ["group", "connector", "id"] });
    });
  const set = new Command("set")
    .description("Move connectors (ids, names or display names) into groups; the others stay where they are")
    .argument("<policy>", "policy id or display name")
    .addOption(new Option("--business <connectors>", "comma list for the Business group"))
    .addOption(new Option("--non-business <connectors>", "comma list for the Non-business group"))
    .addOption(new Option("--blocked <connectors>", "comma list for the Blocked group"))
    .addOption(new Option("-e, --environment <env>", "resolve names against this environment's connectors"))
    .addHelpText(
      "after",
      example(
        "ppx policy dlp connectors set 'Tenant baseline' --business 'SQL Server,shared_teams' --blocked dropbox",
      ),
    )
    .action(async (policy, options, command) => {
      const ctx = app.context(command);
      const environmentId = options.environment
        ? (await resolveEnvironment(ctx, options.environment)).id
        : undefined;
      const r = await runDlpConnectorsSet({
        policy,
        environmentId,
        business: commaList(options.business),
        nonBusiness: commaList(options.nonBusiness),
        blocked: commaList(options.blocked),
      }, await adminDeps(ctx, ["bap", "powerapps"]));
      if (ctx.out.machine) return ctx.out.print(r);
      ctx.out.success(`Updated ${r.policy}: ${r.moved.length} connector(s) placed.`);
      ctx.out.print(r.moved, { columns: ["group", "connector", "id"] });
    });
  const update = new Command("update")
    .description(
      'Replace connector groups: --payload \'{"groups":[{"classification":"Confidential","connectors":[...]}]}\'',
    )
    .argument("<policy>", "policy id or display name")
    .addOption(
      new Option("--payload <json>", "groups, as JSON, @file.json or - for stdin").makeOptionMandatory(),
    )
    .addHelpText("after", example("ppx policy dlp connectors update POLICY --payload @groups.json"))
    .action(async (policy, options, command) => {
      const ctx = app.context(command);
      const payload = await ctx.input.jsonObject(options.payload, {
        label: "--payload",
        example:
          `{"groups":[{"classification":"Confidential","connectors":[{"id":"/providers/Microsoft.PowerApps/apis/shared_sql"}]}]}`,
      });
      const r = await runDlpConnectorsUpdate({ policy, payload }, await adminDeps(ctx, ["bap"]));
      if (ctx.out.machine) return ctx.out.print(r);
      ctx.out.success(`Updated the connector groups of ${r.displayName ?? policy}.`);
    });
  return new Command("connectors")
    .description("Connector groups of a policy: list, set (by name), update (payload)")
    .addCommand(list)
    .addCommand(set)
    .addCommand(update);
}

async function environmentIds(ctx: Context, values: string[] | undefined): Promise<string[]> {
  const out: string[] = [];
  for (const v of values ?? []) out.push((await resolveEnvironment(ctx, v)).id);
  return out;
}

/** `policy dlp assignments`: list, assign, remove. */
export function assignmentsCommand(app: App) {
  const list = new Command("list")
    .description("List the environments a policy names (included or excluded)")
    .argument("<policy>", "policy id or display name")
    .addHelpText("after", example("ppx policy dlp assignments list 'Production lockdown'"))
    .action(async (policy, _o, command) => {
      const ctx = app.context(command);
      const r = await runDlpAssignmentsList({ policy }, await adminDeps(ctx, ["bap"]));
      if (ctx.out.machine) return ctx.out.print(r);
      ctx.out.notice(`Scope: ${r.environmentType}`);
      ctx.out.print(r.rows, { columns: ["environmentId", "assignment"] });
    });
  const change = (name: "assign" | "remove", summary: string) =>
    new Command(name)
      .description(summary)
      .argument("<policy>", "policy id or display name")
      .argument("[environments...]", "environments (id, URL or name)")
      .addOption(new Option("-e, --environment <env>", "an environment (id, URL or name)"))
      .addOption(new Option("--payload <json>", 'earlier form: {"assignments":[{"environmentId":"..."}]}'))
      .addHelpText("after", example(`ppx policy dlp assignments ${name} 'Production lockdown' contoso-dev`))
      .action(async (policy, envs, options, command) => {
        const ctx = app.context(command);
        const typed = [...envs, ...(options.environment ? [options.environment] : [])];
        if (options.payload) {
          const p = await ctx.input.jsonObject(options.payload, { label: "--payload" });
          for (const a of (Array.isArray(p.assignments) ? p.assignments : []) as Record<string, unknown>[]) {
            if (typeof a.environmentId === "string") typed.push(a.environmentId);
          }
        }
        const ids = await environmentIds(ctx, typed);
        if (name === "remove" && !ctx.globals.yes) {
          const ok = await ctx.prompter.confirm(`Stop applying ${policy} to ${ids.join(", ")}?`, {
            flag: "--yes",
          });
          if (!ok) throw new CancelledError("Nothing was changed.");
        }
        const r = await runDlpAssign(
          { policy, environmentIds: ids, action: name },
          await adminDeps(ctx, ["bap"]),
        );
        if (ctx.out.machine) return ctx.out.print(r);
        ctx.out.success(
          r.changed ? `Updated ${r.policy} (${r.environmentType}).` : `Nothing to change in ${r.policy}.`,
        );
      });
  return new Command("assignments")
    .description("Environments of a policy: list, assign, remove")
    .addCommand(list)
    .addCommand(change("assign", "Make the policy apply to environments"))
    .addCommand(change("remove", "Stop the policy applying to environments"));
}
