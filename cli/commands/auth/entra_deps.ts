/**
 * How an Entra sign-in reaches the person: the device code message on stderr (and the page opened when
 * a browser is available), the browser opened for the web flow, notices on stderr. stdout stays data.
 */

import type { EntraInteraction } from "../../../lib/auth/entra/login.ts";
import type { Context } from "../../context.ts";

/** The interaction for a sign-in from this context. */
export function entraInteraction(ctx: Context, options: { browser?: boolean } = {}): EntraInteraction {
  const err = ctx.io.stderr;
  const person = ctx.io.stderrIsTTY && ctx.globals.prompt;
  const browserAllowed = options.browser !== false;
  return {
    browser: browserAllowed ? ctx.browser : { open: () => Promise.resolve(false) },
    notify: (message) => err.write(`${message}\n`),
    async onDeviceCode(prompt) {
      err.write(`${prompt.message}\n`);
      if (person && browserAllowed && await ctx.browser.open(prompt.verificationUri).catch(() => false)) {
        err.write(`Opened ${prompt.verificationUri} in your browser.\n`);
      }
      err.write(
        `Waiting for the sign-in (the code expires in ${Math.round(prompt.expiresIn / 60)} minutes)...\n`,
      );
    },
  };
}
