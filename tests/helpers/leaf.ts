/**
 * Parses argv with one leaf command and returns the options its action built, without running the
 * use-case (gh's `runF` capture): the parsing half of a command's tests.
 */

import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { App } from "../../cli/app.ts";
import { Context, type ContextDeps } from "../../cli/context.ts";
import type { RunF } from "../../cli/kit/leaf.ts";
import { BufferIO } from "../../cli/output/io.ts";
import { configureTree } from "../../cli/tree.ts";
import { envFrom } from "../../lib/env.ts";

/** Options of {@link captureOptions}: context deps (an in-memory `fs`, `cwd`, stdin...). */
export interface CaptureOptions extends Partial<Omit<ContextDeps, "io" | "env">> {
  env?: Record<string, string>;
  stdin?: string;
}

/** Builds the command with a capturing runF, parses `argv` (words after the command name), returns the options. */
export async function captureOptions<O>(
  build: (app: App, runF: RunF<O>) => CommandUnknownOpts,
  argv: string[],
  options: CaptureOptions = {},
): Promise<O> {
  const { env = {}, stdin, ...deps } = options;
  const app = new App({ io: new BufferIO({ stdin }), env: envFrom(env), ...deps });
  app.contextClass = Context;
  let captured: { value: O } | undefined;
  const command = build(app, (parsed) => {
    captured = { value: parsed };
    return Promise.resolve();
  });
  configureTree(command, app.deps.io);
  await command.parseAsync(argv, { from: "user" });
  if (!captured) throw new Error("the command's action did not call runF");
  return captured.value;
}
