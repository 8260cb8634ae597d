/**
 * Opening a URL in the user's browser: $PPX_BROWSER or $BROWSER first, then the platform opener
 * (xdg-open, wslview, open, start). Returns false instead of throwing when nothing can open it, so the
 * caller can print the URL or fall back to a device code.
 *
 * Permissions: `--allow-run` for the opener.
 *
 * @module
 */

import type { Env } from "../env.ts";

/** Opens URLs in a browser. */
export interface BrowserOpener {
  /** Tries to open the URL; resolves false when no browser could be started. */
  open(url: string): Promise<boolean>;
}

/** Runs a program detached from our stdio; resolves its success. */
export type Launcher = (command: string, args: string[]) => Promise<boolean>;

/** Launches with Deno.Command, ignoring the program's output. */
export const denoLauncher: Launcher = async (command, args): Promise<boolean> => {
  try {
    const child = new Deno.Command(command, { args, stdin: "null", stdout: "null", stderr: "null" }).spawn();
    const status = await child.status;
    return status.success;
  } catch {
    return false;
  }
};

/** The candidate commands for a platform, in the order they are tried. */
export function openerCandidates(
  os: string,
  env: Env,
): { command: string; args: (url: string) => string[] }[] {
  const explicit = env.get("PPX_BROWSER") || env.get("BROWSER");
  const list: { command: string; args: (url: string) => string[] }[] = [];
  if (explicit) {
    // $BROWSER may be a colon-separated list; "%s" marks where the URL goes.
    for (const entry of explicit.split(os === "windows" ? ";" : ":")) {
      const parts = entry.trim().split(/\s+/).filter(Boolean);
      if (!parts.length) continue;
      const [command, ...rest] = parts;
      list.push({
        command,
        args: (url) =>
          rest.some((a) => a.includes("%s")) ? rest.map((a) => a.replace("%s", url)) : [...rest, url],
      });
    }
    return list;
  }
  if (os === "darwin") list.push({ command: "open", args: (u) => [u] });
  else if (os === "windows") {
    list.push({ command: "cmd", args: (u) => ["/c", "start", '""', u.replace(/&/g, "^&")] });
  } else {
    if (env.get("WSL_DISTRO_NAME")) list.push({ command: "wslview", args: (u) => [u] });
    if (env.get("DISPLAY") || env.get("WAYLAND_DISPLAY")) {
      list.push({ command: "xdg-open", args: (u) => [u] });
    }
  }
  return list;
}

/** A browser opener for the given platform and environment. */
export function createBrowserOpener(
  env: Env,
  options: { os?: string; launch?: Launcher } = {},
): BrowserOpener {
  const os = options.os ?? Deno.build.os;
  const launch = options.launch ?? denoLauncher;
  return {
    async open(url) {
      for (const candidate of openerCandidates(os, env)) {
        if (await launch(candidate.command, candidate.args(url))) return true;
      }
      return false;
    },
  };
}
