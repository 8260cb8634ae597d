/** Flag parsing and rendering shared by the `ppx solution` commands. */

import { isGuid, sanitizeGuid } from "../../../lib/dataverse/odata.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { ImportStatus } from "../../../lib/solutions/lifecycle/jobs.ts";
import { PACKAGE_TYPES, type PackageType } from "../../../lib/solutions/packager/options.ts";
import type { Context } from "../../context.ts";

/** Parses `--packagetype` case-insensitively. */
export function parsePackageType(value: string): PackageType {
  const found = PACKAGE_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
  if (!found) {
    throw new UsageError(`Unknown package type '${value}'.`, {
      hint: `Use one of ${PACKAGE_TYPES.join(", ")}.`,
    });
  }
  return found;
}

/** The first value given, or a UsageError naming the flags. */
export function required(flags: string, ...values: (string | undefined)[]): string {
  const value = values.find((v) => v !== undefined && v !== "");
  if (value === undefined) throw new UsageError(`Missing ${flags}.`, { hint: `Pass ${flags}.` });
  return value;
}

/** `--name`, which every Dataverse solution command but list needs: a UsageError when it is missing. */
export function requiredName(name: string | undefined, hint = "Pass --name <uniquename>."): string {
  if (!name) throw new UsageError("Missing --name.", { hint });
  return name;
}

/**
 * Parses an import job id: a GUID, with or without braces, or the 32 hex digits PACX generates (the Web API
 * only takes the 8-4-4-4-12 form, so that is what is sent).
 */
export function parseJobId(flag: string) {
  return (value: string): string => {
    let id = sanitizeGuid(value);
    if (/^[0-9a-f]{32}$/i.test(id)) {
      id = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    }
    if (!isGuid(id)) {
      throw new UsageError(`${flag} must be an import job id (a GUID), not '${value}'.`, {
        hint: "Use the id `ppx solution import` printed.",
      });
    }
    return id.toLowerCase();
  };
}

/** A progress reporter for polling loops: a TTY progress line, silent when piped or with --json. */
export function pollProgress(ctx: Context, label: (subject: string) => string): {
  update: (percent: number | undefined, status: string, subject: string) => void;
  done: () => void;
} {
  const progress = ctx.progress();
  return {
    update: (percent, status, subject) =>
      progress.update(Math.round(percent ?? 0), 100, `${label(subject)}: ${status}`),
    done: () => progress.done(),
  };
}

/** Prints an import that did not fail (a failed one is thrown by lib): succeeded, or still running. */
export function renderImport(ctx: Context, status: ImportStatus): void {
  ctx.out.result(status, (status, out) => {
    if (status.state === "succeeded") {
      out.success(`Imported ${status.solution ?? "the solution"} (import job ${status.importJobId}).`);
    }
    out.print(status, { columns: ["importJobId", "state", "progress", "solution", "completedOn"] });
  });
}
