/**
 * "Open this URL in a browser, or tell the person where to go": the step every interactive sign-in shares.
 *
 * @module
 */

import type { BrowserOpener } from "../../os/browser.ts";

/** Receives a line for the person at the terminal (written to stderr by the CLI). */
export type Notify = (message: string) => void;

/**
 * Tries to open `url`; always tells the person what happened. Resolves true when a browser started,
 * false when it could not (the caller may then fall back to another flow).
 */
export async function openOrPrint(opener: BrowserOpener, url: string, notify: Notify): Promise<boolean> {
  const opened = await opener.open(url).catch(() => false);
  if (opened) notify(`Opened your browser to sign in. If it did not appear, visit:\n  ${url}`);
  else notify(`Could not open a browser. To sign in, visit:\n  ${url}`);
  return opened;
}
