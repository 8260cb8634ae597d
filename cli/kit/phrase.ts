/**
 * Spells lib/ errors for the command line: lib/ keeps the options and commands its messages refer to as data
 * (`option("idColumn")`, `command("env", "list")`); here they become `--id-column` and `ppx env list`.
 *
 * @module
 */

import {
  type CommandRef,
  type ErrorText,
  isPpxError,
  type OptionRef,
  type PpxError,
  spell,
  type Speller,
} from "../../lib/errors.ts";

/** Options whose flag is not the kebab-case of their name, or that have a short flag. */
const FLAGS: Record<string, { long?: string; short?: string }> = {
  environment: { short: "-e" },
  checkpointPath: { long: "--checkpoint" },
  allowNew: { long: "--new" },
};

/** `--id-column` for `idColumn`: the flag that sets a use-case option. */
export function flagOf(ref: OptionRef): string {
  if (ref.flag) return ref.flag;
  const known = FLAGS[ref.option];
  if (ref.short && known?.short) return known.short;
  const long = known?.long ?? `--${ref.option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return ref.negated ? long.replace(/^--/, "--no-") : long;
}

/** The words of a command as typed: `ppx env list`. */
export function commandLine(ref: CommandRef | string[]): string {
  return ["ppx", ...(Array.isArray(ref) ? ref : ref.command)].join(" ");
}

/** The command line's spelling of options and commands. */
export const cliSpeller: Speller = {
  option: (ref) => `${flagOf(ref)}${ref.value === undefined ? "" : ` ${ref.value}`}`,
  command: (ref) => commandLine(ref),
};

/** Spells a message or hint from lib/ for the command line. */
export function cliText(text: ErrorText): string;
export function cliText(text: ErrorText | undefined): string | undefined;
export function cliText(text: ErrorText | undefined): string | undefined {
  return text === undefined ? undefined : spell(text, cliSpeller);
}

/** The message and hint of `error` as the command line says them. */
export function phraseError(error: PpxError): { message: string; hint?: string } {
  // A message rewritten after construction (a subclass, a wrapper) no longer matches its phrase: keep it.
  const message = spell(error.text.message) === error.message ? cliText(error.text.message) : error.message;
  const hint = error.text.hint && spell(error.text.hint) === error.hint
    ? cliText(error.text.hint)
    : error.hint;
  return { message: respellCopied(message, error), hint: hint && respellCopied(hint, error) };
}

/**
 * A wrapper that copied its cause's text (`hint: cause.hint`) copied the library's spelling: put the command
 * line's back, for every error down the cause chain that has references in its text.
 */
function respellCopied(text: string, error: PpxError): string {
  let out = text;
  const seen = new Set<unknown>([error]);
  for (let cause = error.cause; cause instanceof Error && !seen.has(cause); cause = cause.cause) {
    seen.add(cause);
    if (!isPpxError(cause)) continue;
    for (const part of [cause.text.message, cause.text.hint]) {
      if (!part || part.every((p) => typeof p === "string")) continue;
      const library = spell(part);
      if (library && out.includes(library)) out = out.replaceAll(library, cliText(part));
    }
  }
  return out;
}
