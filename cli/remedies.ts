/**
 * Words the remedies lib/ errors carry (`lib/auth/remedy.ts`) as hints naming ppx's flags and commands:
 * lib/ knows what is wrong and what would fix it, the CLI knows how that is typed.
 *
 * @module
 */

import { type Remedy, remedyOf, type RemedyOption, setRemedyWording } from "../lib/auth/remedy.ts";
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
