/** `ppx auth github [PROFILE]`: sign in to GitHub (device or web flow) and save the profile. */

import { Command, Option } from "@commander-js/extra-typings";
import { firstEnv } from "../../../lib/env.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { App } from "../../app.ts";
import type { Context } from "../../context.ts";
import type { RunF } from "../../kit/leaf.ts";
import { githubDeps, githubInteraction } from "./github_deps.ts";

/** The options of `ppx auth github`, as parsed. */
export interface AuthGitHubOptions {
  secureStorage?: boolean;
  insecureStorage?: boolean;
  clientId?: string;
  clientSecret?: string;
  clientSecretEnv?: string;
  scopes?: string;
  web?: boolean;
  device?: boolean;
  redirectUri?: string;
  hostname?: string;
  saveSecret?: boolean;
  setDefault?: boolean;
  browser?: boolean;
}

/** The profile name used when none is given. */
export const DEFAULT_GITHUB_PROFILE = "github";

const EXAMPLES = `
Examples:
  # Device flow (no secret needed): prints a code to enter at https://github.com/login/device
  ppx auth github work --client-id Iv1.0123456789abcdef
  # Re-authenticate an existing profile with the settings it already has
  ppx auth github work
  # --scopes: OAuth App scopes, comma or space separated (GitHub Apps use permissions instead)
  ppx auth github work --client-id Ov23liEXAMPLE00000000 --scopes "repo,read:org"
  # --web: browser sign-in with PKCE on a 127.0.0.1 loopback port; the client secret comes from the env
  export GITHUB_OAUTH_CLIENT_SECRET='<client-secret>'
  ppx auth github work --client-id Ov23liEXAMPLE00000000 --web --client-secret-env GITHUB_OAUTH_CLIENT_SECRET
  # --client-secret: works, but lands in shell history; prefer --client-secret-env or the prompt
  ppx auth github work --client-id Ov23liEXAMPLE00000000 --web --client-secret '<client-secret>'
  # --device: force the device flow for a profile that used --web
  ppx auth github work --device
  # --redirect-uri: the exact callback URL registered on the app (a non-loopback URL means pasting)
  ppx auth github work --web --redirect-uri http://127.0.0.1:8765/callback
  # --hostname: GitHub Enterprise Server (API under /api/v3), or a base URL (http only for loopback)
  ppx auth github corp --hostname github.example.com --client-id Iv1.0123456789abcdef
  ppx auth github local --hostname http://127.0.0.1:8080 --client-id Iv1.0123456789abcdef
  # --no-browser: print the URL instead of opening one; paste the address the browser lands on
  ppx auth github work --web --no-browser
  # --save-secret (default): keep a typed or prompted secret in the keyring for later refreshes
  ppx auth github work --web --save-secret
  # --no-save-secret: do not store a directly given client secret (refreshes will then need the env var)
  ppx auth github work --web --client-secret '<client-secret>' --no-save-secret
  # --set-default (default): make the profile the default one
  ppx auth github work --set-default
  # --no-set-default: save the profile without making it the default
  ppx auth github side --client-id Iv1.0123456789abcdef --no-set-default

In CI, skip sign-in entirely: GH_TOKEN, GITHUB_TOKEN or PPX_GITHUB_TOKEN override stored tokens.
`;

/** Splits `--scopes` (commas and/or spaces). */
export function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

/** Options of `ppx auth github`: the profile as typed (default: --profile, else `github`) and its flags. */
export interface AuthGitHubRunOptions extends AuthGitHubOptions {
  /** The profile named on the command line. */
  profile?: string;
}

/**
 * Checks the flags, then runs the GitHub sign-in use-case with this context's stores and questions, and
 * prints the result; shared by `ppx auth github` and `ppx login`.
 */
