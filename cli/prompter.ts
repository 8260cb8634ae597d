/**
 * Questions to a person. Prompts exist only on a terminal and without --no-prompt; otherwise asking is a
 * usage error that names the flag to pass instead, so scripts never hang.
 */

import { CancelledError, UsageError } from "../lib/errors.ts";

/** A choice in a select prompt. */
export interface Choice<T extends string = string> {
  value: T;
  name?: string;
  description?: string;
}

/** Asks questions. `flag` names the option a script passes instead of answering. */
export interface Prompter {
  /** True when prompting is possible. */
  readonly interactive: boolean;
  confirm(message: string, options: { default?: boolean; flag: string }): Promise<boolean>;
  input(message: string, options: { default?: string; flag: string }): Promise<string>;
  secret(message: string, options: { flag: string }): Promise<string>;
  select<T extends string>(message: string, choices: Choice<T>[], options: { flag: string }): Promise<T>;
}

function refuse(message: string, flag: string): never {
  // The question is quoted whole: it may end in "?" or hold a sentence after it ("This cannot be undone.").
  throw new UsageError(`No terminal to answer "${message.trim()}"`, {
    hint: `Pass ${flag}, or run in a terminal without --no-prompt.`,
  });
}

/**
 * The one rule for every confirmation of a destructive operation (docs/exit-codes.md): without a terminal
 * (or with --no-prompt) there is no question, and the command stops with a usage error naming `flag`
 * (exit 2); `--yes` skips the question. Declining at the prompt, like Ctrl-C there, cancels: nothing is
 * done, `declined` (e.g. "Nothing deleted.") is printed on stderr, and the exit code is 130, so a
 * `ppx ... && next` chain stops.
 */
export async function confirmOrCancel(
  prompter: Prompter,
  message: string,
  options: { flag: string; declined: string },
): Promise<void> {
  const ok = await prompter.confirm(message, { flag: options.flag, default: false });
  if (!ok) throw new CancelledError(options.declined);
}

/** A prompter that refuses every question (no TTY or --no-prompt). */
export const nonInteractivePrompter: Prompter = {
  interactive: false,
  confirm: (m, o) => refuse(m, o.flag),
  input: (m, o) => refuse(m, o.flag),
  secret: (m, o) => refuse(m, o.flag),
  select: (m, _c, o) => refuse(m, o.flag),
};

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === "ExitPromptError") throw new CancelledError();
  throw error;
}

/** The terminal prompter, built on the @inquirer/* prompt packages (each loaded only when a question is asked). */
export const terminalPrompter: Prompter = {
  interactive: true,
  async confirm(message, options) {
    const { default: confirm } = await import("@inquirer/confirm");
    return await confirm({ message, default: options.default ?? false }, { output: await stderrStream() })
      .catch(
        cancelled,
      );
  },
  async input(message, options) {
    const { default: input } = await import("@inquirer/input");
    return await input({ message, default: options.default }, { output: await stderrStream() }).catch(
      cancelled,
    );
  },
  async secret(message) {
    const { default: password } = await import("@inquirer/password");
    return await password({ message, mask: "*" }, { output: await stderrStream() }).catch(cancelled);
  },
  async select(message, choices) {
    const { default: select } = await import("@inquirer/select");
    return await select({ message, choices }, { output: await stderrStream() }).catch(cancelled);
  },
};

async function stderrStream() {
  // Prompts go to stderr so stdout stays clean for data (node:process loads only when a question is asked).
  return (await import("node:process")).default.stderr;
}

/** Scripted answers for tests; an unexpected question fails loudly. */
export class ScriptedPrompter implements Prompter {
  readonly interactive = true;
  readonly asked: string[] = [];
  constructor(readonly answers: (string | boolean)[]) {}

  #next(message: string): string | boolean {
    this.asked.push(message);
    if (!this.answers.length) throw new Error(`unexpected prompt: ${message}`);
    return this.answers.shift()!;
  }
  confirm(message: string) {
    return Promise.resolve(Boolean(this.#next(message)));
  }
  input(message: string) {
    return Promise.resolve(String(this.#next(message)));
  }
  secret(message: string) {
    return Promise.resolve(String(this.#next(message)));
  }
  select<T extends string>(message: string) {
    return Promise.resolve(String(this.#next(message)) as T);
  }
}
