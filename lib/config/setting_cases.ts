/**
 * The use-cases of `ppx config`: read a setting's effective value, list them all, store or remove one in
 * the config file, and say where that file is. Plain data in and out; the CLI renders.
 *
 * @module
 */

import type { Env } from "../env.ts";
import type { ConfigPaths } from "./paths.ts";
import { getProfile } from "./profiles.ts";
import type { ConfigData } from "./schema.ts";
import { checkSettingValue, type ResolvedSetting, resolveSetting, settingDef, SETTINGS } from "./settings.ts";
import type { ConfigStore } from "./store.ts";

/** What reading settings needs: the loaded config and the environment. */
export interface SettingReadDeps {
  /** The config as loaded for this invocation. */
  doc: ConfigData;
  /** The environment (its variables override the file). */
  env: Env;
}

/** What changing settings needs: the config store (writes are locked and atomic). */
export interface SettingWriteDeps {
  /** The config store. */
  config: ConfigStore;
}

/** Options of {@link getSetting}. */
export interface GetSettingOptions {
  /** The setting's name (or its file key). */
  key: string;
  /** The profile named with `--profile` (not PPX_PROFILE, which counts as the environment). */
  profile?: string;
}

/** A setting's effective value and where it comes from (`value` is null when unset). */
export function getSetting(options: GetSettingOptions, deps: SettingReadDeps): ResolvedSetting {
  return resolveSetting(options.key, {
    doc: deps.doc,
    env: deps.env,
    flags: { "--profile": options.profile },
  });
}

/** Options of {@link listSettings}. */
export interface ListSettingsOptions {
  /** The profile named with `--profile`. */
  profile?: string;
}

/** One row of {@link listSettings}. */
export interface SettingRow {
  /** The setting's name. */
  key: string;
  /** The effective value, null when unset. */
  value: string | null;
  /** Which layer supplied it. */
  source: ResolvedSetting["source"];
  /** The flag, variable or profile that supplied it, null for the file and defaults. */
  from: string | null;
}

/** Every known setting with its effective value and source, in the documented order. */
export function listSettings(options: ListSettingsOptions, deps: SettingReadDeps): SettingRow[] {
  return SETTINGS.map((def) => {
    const r = getSetting({ key: def.key, profile: options.profile }, deps);
    return { key: r.key, value: r.value, source: r.source, from: r.from ?? null };
  });
}

/** Options of {@link setSetting}. */
export interface SetSettingOptions {
  /** The setting's name (or its file key). */
  key: string;
  /** The value as typed (trimmed, normalised and checked here). */
  value: string;
}

/** Stores a setting in the config file; `default_profile` must name an existing profile. */
export async function setSetting(
  options: SetSettingOptions,
  deps: SettingWriteDeps,
): Promise<{ key: string; value: string }> {
  const def = settingDef(options.key);
  const value = checkSettingValue(def, options.value.trim());
  await deps.config.update((doc) => {
    if (def.key === "default_profile") getProfile(doc, value);
    doc[def.fileKey] = value;
  });
  return { key: def.key, value };
}

/** Options of {@link unsetSetting}. */
export interface UnsetSettingOptions {
  /** The setting's name (or its file key). */
  key: string;
}

/** Removes a setting from the config file; `removed` says whether it was there. */
export async function unsetSetting(
  options: UnsetSettingOptions,
  deps: SettingWriteDeps,
): Promise<{ key: string; removed: boolean }> {
  const def = settingDef(options.key);
  const removed = await deps.config.update((doc) => {
    const had = doc[def.fileKey] !== undefined && doc[def.fileKey] !== null;
    if (def.fileKey === "default") doc.default = null;
    else delete doc[def.fileKey];
    return had;
  });
  return { key: def.key, removed };
}

/** Options of {@link configLocation}: none (the store's paths say it all). */
export type ConfigLocationOptions = Record<never, never>;

/** Where the config file is and what chose its directory. */
export function configLocation(
  _options: ConfigLocationOptions,
  deps: { paths: ConfigPaths },
): { file: string; dir: string; source: ConfigPaths["source"] } {
  return { file: deps.paths.file, dir: deps.paths.dir, source: deps.paths.source };
}
