/**
 * The running application: builds the command tree (lazily), hands each command its context, and keeps
 * the exit code a command asks for.
 */

import { Command, type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { VERSION } from "../lib/version.ts";
import type { Context, ContextDeps } from "./context.ts";
import { findGroup, GROUPS } from "./commands/registry.ts";
import { addGlobalOptions, type RawGlobals, resolveGlobals } from "./globals.ts";

/** Shared by every command of one invocation. */
export class App {
  readonly deps: ContextDeps;
  #context?: Context;
  /** Loaded with the first real command group, so `--version` and `--help` never load it. */
  contextClass?: typeof Context;

  constructor(deps: ContextDeps) {
    this.deps = deps;
  }

  /** The context for the command being run (built once per invocation). */
  context(command: CommandUnknownOpts): Context {
    if (!this.contextClass) throw new Error("context requested before a command group was loaded");
    this.#context ??= new this.contextClass(
      this.deps,
      resolveGlobals(command.optsWithGlobals() as RawGlobals, this.deps.env),
    );
    return this.#context;
  }

  /** The context built so far, if any (error reporting uses it to honour --debug / --json). */
  get currentContext(): Context | undefined {
    return this.#context;
  }

  /** Builds the full tree with every group loaded (completions, docs). */
  fullTree(): Promise<Command> {
    return buildProgram(this, GROUPS.map((g) => g.name));
  }
}

/** The root command with global flags; `load` names the groups to load for real, the rest are stubs. */
export async function buildProgram(app: App, load: string[]): Promise<Command> {
  const program = addGlobalOptions(
    new Command("ppx")
      .description("ppx — Power Platform and Dataverse from the command line")
      .version(VERSION, "-V, --version", "print the version")
      .helpCommand(false),
  );
  if (load.length > 0) app.contextClass ??= (await import("./context.ts")).Context;
  for (const group of GROUPS) {
    if (load.includes(group.name)) {
      const module = await group.load();
      const command = module.default(app);
      for (const alias of group.aliases ?? []) command.alias(alias);
      program.addCommand(command, { hidden: group.hidden });
    } else {
      const stub = new Command(group.name).description(group.summary).allowUnknownOption()
        .allowExcessArguments()
        .helpOption(false);
      for (const alias of group.aliases ?? []) stub.alias(alias);
      program.addCommand(stub, { hidden: group.hidden });
    }
  }
  program.addHelpText(
    "after",
    "\nRun `ppx <command> --help` for a command's options, `ppx help environment` for the variables ppx reads.",
  );
  return program as unknown as Command;
}

/** The groups an argv needs: the one it names (or that `help` names). */
export function groupsFor(words: string[]): string[] {
  const first = words[0] === "help" ? words[1] : words[0];
  const group = findGroup(first);
  const load = group ? [group.name] : [];
  if (words[0] === "help") load.push("help");
  return load;
}

export { Option };
