/** Parsing a generated admin command's argv into its catalog flags, without a context or the network. */

import type { Command } from "@commander-js/extra-typings";
import type { App } from "../../cli/app.ts";
import { type CatalogFlags, catalogFlags, operationCommand } from "../../cli/admin/builder.ts";
import { operation } from "../../lib/powerplatform/catalog/mod.ts";

/** What `ppx <operation id's command> ...argv` parses into. */
export async function parseCatalogArgv(id: string, argv: string[]): Promise<CatalogFlags> {
  const op = operation(id);
  // deno-lint-ignore no-explicit-any
  const command = operationCommand({} as App, op) as Command<any, any, any>;
  let captured: CatalogFlags | undefined;
  const positionals = (op.params ?? []).filter((p) => p.positional).length;
  command.exitOverride().action((...args: unknown[]) => {
    captured = catalogFlags(
      op,
      args.slice(0, positionals) as string[],
      args.at(-2) as Record<string, unknown>,
    );
  });
  await command.parseAsync(argv, { from: "user" });
  return captured!;
}
