/**
 * Profile operations on a config document. Pure functions: call them inside `ConfigStore.update` so the
 * change is locked and atomic.
 *
 * @module
 */

import { withRemedy } from "../auth/remedy.ts";
import { NotFoundError, UsageError } from "../errors.ts";
import { migrateProfile } from "./migrate.ts";
import type { ConfigData, Profile, Provider } from "./schema.ts";

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Throws a UsageError unless `name` is a usable profile name. */
export function checkProfileName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new UsageError(`'${name}' is not a valid profile name.`, {
      hint: "Use 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.",
    });
  }
}

/** Profile names, sorted. */
export function profileNames(doc: ConfigData): string[] {
  return Object.keys(doc.profiles).sort((a, b) => a.localeCompare(b));
}

/** The named profile, or a NotFoundError listing what exists. */
export function getProfile(doc: ConfigData, name: string): Profile {
  const profile = doc.profiles[name];
  if (!profile) {
    const names = profileNames(doc);
    const error = new NotFoundError(`Profile '${name}' not found.`, {
      hint: names.length ? `Profiles: ${names.join(", ")}.` : undefined,
    });
    throw names.length ? error : withRemedy(error, { action: "fix", topic: "config.no-profiles" });
  }
  return profile;
}

/** The provider a profile signs in with (profiles without one are PACX's Azure profiles). */
export function providerOf(profile: Profile): Provider {
  return profile.provider === "github" ? "github" : "azure";
}

/**
 * The default profile of a provider. There is one per provider, so signing in to GitHub never takes the
 * place of the Azure profile Dataverse commands use: `default` holds the Azure one (as in PACX), and
 * `default_github` the GitHub one. A `default` naming a GitHub profile (written by older ppx) still counts
 * as the GitHub default.
 */
export function defaultProfileName(doc: ConfigData, provider: Provider): string | undefined {
  const is = (name: string | null | undefined): name is string =>
    !!name && !!doc.profiles[name] && providerOf(doc.profiles[name]) === provider;
  if (provider === "github" && is(doc.default_github)) return doc.default_github;
  return is(doc.default) ? doc.default : undefined;
}

/** Whether `name` is the default profile of its provider. */
export function isDefaultProfile(doc: ConfigData, name: string): boolean {
  const profile = doc.profiles[name];
  return !!profile && defaultProfileName(doc, providerOf(profile)) === name;
}

/**
 * The profile a command should use: the explicit name (--profile / PPX_PROFILE), else the default of
 * `provider` (else the Azure default, then the GitHub one, when the command serves both). Undefined when
 * none is set.
 */
export function selectProfile(doc: ConfigData, explicit?: string, provider?: Provider): Profile | undefined {
  const name = explicit ??
    (provider
      ? defaultProfileName(doc, provider)
      : defaultProfileName(doc, "azure") ?? defaultProfileName(doc, "github"));
  return name ? getProfile(doc, name) : undefined;
}

/** Adds or replaces a profile; it becomes its provider's default when asked or when that has none. */
export function upsertProfile(
  doc: ConfigData,
  profile: Partial<Profile> & { name: string },
  options: { setDefault?: boolean } = {},
): Profile {
  checkProfileName(profile.name);
  const merged = migrateProfile(profile.name, { ...doc.profiles[profile.name], ...profile });
  doc.profiles[profile.name] = merged;
  if (options.setDefault || !defaultProfileName(doc, providerOf(merged))) useProfile(doc, profile.name);
  return merged;
}

/** Makes `name` the default profile of its provider; the other provider's default stays. */
export function useProfile(doc: ConfigData, name: string): void {
  const profile = getProfile(doc, name);
  if (providerOf(profile) === "github") {
    doc.default_github = name;
    // An older file kept the GitHub default in `default`: that slot belongs to Azure now.
    if (doc.default && doc.profiles[doc.default] && providerOf(doc.profiles[doc.default]) === "github") {
      doc.default = null;
    }
  } else doc.default = name;
}

/**
 * Removes a profile and the secrets it kept in the file (`config:` references). Returns the removed
 * profile so the caller can clean up secrets kept elsewhere (keyring).
 */
export function deleteProfile(doc: ConfigData, name: string): Profile {
  const profile = getProfile(doc, name);
  delete doc.profiles[name];
  for (const spec of Object.values(profile.secret_refs ?? {})) {
    if (spec.startsWith("config:") && doc.secrets) delete doc.secrets[spec.slice("config:".length)];
  }
  if (doc.default === name) doc.default = null;
  if (doc.default_github === name) doc.default_github = null;
  return profile;
}

/** Renames a profile, keeping it the default if it was. File secrets named after it move with it. */
export function renameProfile(doc: ConfigData, from: string, to: string): Profile {
  const profile = getProfile(doc, from);
  checkProfileName(to);
  if (doc.profiles[to]) {
    throw withRemedy(new UsageError(`Profile '${to}' already exists.`), {
      action: "fix",
      topic: "config.profile-taken",
      profile: to,
    });
  }
  const renamed: Profile = { ...profile, name: to };
  const refs = { ...profile.secret_refs };
  for (const [purpose, spec] of Object.entries(refs)) {
    const secretName = spec.startsWith("config:") ? spec.slice("config:".length) : undefined;
    if (secretName && doc.secrets?.[secretName] !== undefined && secretName.endsWith(`:${from}`)) {
      const moved = secretName.slice(0, -from.length) + to;
      doc.secrets[moved] = doc.secrets[secretName];
      delete doc.secrets[secretName];
      refs[purpose] = `config:${moved}`;
    }
  }
  if (profile.secret_refs) renamed.secret_refs = refs;
  // Keep the key order of the map stable except for the renamed entry.
  const next: Record<string, Profile> = {};
  for (const [name, p] of Object.entries(doc.profiles)) {
    next[name === from ? to : name] = name === from ? renamed : p;
  }
  doc.profiles = next;
  if (doc.default === from) doc.default = to;
  if (doc.default_github === from) doc.default_github = to;
  return renamed;
}

/** Normalises a Dataverse host given as a host name or URL: `org.crm.dynamics.com`. */
export function normalizeHost(input: string): string {
  const trimmed = input.trim();
  // The emulator (and local proxies) are plain http on loopback: keep that scheme, as nothing else
  // would reach them; every other host is https and stored bare, as the Python PACX stores it.
  const loopback = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/i.exec(trimmed);
  if (loopback) return `http://${loopback[1].toLowerCase()}${loopback[2] ?? ""}`;
  let host = trimmed;
  if (/^[a-z]+:\/\//i.test(trimmed)) {
    try {
      host = new URL(trimmed).host;
    } catch {
      host = "";
    }
  } else host = trimmed.replace(/\/.*$/, "");
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d+)?$/.test(host)) {
    throw new UsageError(`'${input}' is not a host name.`, {
      hint: "Give the organisation's host, e.g. contoso.crm.dynamics.com.",
    });
  }
  return host.toLowerCase();
}
