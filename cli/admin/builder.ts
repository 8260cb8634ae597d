/**
 * The generic command builder over the whole catalog: `groupCommand` builds any catalog group; the
 * per-operation builder and runner live in `operation_command.ts` (ADR 0016).
 */

import type { Command } from "@commander-js/extra-typings";
import { CATALOG } from "../../lib/powerplatform/catalog/mod.ts";
import type { App } from "../app.ts";
import { groupCommandOf } from "./operation_command.ts";

export * from "./operation_command.ts";

// deno-lint-ignore no-explicit-any
type AnyCommand = Command<any, any, any>;

/**
 * Builds the command group for a catalog group path, named `name` (an alias group such as `env-group`
 * builds the same subtree under another name), with its sub-groups and any hand-written commands.
 */
export function groupCommand(
  app: App,
  name: string,
  path: readonly string[],
  description: string,
  extra: AnyCommand[] = [],
  descriptions: Record<string, string> = {},
): AnyCommand {
  return groupCommandOf(app, CATALOG, name, path, description, extra, descriptions);
}
