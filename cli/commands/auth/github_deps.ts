/**
 * What GitHub profile commands need from the context: the config store, the secrets API over the OS
 * keyring, an HTTP client for GitHub's OAuth endpoints, and the ways to talk to the user during a
 * sign-in (device code on stderr, browser, pasted redirect).
 */

import { openOrPrint } from "../../../lib/auth/oauth/browser.ts";
import type { GitHubInteraction } from "../../../lib/auth/github/provider.ts";
import type { GitHubProfileDeps } from "../../../lib/auth/github/profile_store.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { Context } from "../../context.ts";

/** The profile dependencies, from the context's config store and secrets (nothing runs until used). */
export function githubDeps(ctx: Context): GitHubProfileDeps {
  return { config: ctx.configStore, secrets: ctx.secrets, http: ctx.http(), clock: ctx.clock };
}

/**
 * How a sign-in reaches the user. The device code and URLs go to stderr (stdout stays data). A browser
 * opens only on a terminal and without --no-browser; otherwise the web flow reads the pasted redirect
 * from a prompt (terminal) or from a line on stdin (scripts).
 */
export function githubInteraction(ctx: Context, options: { browser: boolean }): GitHubInteraction {
  const err = ctx.io.stderr;
  const person = ctx.io.stderrIsTTY && ctx.io.stdinIsTTY && ctx.globals.prompt;
  const openBrowser = options.browser && person;
  const interaction: GitHubInteraction = {
    async onDeviceCode(prompt) {
      const minutes = Math.round(prompt.expiresIn / 60);
      err.write(`! First copy your one-time code: ${ctx.errStyle.bold(prompt.userCode)}\n`);
      err.write(
        `Open ${prompt.verificationUri} in a browser and enter the code (it expires in ${minutes} minutes).\n`,
      );
      if (openBrowser && await ctx.browser.open(prompt.verificationUri)) {
        err.write("Opened the page in your browser.\n");
      }
      err.write("Waiting for you to approve on GitHub...\n");
    },
    onAuthorizeUrl(url) {
      err.write(`Open this URL in a browser to continue:\n  ${url}\n`);
    },
  };
  if (openBrowser) {
    interaction.openBrowser = (url) => openOrPrint(ctx.browser, url, (m) => err.write(`${m}\n`));
  }
  interaction.paste = !openBrowser;
  interaction.readRedirect = async () => {
    const question = "Paste the address your browser was sent to after approving (or just the code)";
    if (person) return await ctx.prompter.input(question, { flag: "--no-browser with a piped answer" });
    err.write(`${question}, then press Enter:\n`);
    const line = await ctx.io.readLine();
    if (line === null) {
      throw new UsageError("No redirected URL was given on stdin.", {
        hint: "Pipe the URL the browser landed on into ppx, or run in a terminal, or use --device.",
      });
    }
    return line;
  };
  return interaction;
}
