/**
 * The User-Agent ppx sends: `ppx/<version> (<os>; deno <version>)`.
 *
 * @module
 */

import { VERSION } from "../version.ts";

/** Builds the User-Agent header value. */
export function userAgent(version: string = VERSION): string {
  return `ppx/${version} (${Deno.build.os}; deno ${Deno.version.deno})`;
}