export async function runAuthGitHub(options: AuthGitHubRunOptions, ctx: Context): Promise<void> {
  if (options.web && options.device) {
    throw new UsageError("--web and --device exclude each other.", { hint: "Pass one of them." });
  }
  const { profile: named, scopes, browser, ...rest } = options;
  if (options.clientSecret !== undefined) {
    ctx.out.warn(
      "--client-secret puts the secret in your shell history and the process list; prefer --client-secret-env or the prompt.",
    );
  }
  const clientSecretEnv = options.clientSecretEnv;
  if (clientSecretEnv !== undefined && !firstEnv(ctx.env, clientSecretEnv)) {
    throw new UsageError(`--client-secret-env names ${clientSecretEnv}, but that variable is not set.`, {
      hint: `Export it first: export ${clientSecretEnv}='<client-secret>'`,
    });
  }
  // The GitHub sign-in flows load when a profile signs in, not for `ppx auth --help` (ADR 0023).
  const { signInGitHub } = await import("../../../lib/auth/github/sign_in.ts");
  const result = await signInGitHub({
    ...rest,
    profile: named ?? ctx.globals.profile ?? DEFAULT_GITHUB_PROFILE,
    scopes: parseScopes(scopes),
  }, {
    ...githubDeps(ctx),
    env: ctx.env,
    interaction: githubInteraction(ctx, { browser: browser !== false }),
    ask: {
      clientId: () =>
        ctx.prompter.input("Client ID of the GitHub OAuth App or GitHub App", { flag: "--client-id" }),
      clientSecret: () =>
        ctx.prompter.secret("Client secret of the GitHub app (needed by GitHub for --web)", {
          flag: "--client-secret-env <VAR>",
        }),
    },
  });
  for (const notice of result.notices) ctx.out.notice(notice);
  for (const warning of result.warnings) ctx.out.warn(warning);
  ctx.out.print({
    profile: result.profile,
    provider: result.provider,
    host: result.host,
    account: result.account,
    scopes: result.scopesGranted.join(", "),
    expires: result.expiresAt ?? "never",
    refreshable: result.refreshable,
    storage: result.tokenStorage,
    default: result.isDefault,
  });
  ctx.out.success(
    `Signed in to ${result.host} as ${result.account}; profile '${result.profile}' saved` +
      (result.isDefault ? " as the default." : " (default profile unchanged)."),
  );
}

/** Builds `ppx auth github`. */
export default function authGitHub(app: App, runF: RunF<AuthGitHubRunOptions> = runAuthGitHub) {
  return new Command("github")
    .description("Sign in to GitHub or GitHub Enterprise Server (device or web flow) and save a profile")
    .argument("[profile]", `profile name (default: --profile, else '${DEFAULT_GITHUB_PROFILE}')`)
    .option("--client-id <id>", "Client ID of the OAuth App or GitHub App (env: PPX_GITHUB_CLIENT_ID)")
    .option(
      "--client-secret <secret>",
      "client secret (discouraged: prefer --client-secret-env or the prompt)",
    )
    .option("--client-secret-env <var>", "read the client secret from this environment variable")
    .option("--scopes <list>", "OAuth scopes, comma or space separated (OAuth Apps only)")
    .addOption(new Option("--web", "browser sign-in with PKCE (needs the client secret)").conflicts("device"))
    .addOption(
      new Option("--device", "device flow: enter a code at /login/device (default)").conflicts("web"),
    )
    .option("--redirect-uri <uri>", "web flow callback (default: http://127.0.0.1:<free port>/callback)")
    .option(
      "--hostname <host>",
      "github.com (default), a GHES host name, or a base URL (http: loopback only)",
    )
    .option("--save-secret", "store a directly given client secret for refreshes (default)")
    .option("--no-save-secret", "do not store the client secret")
    .option("--set-default", "make this the default profile (default)")
    .option("--no-set-default", "leave the default profile as it is")
    .option("--no-browser", "do not open a browser; print the URL (and paste the redirect for --web)")
    .option("--secure-storage", "refuse to store tokens in plaintext (keyring or encrypted config only)")
    .option("--insecure-storage", "store tokens in the config file instead of the OS keyring")
    .addHelpText("after", EXAMPLES)
    .action(async (profile, options, command) => {
      await runF({ profile, ...options }, app.context(command));
    });
}
