/**
 * The upgrade errors that carry data instead of advice (the CLI says how to upgrade instead).
 *
 * @module
 */

import { UsageError } from "../errors.ts";

/** This ppx runs from source through Deno, so there is no binary to replace (exit 2). */
export class RunsFromSourceError extends UsageError {
  /** The release that would have been installed. */
  readonly latest: string;

  /** Says why nothing can be replaced. */
  constructor(latest: string) {
    super("This ppx runs from source through Deno, not as a release binary.");
    this.latest = latest;
  }
}
