/** `ppx config path`: the config file and what chose its directory. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";

/** Builds `config path`. */
export default function path(app: App) {
  return new Command("path")
    .description("Print the config file path (PPX_CONFIG_DIR, else PACX_HOME, else ~/.pacx)")
    .action((_options, command) => {
      const ctx = app.context(command);
      const paths = ctx.configStore.paths;
      ctx.out.result(
        { file: paths.file, dir: paths.dir, source: paths.source },
        (p, out) => out.print(p.file),
      );
    });
}
