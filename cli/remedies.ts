/**
 * Words the remedies lib/ errors carry (`lib/auth/remedy.ts`) as hints naming ppx's flags and commands:
 * lib/ knows what is wrong and what would fix it, the CLI knows how that is typed.
 *
 * @module
 */

import {
  type FixTopic,
  type Remedy,
  remedyOf,
  type RemedyOption,
  setRemedyWording,
} from "../lib/auth/remedy.ts";
import type { PpxError } from "../lib/errors.ts";
import { ENTRA_HINTS } from "./entra_hints.ts";

/** The flag of each option a remedy can name. */
export const OPTION_FLAGS: Record<RemedyOption, string> = {
  clientId: "--client-id",
  hostname: "--hostname",
  web: "--web",
  device: "--device",
  redirectUri: "--redirect-uri",
  clientSecretEnv: "--client-secret-env",
  audience: "--audience",
};

/** The words of each `fix` remedy; `profile` and `value` as the error carries them. */
export const FIX_HINTS: Record<FixTopic, (r: { profile?: string; value?: string }) => string> = {
  "entra.recreate-app": (r) => `Recreate it: ppx auth create ${r.profile} --tenant-id ... --client-id ...`,
  "entra.store-secret": (r) =>
    `Store one: ppx auth create ${r.profile} --flow client-credential --prompt-secret ...`,
  "entra.certificate-path": (r) => `Pass --certificate PATH to ppx auth create ${r.profile}.`,
  "entra.certificate-file": () => "Check the path given with --certificate.",
  "entra.federated-file": () => "Pass --federated-token-file or set AZURE_FEDERATED_TOKEN_FILE.",
  "entra.github-profile": () =>
    "Pass --profile with an Azure profile (see `ppx auth list`), or create one with `ppx auth create`.",
  "entra.no-credentials": (r) =>
    (r.value
      ? `Your default profile '${r.value}' signs in with GitHub; this command needs an Azure ` +
        "(Microsoft Entra) profile. "
      : "") +
    "Sign in with `ppx auth create NAME` (or `ppx auth login`), pass --profile, or set PPX_ACCESS_TOKEN " +
    "or AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET (see `ppx help environment`).",
  "discovery.unreachable": () => "Check the network, proxy (HTTPS_PROXY) and --cloud/--authority settings.",
  "discovery.tenant": () =>
    "Check --tenant-id (a GUID or verified domain) and --cloud: sovereign-cloud tenants live on their own host.",
  "discovery.metadata": () => "Check --authority / --cloud / AZURE_AUTHORITY_HOST and --tenant-id.",
  "discovery.http": () => "Plain http is accepted only for loopback addresses; check --authority.",
  "keyring.timeout": () =>
    "Unlock your keyring and try again, or store credentials elsewhere (see `ppx help environment`).",
  "github.check-app": () =>
    "Check --client-id (the app's Client ID, not its numeric App ID) and the client secret on the app's settings page.",
  "github.device-disabled": () =>
    "Tick 'Enable Device Flow' in the app's settings on GitHub, or sign in with --web instead.",
  "github.proxy": () =>
    "A proxy may be rewriting the request; run with --debug and report it if it persists.",
  "github.redirect": () =>
    "Register http://127.0.0.1/callback as the callback URL (any port is accepted for loopback), or pass --redirect-uri with the registered URL.",
  "github.debug": () => "Add --debug to see the exchange with secrets redacted.",
  "github.no-token": () =>
    "Sign in with `ppx auth github <profile>`, or set GH_TOKEN (e.g. GH_TOKEN: ${{ github.token }} in Actions).",
  "github.not-github": () => "Check --hostname; run with --debug to see the answer with secrets redacted.",
  "github.other-host": () => "Check --client-id and --hostname, or sign in with --web.",
  "github.login-page": () =>
    "Check --hostname: it must point at GitHub or GitHub Enterprise Server, not at a proxy's login page.",
  "github.api-path": () => "Check --hostname: GitHub Enterprise Server serves its API under /api/v3.",
  "github.web-secret": () =>
    "Pass --client-secret-env <VAR> (or answer the prompt), or use the device flow (--device).",
  "github.web-paste": () => "Run in a terminal, or use the device flow (--device).",
  "entra.no-browser": () => "Use --flow device, or set BROWSER / PPX_BROWSER to a command that opens URLs.",
  "entra.cloud": () =>
    "Use one of: public, usgov, usgovhigh, usgovdod, china (or --authority URL for another host).",
  "keyring.elsewhere": () =>
    "Try again; if it persists, store credentials elsewhere (--insecure-storage or an encryption key).",
  "keyvault.no-credentials": () =>
    "Sign in (`ppx auth login`) or set PPX_ACCESS_TOKEN to a token for https://vault.azure.net.",
  "config.no-profiles": () => "There are no profiles yet: sign in with `ppx auth login`.",
  "config.profile-taken": (r) =>
    `Delete it first (\`ppx profile delete ${r.profile}\`) or pick another name.`,
  "entra.certificate-password": () => "Set the password variable named by --certificate-password-env.",
  "entra.pfx-password": () =>
    "Set the password variable named by --certificate-password-env (empty for none).",
  "entra.federated-file-unreadable": () =>
    "Check AZURE_FEDERATED_TOKEN_FILE / --federated-token-file and that the platform mounted the token.",
  "entra.mi-unsupported": (r) =>
    `This host's managed identity cannot issue tokens for ${r.value}; use a service principal (--flow certificate or federated) for it.`,
  "entra.mi-assignment": () =>
    "Check that the identity is assigned to this resource and, for a user-assigned identity, that --managed-identity-client-id is right.",
  "entra.mi-unavailable": () =>
    "Managed identity works only on Azure hosts (VM, App Service, Functions, Container Apps, AKS). Elsewhere use another --flow.",
  "entra.devops-oidc": () =>
    "Map SYSTEM_ACCESSTOKEN into the step (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)) and name the service connection with --service-connection-id or AZURESUBSCRIPTION_SERVICE_CONNECTION_ID.",
  "entra.login-required": (r) => `Sign in with \`ppx auth login${r.profile ? ` ${r.profile}` : ""}\`.`,
  "storage.insecure-refused": () =>
    "Fix the OS keyring, or set PACX_CONFIG_ENCRYPTION_KEY to encrypt the config file, " +
    "or drop --secure-storage to accept a plaintext file readable only by you.",
  "config.newer": () => "Upgrade ppx (`ppx upgrade`) before changing the config.",
  "github.pick-profile": (r) =>
    `Pick a GitHub profile with --profile, or create one with \`ppx auth github ${r.profile}-github\`.`,
};

