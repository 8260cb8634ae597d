/**
 * The update notice: at most one release check a day, only for a person at a terminal — never in CI, never
 * with machine output. The last check is remembered in `update-check.json` in the config folder.
 *
 * Permissions: read and write of the config folder; net for the check itself (done by the caller).
 *
 * @module
 */

import { compareVersions } from "./version_order.ts";

/** What is remembered between runs. */
export interface NoticeState {
  /** When the last check ran (ms since the epoch). */
  checkedAt: number;
  /** The latest version it found. */
  latest?: string;
}

/** Hours between two release checks. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Whether this run may check for a release at all. */
export function noticeAllowed(run: {
  stderrIsTerminal: boolean;
  machineOutput: boolean;
  env: (name: string) => string | undefined;
  compiled: boolean;
}): boolean {
  if (!run.compiled || !run.stderrIsTerminal || run.machineOutput) return false;
  if (run.env("CI") || run.env("GITHUB_ACTIONS") || run.env("TF_BUILD")) return false;
  return !run.env("PPX_NO_UPDATE_NOTIFIER");
}

/** Whether a check is due, given the remembered state (unreadable state counts as "never checked"). */
export function checkDue(stateText: string | undefined, nowMs: number): boolean {
  const state = parseState(stateText);
  return !state || nowMs - state.checkedAt >= CHECK_INTERVAL_MS || state.checkedAt > nowMs;
}

/** `latest` when it is a newer release than `current` (the CLI words the notice); undefined when up to date. */
export function newerRelease(current: string, latest: string | undefined): string | undefined {
  if (!latest) return undefined;
  try {
    if (compareVersions(latest, current) <= 0) return undefined;
  } catch {
    return undefined;
  }
  return latest;
}

/** Parses the remembered state; undefined when missing or damaged. */
export function parseState(text: string | undefined): NoticeState | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    return typeof value?.checkedAt === "number" ? value as NoticeState : undefined;
  } catch {
    return undefined;
  }
}
