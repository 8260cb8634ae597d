/**
 * `ppx auth create NAME`: create (or replace) a Microsoft Entra profile and sign it in. Keeps the PACX
 * options and accepts pac's names (`--applicationId`, `--clientSecret`, `--certificateDiskPath`,
 * `--deviceCode`, `--githubFederated`, `--managedIdentity`...).
 */

import { Command } from "@commander-js/extra-typings";
import type { NewProfileSecret } from "../../../lib/auth/create_profile.ts";
import type { Profile } from "../../../lib/config/schema.ts";
import type * as EntraProfile from "../../../lib/auth/entra/profile.ts";
import { AuthError, UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { entraInteraction } from "./entra_deps.ts";

const HELP = `
Flows (--flow):
  web                browser sign-in (authorization code + PKCE on a 127.0.0.1 port);
                     falls back to a device code when no browser can be opened
  device             device code: open the URL shown on stderr on any device and enter the code
  client-credential  app secret (--client-secret-env VAR, --prompt-secret, --secret-backend/--secret-ref)
  certificate        app certificate: --certificate FILE (PEM with key, or PFX) [--certificate-password-env VAR]
  federated          workload identity: GitHub Actions OIDC (default), --federated-token-file FILE,
                     or --azure-devops-federated [--service-connection-id ID]
  managed-identity   the Azure host's identity [--managed-identity-client-id ID]

Examples:
  ppx auth create work --tenant-id contoso.onmicrosoft.com --environment https://contoso.crm.dynamics.com
  ppx auth create ci --flow client-credential --tenant-id $TENANT --client-id $APP --client-secret-env APP_SECRET
  ppx auth create ci --flow certificate --tenant-id $TENANT --client-id $APP --certificate ./app.pfx \\
      --certificate-password-env PFX_PASSWORD
  ppx auth create gh --githubFederated --tenant $TENANT --applicationId $APP --no-login
  ppx auth create mi --managedIdentity --managed-identity-client-id $UAMI_CLIENT_ID
`;

/** What the emulator tells users at start, for an `auth create` against it that lacks a part. */
const EMULATOR_HINT =
  "`ppx emulator start` prints the whole sign-in line (--tenant-id, --client-id) and this run's " +
  "app secret (export PPX_EMULATOR_CLIENT_SECRET=...); with --token-file FILE it also writes them to FILE.env " +
  "(`. FILE.env`).";

/** A loopback http authority: the ppx emulator (or another local stand-in). */
function emulatorAuthority(authority: string | undefined): boolean {
  return !!authority && /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i.test(authority);
}

/** Options of `auth create` (also used by the deprecated aliases). */
export interface CreateOptions {
  tenantId?: string;
  clientId?: string;
  scope?: string[];
  flow?: string;
  dataverseHost?: string;
  environment?: string;
  clientSecretEnv?: string;
  clientSecret?: string;
  secretBackend?: string;
  secretRef?: string;
  promptSecret?: boolean;
  setDefault?: boolean;
  cloud?: string;
  authority?: string;
  certificate?: string;
  certificatePasswordEnv?: string;
  certificatePassword?: string;
  federatedTokenFile?: string;
  azureDevopsFederated?: boolean;
  serviceConnectionId?: string;
  managedIdentityClientId?: string;
  managedIdentityObjectId?: string;
  managedIdentityResourceId?: string;
  deviceCode?: boolean;
  githubFederated?: boolean;
  managedIdentity?: boolean;
  login?: boolean;
  browser?: boolean;
  secureStorage?: boolean;
  insecureStorage?: boolean;
}

type EntraProfileModule = typeof EntraProfile;

function splitScopes(values: string[] | undefined): string[] | undefined {
  const out = (values ?? []).flatMap((v) => v.split(/[,\s]+/)).filter(Boolean);
  return out.length ? out : undefined;
}

function chooseFlow(o: CreateOptions, { ENTRA_FLOWS, normalizeFlow }: EntraProfileModule): string {
  const flags = [
    o.deviceCode && "device",
    o.githubFederated && "federated",
    o.azureDevopsFederated && "federated",
    o.managedIdentity && "managed-identity",
  ].filter(Boolean) as string[];
  if (o.flow) {
    const flow = normalizeFlow(o.flow);
    if (!flow) {
      throw new UsageError(`Unknown flow '${o.flow}'.`, {
        hint: `Use one of: web, ${ENTRA_FLOWS.filter((f) => f !== "browser").join(", ")}.`,
      });
    }
    return flow;
  }
  if (flags.length) return flags[0];
  if (o.certificate) return "certificate";
  if (o.clientSecretEnv || o.clientSecret || o.promptSecret || o.secretRef) return "client-credential";
  if (o.federatedTokenFile) return "federated";
  if (o.managedIdentityClientId || o.managedIdentityObjectId || o.managedIdentityResourceId) {
    return "managed-identity";
  }
  return "browser";
}

/** Options of `auth create`: the profile name and its flags, pac's aliases folded in. */
export interface AuthCreateOptions extends CreateOptions {
  /** The profile to create or replace. */
  name: string;
}

/**
 * Checks the flags against each other, builds the Entra profile and the secrets it keeps (asking for a
 * secret with --prompt-secret), then hands them to `createProfile` with the Entra sign-in as its step.
 */
export async function runAuthCreate(options: AuthCreateOptions, ctx: Context): Promise<void> {
  const { name, ...o } = options;
  // The use-case and the profile module (which reaches the credentials: oauth4webapi) load when the command
  // runs, not for `ppx auth --help` (ADR 0023).
  const [
    { checkProfileName, normalizeHost },
    entra,
    { cloudByName },
    { checkAuthorityUrl },
    { resolveStoragePolicy },
    { parseSecretSpec },
    { createProfile },
  ] = await Promise.all([
    import("../../../lib/config/profiles.ts"),
    import("../../../lib/auth/entra/profile.ts"),
    import("../../../lib/auth/entra/clouds.ts"),
    import("../../../lib/auth/entra/authority.ts"),
    import("../../../lib/auth/secrets/policy.ts"),
    import("../../../lib/auth/secrets/spec.ts"),
    import("../../../lib/auth/create_profile.ts"),
  ]);
  checkProfileName(name);
  const flow = chooseFlow(o, entra);
  const cloud = o.cloud ? cloudByName(o.cloud).name : undefined;
  if (o.authority) checkAuthorityUrl(o.authority);
  const appFlow = flow === "client-credential" || flow === "certificate" || flow === "federated";
  const emulator = emulatorAuthority(o.authority);
  if (appFlow && (!o.tenantId || !o.clientId)) {
    throw new UsageError(`--flow ${flow} needs --tenant-id and --client-id.`, {
      hint: emulator
        ? EMULATOR_HINT
        : "Pass the app registration's Directory (tenant) ID and Application (client) ID.",
    });
  }
  const secretVar = o.clientSecretEnv;
  if (
    flow === "client-credential" && secretVar && !o.clientSecret && !o.promptSecret && o.login !== false &&
    !ctx.env.get(secretVar)
  ) {
    throw new AuthError(
      `${secretVar} is not set: --client-secret-env names the variable holding the app's secret.`,
      {
        code: "auth.profile-incomplete",
        hint: emulator
          ? `Set ${secretVar} to the emulator app's secret. ${EMULATOR_HINT}`
          : `Set ${secretVar} to the secret's value and run this again, or add --no-login to save the profile only.`,
      },
    );
  }
  if (flow === "certificate" && !o.certificate) {
    throw new UsageError("--flow certificate needs --certificate FILE (PEM with its key, or PFX).");
  }
  const secretOptions = o.clientSecretEnv || o.clientSecret || o.promptSecret || o.secretBackend ||
    o.secretRef;
  if (secretOptions && flow !== "client-credential") {
    ctx.out.warn("Secret options are ignored unless --flow client-credential is selected.");
  }
  const host = o.dataverseHost ?? o.environment;
  const profile: Profile = {
    name,
    provider: "azure",
    tenant_id: o.tenantId ?? null,
    client_id: o.clientId ?? null,
    flow,
    ...(cloud ? { cloud } : {}),
    ...(o.authority ? { authority: o.authority } : {}),
    ...(splitScopes(o.scope) ? { scopes: splitScopes(o.scope) } : {}),
    ...(host ? { dataverse_host: normalizeHost(host) } : {}),
  };
  const secrets: NewProfileSecret[] = [];
  const storage = resolveStoragePolicy(o, (await ctx.config()).token_storage as string | undefined);
  if (flow === "client-credential") {
    if (o.clientSecret) {
      ctx.out.warn(
        "A secret on the command line is visible in shell history and process lists; prefer --client-secret-env or --prompt-secret.",
      );
    }
    let secret = o.clientSecret;
    if (!secret && o.promptSecret) {
      secret = await ctx.prompter.secret(`Client secret for app ${o.clientId}`, {
        flag: "--client-secret-env VAR",
      });
    }
    if (secret && o.secretBackend && o.secretBackend !== "keyring") {
      throw new UsageError("--prompt-secret / --clientSecret store the secret in the keyring.", {
        hint: "Drop --secret-backend, or point --secret-ref at an existing env/keyvault secret.",
      });
    }
    if (secret) {
      secrets.push(
        o.secretRef && o.secretBackend === "keyring"
          ? { purpose: "client_secret", value: secret, spec: `keyring:${o.secretRef}` }
          : { purpose: "client_secret", value: secret, name: entra.entraSecretNames(name).clientSecret },
      );
    } else if (o.clientSecretEnv) {
      secrets.push({ purpose: "client_secret", ref: `env:${o.clientSecretEnv}` });
    } else if (o.secretBackend && o.secretRef) {
      const ref = `${o.secretBackend.toLowerCase()}:${o.secretRef}`;
      parseSecretSpec(ref);
      secrets.push({ purpose: "client_secret", ref });
    } else {
      throw new UsageError("--flow client-credential needs a secret.", {
        hint: emulator
          ? EMULATOR_HINT
          : "Pass --client-secret-env VAR, --prompt-secret, or --secret-backend keyring|keyvault|env --secret-ref REF.",
      });
    }
  }
  if (flow === "certificate") {
    profile.certificate_path = await Deno.realPath(o.certificate!).catch(() => o.certificate!);
    if (o.certificatePasswordEnv) {
      secrets.push({ purpose: "certificate_password", ref: `env:${o.certificatePasswordEnv}` });
    } else if (o.certificatePassword) {
      ctx.out.warn(
        "A password on the command line is visible in shell history; prefer --certificate-password-env.",
      );
      secrets.push({
        purpose: "certificate_password",
        value: o.certificatePassword,
        name: `entra-certificate-password:${name}`,
        quiet: true,
      });
    }
  }
  if (flow === "federated") {
    if (o.federatedTokenFile) {
      profile.federated_source = "file";
      profile.federated_token_file = o.federatedTokenFile;
    } else if (o.azureDevopsFederated) {
      profile.federated_source = "azure-devops";
      if (o.serviceConnectionId) profile.service_connection_id = o.serviceConnectionId;
    } else profile.federated_source = "github";
  }
  if (flow === "managed-identity") {
    if (o.managedIdentityClientId) profile.managed_identity_client_id = o.managedIdentityClientId;
    if (o.managedIdentityObjectId) profile.managed_identity_object_id = o.managedIdentityObjectId;
    if (o.managedIdentityResourceId) profile.managed_identity_resource_id = o.managedIdentityResourceId;
  }

  const created = await createProfile({ profile, secrets, setDefault: o.setDefault, login: o.login }, {
    config: ctx.configStore,
    secrets: ctx.secrets,
    storage,
    signIn: async (saved) => {
      // The sign-in flows (oauth4webapi, node:async_hooks) load when a profile signs in, not for `--help`
      // (ADR 0023).
      const { loginProfile } = await import("../../../lib/auth/entra/login.ts");
      return loginProfile(
        { ...ctx.entraDeps(), storage },
        saved,
        entraInteraction(ctx, { browser: o.browser }),
      );
    },
  });
  for (const w of created.warnings) ctx.out.warn(w);
  for (const n of created.notices) ctx.out.notice(n);
  const signIn = created.signIn;
  if (signIn.status === "skipped") {
    ctx.out.result(
      { profile: name, flow, default: created.default, signedIn: false },
      `Profile ${name} saved (${flow}); sign in later with \`ppx auth login ${name}\`.`,
    );
    return;
  }
  if (signIn.status === "failed") {
    ctx.out.notice(
      `Profile ${name} is saved but not signed in${
        signIn.restoredDefault ? `; the default profile is still ${signIn.restoredDefault}` : ""
      }. Retry with \`ppx auth login ${name}\`, or remove it with \`ppx auth delete ${name}\`.`,
    );
    throw signIn.error;
  }
  const result = signIn.result;
  for (const w of result.warnings) ctx.out.warn(w);
  for (const n of result.notices) ctx.out.notice(n);
  ctx.out.result(
    {
      profile: name,
      flow,
      default: created.default,
      signedIn: true,
      account: result.account ?? null,
      tenant: result.tenant ?? null,
      expiresAt: new Date(result.expiresAt).toISOString(),
    },
    `Profile ${name} signed in${result.account ? ` as ${result.account}` : ""}${
      created.default ? " and set as the default" : ""
    }.`,
  );
}

/** Adds the create options (and pac-style aliases) to a command. */
export function withCreateOptions(command: Command<[string], Record<string, never>>) {
  return command
    .option("--tenant-id <id>", "Directory (tenant) ID or verified domain")
    .option("--client-id <id>", "Application (client) ID (default for people: the Azure CLI app)")
    .option(
      "-s, --scope <scope...>",
      "scope(s) to sign in for (default: the Dataverse host, else the Power Platform API)",
    )
    .option("--flow <flow>", "web | device | client-credential | certificate | federated | managed-identity")
    .option("--dataverse-host <host>", "Dataverse host of this profile, e.g. contoso.crm.dynamics.com")
    .option("--environment <url>", "Dataverse environment URL (same as --dataverse-host)")
    .option("--client-secret-env <var>", "read the client secret from this environment variable")
    .option("--secret-backend <backend>", "where the secret lives: keyring | keyvault | env")
    .option(
      "--secret-ref <ref>",
      "the secret's reference in that backend (SERVICE:USER, VAULT_URL:NAME, VAR)",
    )
    .option("--prompt-secret", "ask for the secret (hidden) and keep it in the OS keyring")
    .option("--no-prompt-secret", "do not ask for the secret (default)")
    .option("--cloud <cloud>", "public | usgov | usgovhigh | usgovdod | china")
    .option("--authority <url>", "sign-in authority URL (another cloud or OpenID provider)")
    .option("--certificate <file>", "certificate: PEM with its private key, or PFX")
    .option("--certificate-password-env <var>", "environment variable holding the PFX / key password")
    .option(
      "--federated-token-file <file>",
      "federated: read the token from this file (re-read when it changes)",
    )
    .option("--azure-devops-federated", "federated: Azure DevOps service connection OIDC")
    .option("--service-connection-id <id>", "Azure DevOps service connection id")
    .option("--managed-identity-client-id <id>", "user-assigned managed identity by client id")
    .option("--managed-identity-object-id <id>", "user-assigned managed identity by object id")
    .option("--managed-identity-resource-id <id>", "user-assigned managed identity by resource id")
    .option("--set-default", "make it the default profile (default)")
    .option("--no-set-default", "leave the default profile as it is")
    .option("--no-login", "save the profile without signing in")
    .option("--no-browser", "never open a browser (use a device code)")
    .option("--secure-storage", "refuse to store tokens in plaintext")
    .option("--insecure-storage", "store tokens in the config file instead of the OS keyring")
    .option("--tenant <id>", "pac alias of --tenant-id")
    .option("--applicationId <id>", "pac alias of --client-id")
    .option("--clientSecret <secret>", "pac: the secret itself (discouraged: visible in shell history)")
    .option("--certificateDiskPath <file>", "pac alias of --certificate")
    .option("--certificatePassword <password>", "pac: the certificate password itself (discouraged)")
    .option("--deviceCode", "pac alias of --flow device")
    .option("--githubFederated", "pac alias of --flow federated (GitHub Actions OIDC)")
    .option("--azureDevOpsFederated", "pac alias of --azure-devops-federated")
    .option("--managedIdentity", "pac alias of --flow managed-identity");
}

/** The pac-style aliases as commander parses them, beside the canonical options. */
export interface CreateAliasFlags extends CreateOptions {
  tenant?: string;
  applicationId?: string;
  certificateDiskPath?: string;
  azureDevOpsFederated?: boolean;
}

/** Folds the pac-style aliases into the canonical options. */
export function mergeAliases(raw: CreateAliasFlags): CreateOptions {
  const { tenant, applicationId, certificateDiskPath, azureDevOpsFederated, ...o } = raw;
  return {
    ...o,
    tenantId: o.tenantId ?? tenant,
    clientId: o.clientId ?? applicationId,
    certificate: o.certificate ?? certificateDiskPath,
    azureDevopsFederated: o.azureDevopsFederated || azureDevOpsFederated === true,
  };
}

/** Builds `ppx auth create`. */
export default function authCreate(app: App, runF: RunF<AuthCreateOptions> = runAuthCreate) {
  return withCreateOptions(
    new Command("create")
      .description("Create a Microsoft Entra profile and sign in (unless --no-login)")
      .argument("<name>", "profile name"),
  )
    .addHelpText("after", HELP)
    .action(async (name, options, command) => {
      await runF({ name, ...mergeAliases(options) }, app.context(command));
    });
}
