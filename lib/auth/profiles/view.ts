/**
 * The read-only profile use-cases of `ppx profile list` and `ppx profile show`: what each profile is and
 * where its secrets live, never a secret.
 *
 * @module
 */

import { getProfile, isDefaultProfile, profileNames, selectProfile } from "../../config/profiles.ts";
import type { ConfigData, Profile } from "../../config/schema.ts";
import type { SecretLocation } from "../secrets/store.ts";

/** One row of {@link listProfiles}. */
export interface ProfileRow {
  /** Whether it is the default profile of its provider. */
  default: boolean;
  /** The profile name. */
  name: string;
  /** `azure` or `github`. */
  provider: Profile["provider"];
  /** The sign-in flow, null when not recorded. */
  flow: string | null;
  /** The Entra tenant, null for none. */
  tenant_id: string | null;
  /** The profile's Dataverse host, null for none. */
  dataverse_host: string | null;
  /** The account of the last sign-in, null before one. */
  account: string | null;
}

/** Options of {@link listProfiles}: none. */
export type ListProfilesOptions = Record<never, never>;

/** Every profile, sorted by name, the defaults marked. */
export function listProfiles(_options: ListProfilesOptions, deps: { doc: ConfigData }): ProfileRow[] {
  const doc = deps.doc;
  return profileNames(doc).map((name) => {
    const p = doc.profiles[name];
    return {
      default: isDefaultProfile(doc, name),
      name,
      provider: p.provider,
      flow: p.flow ?? null,
      tenant_id: p.tenant_id ?? null,
      dataverse_host: p.dataverse_host ?? null,
      account: p.token?.account ?? null,
    };
  });
}

/** Options of {@link showProfile}. */
export interface ShowProfileOptions {
  /** The profile to show; the default profile when undefined. */
  name?: string;
}

/** What {@link showProfile} needs: the config and where secrets live. */
export interface ShowProfileDeps {
  /** The config as loaded. */
  doc: ConfigData;
  /** Describes where each secret of a profile is kept (never reads one). */
  secrets: { describeProfile(doc: ConfigData, profile: Profile): SecretLocation[] };
}

/** A profile's settings and where its secrets live. */
export interface ProfileDetails {
  /** The profile name. */
  name: string;
  /** Whether it is its provider's default. */
  default: boolean;
  /** `azure` or `github`. */
  provider: Profile["provider"];
  /** Every other setting, null when not set (see the user manual's `profile show`). */
  flow: string | null;
  /** The cloud, null for the public one by default. */
  cloud: string | null;
  /** The Entra tenant. */
  tenant_id: string | null;
  /** The app (client) id. */
  client_id: string | null;
  /** The scopes the profile signs in for. */
  scopes: string[];
  /** The Dataverse host. */
  dataverse_host: string | null;
  /** The default environment id. */
  environment_id: string | null;
  /** The account of the last sign-in. */
  account: string | null;
  /** When the last token expires. */
  token_expires_at: string | null;
  /** The scopes the last token was granted. */
  scopes_granted: unknown;
  /** Where each secret is kept. */
  secrets: { purpose: string; storage: SecretLocation["storage"]; where: string }[];
}

/**
 * The named (else the default) profile's settings and secret locations; undefined when no name is given
 * and there is no default (the CLI says how to pick one). An unknown name is a NotFoundError.
 */
export function showProfile(options: ShowProfileOptions, deps: ShowProfileDeps): ProfileDetails | undefined {
  const { doc } = deps;
  const selected = options.name ?? selectProfile(doc)?.name;
  if (!selected) return undefined;
  const p = getProfile(doc, selected);
  return {
    name: p.name,
    default: isDefaultProfile(doc, p.name),
    provider: p.provider,
    flow: p.flow ?? null,
    cloud: p.cloud ?? null,
    tenant_id: p.tenant_id ?? null,
    client_id: p.client_id ?? null,
    scopes: p.scopes ?? [],
    dataverse_host: p.dataverse_host ?? null,
    environment_id: p.environment_id ?? null,
    account: p.token?.account ?? null,
    token_expires_at: p.token?.expires_at ?? null,
    scopes_granted: p.token?.scopes_granted ?? null,
    secrets: deps.secrets.describeProfile(doc, p).map((s) => ({
      purpose: s.purpose,
      storage: s.storage,
      where: s.where,
    })),
  };
}
