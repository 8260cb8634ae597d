/** Every environment variable ppx reads, for `ppx help environment` and the docs. Keep it complete. */

/** One variable and what it does. */
export interface EnvVarDoc {
  name: string;
  purpose: string;
}

/** The variables, grouped by area. */
export const ENVIRONMENT_VARIABLES: { area: string; vars: EnvVarDoc[] }[] = [
  {
    area: "General",
    vars: [
      { name: "PPX_PROFILE", purpose: "profile to use for this invocation (same as --profile)" },
      { name: "PPX_DEBUG", purpose: "1 = trace HTTP on stderr with secrets redacted (same as --debug)" },
      { name: "PACX_DEBUG", purpose: "legacy name of PPX_DEBUG" },
      { name: "PPX_NO_PROMPT", purpose: "1 = never prompt (same as --no-prompt)" },
      { name: "NO_COLOR", purpose: "any value turns colour off" },
      { name: "FORCE_COLOR", purpose: "colour even when not on a terminal (0 = off)" },
      { name: "PPX_BROWSER, BROWSER", purpose: "command used to open sign-in pages" },
    ],
  },
  {
    area: "Credentials",
    vars: [
      {
        name: "PPX_ACCESS_TOKEN",
        purpose: "a raw bearer token used for every Azure audience (step 2 below)",
      },
      { name: "PACX_ACCESS_TOKEN", purpose: "legacy name of PPX_ACCESS_TOKEN" },
      {
        name: "PPX_GITHUB_TOKEN",
        purpose: "GitHub token used instead of any GitHub profile (checked first)",
      },
      {
        name: "GH_TOKEN, GITHUB_TOKEN",
        purpose: "GitHub token, as gh and GitHub Actions set it (after PPX_GITHUB_TOKEN)",
      },
      { name: "PPX_GITHUB_CLIENT_ID", purpose: "default --client-id of `ppx auth github`" },
    ],
  },
  {
    area: "Microsoft Entra sign-in (environment credential, CI and managed identity)",
    vars: [
      { name: "AZURE_TENANT_ID", purpose: "tenant of the environment credential (with AZURE_CLIENT_ID)" },
      {
        name: "AZURE_CLIENT_ID",
        purpose: "app (client) id of the environment credential; user-assigned MI id",
      },
      { name: "AZURE_CLIENT_SECRET", purpose: "client secret of the environment credential" },
      {
        name: "AZURE_CLIENT_CERTIFICATE_PATH",
        purpose: "certificate (PEM with key, or PFX) of the env credential",
      },
      { name: "AZURE_CLIENT_CERTIFICATE_PASSWORD", purpose: "password of that certificate file" },
      {
        name: "AZURE_FEDERATED_TOKEN_FILE",
        purpose: "federated token file (AKS workload identity); re-read on change",
      },
      { name: "AZURE_AUTHORITY_HOST", purpose: "sign-in host, e.g. https://login.microsoftonline.us" },
      {
        name: "PPX_CLOUD",
        purpose: "cloud of the environment credential: public|usgov|usgovhigh|usgovdod|china",
      },
      {
        name: "ACTIONS_ID_TOKEN_REQUEST_URL",
        purpose: "GitHub Actions OIDC endpoint (set by `id-token: write`)",
      },
      { name: "ACTIONS_ID_TOKEN_REQUEST_TOKEN", purpose: "GitHub Actions OIDC request token" },
      { name: "SYSTEM_OIDCREQUESTURI", purpose: "Azure DevOps OIDC endpoint (workload identity federation)" },
      { name: "SYSTEM_ACCESSTOKEN", purpose: "Azure DevOps job token used to request the OIDC token" },
      { name: "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID", purpose: "Azure DevOps service connection id" },
      { name: "PPX_MANAGED_IDENTITY", purpose: "1/system = use managed identity (step 4); or a client id" },
      { name: "PPX_KEYVAULT_PROFILE", purpose: "the profile whose token reads secrets kept in Key Vault" },
      {
        name: "IDENTITY_ENDPOINT, IDENTITY_HEADER",
        purpose: "App Service / Functions managed identity endpoint",
      },
      {
        name: "AZURE_POD_IDENTITY_AUTHORITY_HOST",
        purpose: "IMDS host override (default http://169.254.169.254)",
      },
      {
        name: "DISPLAY, WAYLAND_DISPLAY, WSL_DISTRO_NAME",
        purpose: "whether a browser can be opened for sign-in",
      },
    ],
  },
  {
    area: "Config and secrets",
    vars: [
      { name: "PPX_CONFIG_DIR", purpose: "directory of config.json (first choice)" },
      {
        name: "PACX_HOME",
        purpose: "directory of config.json when PPX_CONFIG_DIR is unset (Python PACX name)",
      },
      { name: "HOME, USERPROFILE", purpose: "home directory; the default config directory is ~/.pacx" },
      {
        name: "PACX_CONFIG_ENCRYPTION_KEY",
        purpose: "encrypts tokens in config.json: a 32-byte urlsafe-base64 key or a passphrase",
      },
      {
        name: "PPX_CONFIG_ENCRYPTION_KEY",
        purpose: "same as PACX_CONFIG_ENCRYPTION_KEY (wins when both are set)",
      },
      {
        name: "DATAVERSE_HOST",
        purpose: "default Dataverse host (after --dataverse-host/--host, before the profile and file)",
      },
      {
        name: "PPX_ENVIRONMENT_ID",
        purpose: "default Power Platform environment id, over `ppx profile set-env` (see `ppx config list`)",
      },
      {
        name: "DBUS_SESSION_BUS_ADDRESS",
        purpose: "Linux: the session bus secret-tool uses to reach the Secret Service",
      },
    ],
  },
  {
    area: "Dataverse",
    vars: [
      {
        name: "DATAVERSE_HOST",
        purpose: "org host or URL for `ppx dv` and `ppx api` (same as --dataverse-host)",
      },
      { name: "PACX_DATAVERSE_HOST", purpose: "legacy name of DATAVERSE_HOST" },
      {
        name: "PPX_EMULATOR_CLIENT_SECRET",
        purpose: "secret of the app registration `ppx emulator start` creates",
      },
    ],
  },
  {
    area: "Network",
    vars: [
      { name: "HTTPS_PROXY, HTTP_PROXY", purpose: "proxy for outgoing requests (handled by Deno)" },
      { name: "NO_PROXY", purpose: "hosts that bypass the proxy" },
      { name: "DENO_CERT", purpose: "extra CA certificate file (PEM) to trust" },
      { name: "DENO_TLS_CA_STORE", purpose: "`system` to trust the operating system's CA store" },
    ],
  },
];

/** The environment help text. */
export function environmentHelp(): string {
  const width = Math.max(...ENVIRONMENT_VARIABLES.flatMap((a) => a.vars.map((v) => v.name.length)));
  const lines = ["Environment variables ppx reads:", ""];
  for (const area of ENVIRONMENT_VARIABLES) {
    lines.push(`${area.area}:`);
    for (const v of area.vars) lines.push(`  ${v.name.padEnd(width)}  ${v.purpose}`);
    lines.push("");
  }
  lines.push(
    "Credential resolution for Azure commands (first match wins, per invocation):",
    "  1. --profile NAME / PPX_PROFILE",
    "  2. PPX_ACCESS_TOKEN (legacy PACX_ACCESS_TOKEN)",
    "  3. AZURE_TENANT_ID + AZURE_CLIENT_ID with AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or",
    "     AZURE_FEDERATED_TOKEN_FILE; else GitHub Actions or Azure DevOps OIDC when the job provides it",
    "  4. managed identity, when PPX_MANAGED_IDENTITY is set",
    "  5. the default profile",
    "",
  );
  return lines.join("\n");
}