/** The hint for one remedy. */
export function remedyHint(remedy: Remedy): string {
  switch (remedy.action) {
    case "github-sign-in":
      return remedy.option === "clientId"
        ? `Pass the app's Client ID: ppx auth github ${remedy.profile} --client-id <CLIENT_ID>`
        : `Run \`ppx auth github ${remedy.profile}\` to (re)authenticate.`;
    case "github-other-name":
      return `Choose another name, e.g. \`ppx auth github ${remedy.profile}-github\`, or delete it first.`;
    case "github-profile":
      return `Sign it in with \`ppx auth github ${remedy.profile}\`.`;
    case "entra-create":
      return "Create one: ppx auth create NAME --tenant-id TENANT (see `ppx auth create --help`).";
    case "drop-option":
      return `Drop ${OPTION_FLAGS[remedy.option]} for ${remedy.provider === "github" ? "GitHub" : "Azure"}.`;
    case "entra":
      return ENTRA_HINTS[remedy.topic]?.(remedy) ?? "Run again with --debug for the full response.";
    case "fix":
      return FIX_HINTS[remedy.topic](remedy);
    case "debug":
      return remedy.what === "response"
        ? "Run again with --debug for the full response."
        : "Run again with --debug for details.";
    case "pass-option":
      return remedy.option === "clientId"
        ? "Pass --client-id <CLIENT_ID>."
        : `Pass ${OPTION_FLAGS[remedy.option]}.`;
    case "check-options": {
      const flags = remedy.options.map((o) => OPTION_FLAGS[o]);
      return `Check ${flags.join(" and ")}${
        remedy.debug ? "; run with --debug to see the answer with secrets redacted" : ""
      }.`;
    }
  }
}

// Every error that carries a remedy reads its hint in the CLI's words from here on (see lib/auth/remedy.ts).
setRemedyWording(remedyHint);

/** The hint to print for an error: its remedy worded, else its own hint. */
export function hintOf(error: PpxError): string | undefined {
  const remedy = remedyOf(error);
  return remedy ? remedyHint(remedy) : error.hint;
}
