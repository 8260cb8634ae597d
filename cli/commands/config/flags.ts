/** The flags `config get` / `config list` attribute values to. */

import type { CommandUnknownOpts } from "@commander-js/extra-typings";

/** The --profile flag as typed (not PPX_PROFILE, which the globals merge in and `list` reports as env). */
export function profileFlag(command: CommandUnknownOpts): string | undefined {
  return (command.optsWithGlobals() as { profile?: string }).profile;
}
