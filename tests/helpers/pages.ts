/** Starts an emulated org with the Power Pages tables, for pages tests; records every request. */

import { startTestEmulator } from "./emulator.ts";
import type { ServiceProtectionOptions } from "@pacx/emulator";
import { dataverseService } from "@pacx/emulator";
import { PAGES_SCHEMA, pagesService, type PagesServiceOptions } from "@pacx/emulator";
import { PORTAL_LANGUAGES } from "../fixtures/pages/sites.ts";

/** A running org with Power Pages. */
export async function startPagesOrg(
  options: PagesServiceOptions = {},
  protection?: ServiceProtectionOptions,
) {
  const dv = dataverseService({
    schema: PAGES_SCHEMA,
    seed: { adx_portallanguages: PORTAL_LANGUAGES },
    protection,
  });
  const pages = pagesService(dv, options);
  const log: string[] = [];
  const emu = await startTestEmulator({ services: [dv, pages], log: (line) => log.push(line) });
  const token = await emu.tokens.issue({ aud: emu.url, oid: "11111111-1111-4111-8111-111111111111" });
  return {
    emu,
    dv,
    pages,
    log,
    env: { DATAVERSE_HOST: emu.url, PPX_ACCESS_TOKEN: token },
    /** Requests that change something (every method but GET), since `from`. */
    writes(from = 0): string[] {
      return log.slice(from).filter((l) => !l.startsWith("GET "));
    },
    close: () => emu.close(),
    [Symbol.asyncDispose]: () => emu.close(),
  };
}
