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
      { name: "PPX_ACCESS_TOKEN", purpose: "a raw bearer token used instead of any profile" },
      { name: "PACX_ACCESS_TOKEN", purpose: "legacy name of PPX_ACCESS_TOKEN" },
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
  return lines.join("\n");
}
