/**
 * `tenant settings get KEY.PATH` and `tenant settings set KEY.PATH VALUE`: read the tenant settings
 * (BAP `listtenantsettings`), print or change one value by its dot path, and send the whole object back
 * (`updatetenantsettings`) so fields ppx does not know survive untouched. The value's type must match
 * the setting's current type (a boolean stays a boolean), which catches typos such as `ture`.
 *
 * @module
 */

import { NotFoundError, option, phrase, UsageError } from "../errors.ts";
import { operation } from "./catalog/mod.ts";
import { runOperation, type RunOperationDeps } from "./execute.ts";

type Json = Record<string, unknown>;

function segments(path: string): string[] {
  const parts = path.split(".").map((s) => s.trim());
  if (parts.some((p) => p === "")) {
    throw new UsageError(
      `'${path}' is not a KEY.PATH (e.g. powerPlatform.powerApps.disableShareWithEveryone).`,
    );
  }
  return parts;
}

function lookup(
  settings: Json,
  path: string,
): { found: boolean; value?: unknown; parent: Json; last: string; at: string[] } {
  const parts = segments(path);
  let node: unknown = settings;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = (node as Json)[parts[i]];
    if (!next || typeof next !== "object" || Array.isArray(next)) {
      return { found: false, parent: node as Json, last: parts[i], at: parts.slice(0, i) };
    }
    node = next;
  }
  const parent = node as Json;
  const last = parts.at(-1)!;
  return { found: Object.hasOwn(parent, last), value: parent[last], parent, last, at: parts.slice(0, -1) };
}

function missing(path: string, parent: Json, last: string, at: string[]): NotFoundError {
  const keys = Object.keys(parent);
  const lower = last.toLowerCase();
  const close = keys.filter((k) => k.toLowerCase().includes(lower) || lower.includes(k.toLowerCase()));
  const prefix = at.length ? `${at.join(".")}.` : "";
  return new NotFoundError(`The tenant has no setting '${path}'.`, {
    hint: close.length
      ? `Did you mean ${close.map((k) => prefix + k).join(", ")}?`
      : `Settings${at.length ? ` under ${at.join(".")}` : ""}: ${keys.map((k) => prefix + k).join(", ")}.`,
  });
}

/** The value at `path` (dot separated) in the settings; NotFoundError names the nearby keys. */
export function settingAt(settings: Json, path: string): unknown {
  const r = lookup(settings, path);
  if (!r.found) throw missing(path, r.parent, r.last, r.at);
  return r.value;
}

/** `text` read as the type of `current` (boolean, number, JSON for objects); UsageError when it does not fit. */
export function coerceSetting(path: string, text: string, current: unknown): unknown {
  if (typeof current === "boolean") {
    if (/^(true|false)$/i.test(text.trim())) return /^true$/i.test(text.trim());
    throw new UsageError(`${path} is true or false, not '${text}'.`);
  }
  if (typeof current === "number") {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n)) {
      throw new UsageError(`${path} is a number, not '${text}'.`);
    }
    return n;
  }
  if (current !== null && typeof current === "object") {
    try {
      return JSON.parse(text);
    } catch {
      throw new UsageError(`${path} is ${Array.isArray(current) ? "a list" : "an object"}; give it as JSON.`);
    }
  }
  return text;
}

/** A copy of `settings` with `path` set to `value` (every other field kept as it was). */
export function withSetting(settings: Json, path: string, value: unknown): Json {
  const copy = structuredClone(settings);
  const r = lookup(copy, path);
  r.parent[r.last] = value;
  return copy;
}

async function readSettings(deps: RunOperationDeps): Promise<Json> {
  const r = await runOperation(operation("tenant.settings.show"), {}, deps);
  if (r.kind !== "done") throw new Error(`unexpected ${r.kind} from listtenantsettings`);
  return (r.body ?? {}) as Json;
}

/** Options of `tenant settings get`. */
export interface TenantSettingsGetOptions {
  /** Dot path of one setting; every setting when absent. */
  key?: string;
}

/** `tenant settings get [KEY.PATH]`: one value, or the whole object. */
export async function runTenantSettingsGet(
  options: TenantSettingsGetOptions,
  deps: RunOperationDeps,
): Promise<unknown> {
  const settings = await readSettings(deps);
  return options.key ? settingAt(settings, options.key) : settings;
}

/** Options of `tenant settings set`. */
export interface TenantSettingsSetOptions {
  /** Dot path of the setting. */
  key: string;
  /** The value as typed. */
  value: string;
  /** Allow a key the tenant does not have yet (sent as a string unless it parses as JSON). */
  allowNew?: boolean;
}

/** What `tenant settings set` changed. */
export interface TenantSettingChange {
  /** The setting's dot path. */
  key: string;
  /** The value before. */
  before: unknown;
  /** The value sent. */
  after: unknown;
  /** False when the value was already set (nothing was sent). */
  changed: boolean;
}

/** `tenant settings set KEY.PATH VALUE`. */
export async function runTenantSettingsSet(
  options: TenantSettingsSetOptions,
  deps: RunOperationDeps,
): Promise<TenantSettingChange> {
  const settings = await readSettings(deps);
  const r = lookup(settings, options.key);
  let after: unknown;
  if (r.found) after = coerceSetting(options.key, options.value, r.value);
  else if (options.allowNew && r.at.length === segments(options.key).length - 1) {
    try {
      after = JSON.parse(options.value);
    } catch {
      after = options.value;
    }
  } else {
    const e = missing(options.key, r.parent, r.last, r.at);
    throw new NotFoundError(e.message, {
      hint: phrase`${e.hint ? `${e.hint} ` : ""}Add ${
        option("allowNew")
      } to create a setting the tenant lacks.`,
    });
  }
  const changed = JSON.stringify(after) !== JSON.stringify(r.value);
  if (changed) {
    const result = await runOperation(
      operation("tenant.settings.update"),
      { payload: withSetting(settings, options.key, after) },
      deps,
    );
    if (result.kind !== "done") throw new Error(`unexpected ${result.kind} from updatetenantsettings`);
  }
  return { key: options.key, before: r.value, after, changed };
}
