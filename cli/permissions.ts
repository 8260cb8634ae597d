/**
 * A Deno permission ppx was not granted, told in one line: which permission, what ppx needed it for, and
 * the flag that grants it (docs/permissions.md). Deno raises `NotCapable`; library code lets it through
 * unchanged (or as the `cause` of its own error) and never retries it.
 */

/** The permission, what it was asked for, and why ppx needs that kind of access. */
const PURPOSE: Record<string, { flag: string; verb: string; why: string }> = {
  env: {
    flag: "--allow-env",
    verb: "read the environment variable",
    why: "global options and credentials come from the environment",
  },
  net: { flag: "--allow-net", verb: "connect to", why: "the cloud endpoints and the local emulator" },
  read: { flag: "--allow-read", verb: "read", why: "config, profiles and input files" },
  write: { flag: "--allow-write", verb: "write", why: "config, output files and reports" },
  run: {
    flag: "--allow-run",
    verb: "run",
    why: "OS keychain helpers, the browser for sign-in, and lock checks",
  },
  sys: { flag: "--allow-sys", verb: "read the system information", why: "platform details" },
  ffi: { flag: "--allow-ffi", verb: "load", why: "native libraries" },
  import: { flag: "--allow-import", verb: "import from", why: "remote modules" },
};

/** The NotCapable error in `error` or its chain of causes, if any. */
export function findPermissionError(error: unknown): Error | undefined {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    if (e instanceof Deno.errors.NotCapable) return e;
    e = e instanceof Error ? e.cause : undefined;
  }
  return undefined;
}

/** One line naming the missing permission, its purpose and flag; undefined when `error` is not one. */
export function describeMissingPermission(error: unknown): string | undefined {
  const found = findPermissionError(error);
  if (!found) return undefined;
  const match = /Requires (\w+) access(?: to "?([^",]*)"?)?/.exec(found.message);
  const kind = match?.[1] ?? "";
  const what = match?.[2];
  const purpose = PURPOSE[kind];
  if (!purpose) {
    return `ppx lacks a Deno permission: ${found.message.replace(/\s+/g, " ")} (see docs/permissions.md).`;
  }
  const target = what ? ` ${what}` : "";
  return `ppx needs ${purpose.flag} to ${purpose.verb}${target} (${purpose.why}); run it with ${purpose.flag} ` +
    `(see docs/permissions.md).`;
}
