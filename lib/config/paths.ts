/**
 * Where the config lives: `PPX_CONFIG_DIR`, else `PACX_HOME` (the Python PACX variable), else `~/.pacx`,
 * so an existing PACX user keeps their file. The home directory is passed in, never read here.
 *
 * @module
 */

import { type Env, firstEnv } from "../env.ts";
import { ConfigError } from "../errors.ts";

/** The files of one config directory, and why that directory was chosen. */
export interface ConfigPaths {
  /** The directory (created 0700). */
  dir: string;
  /** `config.json`. */
  file: string;
  /** The lock file serialising read-modify-write. */
  lock: string;
  /** What chose the directory: an env var name, or `default` (~/.pacx). */
  source: "PPX_CONFIG_DIR" | "PACX_HOME" | "default";
}

/** The config file name inside the directory. */
export const CONFIG_FILE_NAME = "config.json";

/** Joins path parts with the separator already used by `base`. */
export function joinPath(base: string, ...parts: string[]): string {
  const sep = base.includes("\\") && !base.includes("/") ? "\\" : "/";
  return [base.replace(/[\\/]+$/, ""), ...parts].join(sep);
}

function expandHome(path: string, homeDir: string | undefined): string {
  if (path === "~" || path.startsWith("~/") || path.startsWith("~\\")) {
    if (!homeDir) {
      throw new ConfigError(`Cannot expand '~' in ${path}: the home directory is unknown.`, {
        hint: "Use an absolute path, or set HOME (USERPROFILE on Windows).",
      });
    }
    return homeDir + path.slice(1);
  }
  return path;
}

/** Resolves the config paths from the environment and the user's home directory. */
export function configPaths(env: Env, homeDir: string | undefined): ConfigPaths {
  let dir: string;
  let source: ConfigPaths["source"];
  const ppx = firstEnv(env, "PPX_CONFIG_DIR");
  const pacx = firstEnv(env, "PACX_HOME");
  if (ppx) [dir, source] = [expandHome(ppx, homeDir), "PPX_CONFIG_DIR"];
  else if (pacx) [dir, source] = [expandHome(pacx, homeDir), "PACX_HOME"];
  else {
    if (!homeDir) {
      throw new ConfigError("Cannot find the config directory: the home directory is unknown.", {
        code: "config.no-home",
        hint: "Set PPX_CONFIG_DIR to a directory for ppx's config, or set HOME (USERPROFILE on Windows).",
      });
    }
    [dir, source] = [joinPath(homeDir, ".pacx"), "default"];
  }
  const file = joinPath(dir, CONFIG_FILE_NAME);
  return { dir, file, lock: `${file}.lock`, source };
}
