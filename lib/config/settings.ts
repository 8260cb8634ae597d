/**
 * Settings and where their effective values come from. Precedence, highest first: a command-line flag,
 * an environment variable, the selected profile, the config file's top level, the built-in default.
 * `ppx config list` shows the winner and its source; commands call `resolveSetting` for their values.
 *
 * @module
 */

import { type Env, firstEnv } from "../env.ts";
import { UsageError } from "../errors.ts";
import { cloudByName } from "../auth/entra/clouds.ts";
import { normalizeHost } from "./profiles.ts";
import type { ConfigData, Profile } from "./schema.ts";

/** One setting. */
export interface SettingDef {
  /** The name users type (`ppx config get dataverse_host`). */
  key: string;
  /** The top-level key in config.json. */
  fileKey: string;
  /** The flag that overrides it, where one exists. */
  flag?: string;
  /** Environment variables that override the file, first wins. */
  env?: string[];
  /** The profile field that overrides the file's top level. */
  profileField?: string;
  /** Built-in default. */
  defaultValue?: string;
  /** Allowed values, when closed. */
  choices?: string[];
  /** What it does. */
  description: string;
  /** Normalises and validates a value being set. */
  normalize?: (value: string) => string;
}

/** The settings ppx knows. */
export const SETTINGS: readonly SettingDef[] = [
  {
    key: "default_profile",
    fileKey: "default",
    flag: "--profile",
    env: ["PPX_PROFILE"],
    description: "profile used when --profile is not given",
  },
  {
    key: "dataverse_host",
    fileKey: "dataverse_host",
    flag: "--dataverse-host",
    env: ["DATAVERSE_HOST"],
    profileField: "dataverse_host",
    description: "Dataverse organisation host, e.g. contoso.crm.dynamics.com",
    normalize: normalizeHost,
  },
  {
    key: "environment_id",
    fileKey: "environment_id",
    flag: "--environment-id",
    env: ["PPX_ENVIRONMENT_ID"],
    profileField: "environment_id",
    description: "Power Platform environment id",
  },
  {
    key: "cloud",
    fileKey: "cloud",
    profileField: "cloud",
    defaultValue: "public",
    // The names --cloud and the profile use; the aliases clouds.ts knows (dod, gcc, gcchigh, mooncake...)
    // are stored as those names.
    choices: ["public", "usgov", "usgovhigh", "usgovdod", "china"],
    normalize: canonicalCloud,
    description: "Microsoft cloud to sign in to",
  },
  {
    key: "token_storage",
    fileKey: "token_storage",
    defaultValue: "auto",
    choices: ["auto", "secure", "insecure"],
    description: "where tokens go: auto (keyring, else encrypted, else plaintext with a warning), " +
      "secure (refuse plaintext), insecure (config file, no keyring)",
  },
];

/** Where an effective value came from. */
export type SettingSource = "flag" | "env" | "profile" | "file" | "default" | "unset";

/** An effective value and its origin. */
export interface ResolvedSetting {
  /** The setting's name. */
  key: string;
  /** The effective value, or null when unset. */
  value: string | null;
  /** Which layer supplied it. */
  source: SettingSource;
  /** The flag, variable or profile that supplied it. */
  from?: string;
}

/** What a setting is resolved against. */
export interface SettingInputs {
  /** The loaded config. */
  doc: ConfigData;
  /** The environment (for env overrides). */
  env: Env;
  /** Flag values by flag name (`--dataverse-host`), as the command parsed them. */
  flags?: Record<string, string | undefined>;
}

/** Looks a setting up by key; UsageError naming the known keys otherwise. */
export function settingDef(key: string): SettingDef {
  const def = SETTINGS.find((s) => s.key === key || s.fileKey === key);
  if (!def) {
    throw new UsageError(`Unknown setting '${key}'.`, {
      hint: `Settings: ${SETTINGS.map((s) => s.key).join(", ")}.`,
    });
  }
  return def;
}

/** The profile selected by flag, env or the file's default (undefined when none or unknown). */
export function selectedProfile(inputs: SettingInputs): { name: string; profile?: Profile } | undefined {
  const name = inputs.flags?.["--profile"] ?? firstEnv(inputs.env, "PPX_PROFILE") ?? inputs.doc.default ??
    undefined;
  return name ? { name, profile: inputs.doc.profiles[name] } : undefined;
}

/** The effective value of one setting and its source. */
export function resolveSetting(key: string, inputs: SettingInputs): ResolvedSetting {
  const def = settingDef(key);
  const k = def.key;
  const flag = def.flag ? inputs.flags?.[def.flag] : undefined;
  if (flag) return { key: k, value: flag, source: "flag", from: def.flag };
  for (const name of def.env ?? []) {
    const v = firstEnv(inputs.env, name);
    if (v) return { key: k, value: v, source: "env", from: name };
  }
  if (def.profileField) {
    const selected = selectedProfile(inputs);
    const v = selected?.profile?.[def.profileField];
    if (typeof v === "string" && v !== "") {
      return { key: k, value: v, source: "profile", from: selected!.name };
    }
  }
  const fileValue = inputs.doc[def.fileKey];
  if (typeof fileValue === "string" && fileValue !== "") return { key: k, value: fileValue, source: "file" };
  if (def.defaultValue !== undefined) return { key: k, value: def.defaultValue, source: "default" };
  return { key: k, value: null, source: "unset" };
}

/** Validates and normalises a value for `ppx config set`. */
export function checkSettingValue(def: SettingDef, value: string): string {
  const normalized = def.normalize ? def.normalize(value) : value;
  if (def.choices && !def.choices.includes(normalized)) {
    throw new UsageError(`'${value}' is not a valid value for ${def.key}.`, {
      hint: `Use one of: ${def.choices.join(", ")}.`,
    });
  }
  return normalized;
}

/** A cloud alias as its canonical name; anything unknown is left for the choices check to refuse. */
function canonicalCloud(value: string): string {
  if (!value.trim()) return value;
  try {
    return cloudByName(value).name;
  } catch {
    return value;
  }
}
