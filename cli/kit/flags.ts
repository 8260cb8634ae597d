/**
 * Typed flag sets and flag-value parsers for leaf commands.
 *
 * A flag set is a generic function from `Command<A, O, G>` to the same command with its flags added, so
 * commander's inferred option types flow through (`options.dataverseHost` is `string | undefined` in the
 * action, with no `Command<any, any>` and no casts):
 *
 * ```ts
 * keyFlag(hostFlags(new Command("get").argument("<entityset>"))).action((set, options) => ...)
 * ```
 *
 * Value parsers wrap `lib/parse/values.ts` and name the flag in the message
 * (`--top must be a whole number from 1, not '0'.`).
 *
 * @module
 */

import { type Command, Option, type OptionValues } from "@commander-js/extra-typings";
import { InvalidValueError, UsageError } from "../../lib/errors.ts";
import {
  type NumberBounds,
  parseBoolean,
  parseDecimal,
  parseDuration,
  parseSize,
  parseWholeNumber,
} from "../../lib/parse/values.ts";

/** Turns a lib parser into a commander argParser whose errors name `flag`. */
export function flagValue<T>(flag: string, parse: (text: string) => T, hint?: string): (value: string) => T {
  return (value: string) => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      throw new UsageError(`${flag} must be ${error.expected}, not '${error.value}'.`, {
        hint,
        cause: error,
      });
    }
  };
}

/** A whole-number flag value within `bounds`. */
export function wholeNumber(flag: string, bounds: NumberBounds = {}): (value: string) => number {
  return flagValue(flag, (text) => parseWholeNumber(text, bounds));
}

/** A decimal flag value within `bounds`. */
export function decimal(flag: string, bounds: NumberBounds = {}): (value: string) => number {
  return flagValue(flag, (text) => parseDecimal(text, bounds));
}

/** A duration flag value in milliseconds (`90s`, `45m`, `2h`; a bare number is in `unit`). */
export function duration(flag: string, unit: "ms" | "s" | "m" = "s"): (value: string) => number {
  return flagValue(flag, (text) => parseDuration(text, unit));
}

/** A size flag value in bytes (`10MB`, `1MiB`). */
export function size(flag: string): (value: string) => number {
  return flagValue(flag, parseSize);
}

/** A yes/no flag value (true/false, yes/no, y/n, 1/0). */
export function yesNo(flag: string): (value: string) => boolean {
  return flagValue(flag, parseBoolean, `Write ${flag} alone to turn it on, or ${flag} false.`);
}

/** An argParser that collects every use of a repeatable flag, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A host flag's value: a host or URL, or the environment `-e` names (resolved to its Dataverse host). */
export type HostFlag = string | { environment: string };

/**
 * `--dataverse-host <host>`, with PACX's `--host` as a hidden alias, and `-e/--environment` (an
 * environment's id, URL, unique or display name, resolved to its Dataverse host); read with {@link hostOf}.
 */
export function hostFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
) {
  return command
    .addOption(new Option("--dataverse-host <host>", "org host or URL (env: DATAVERSE_HOST)"))
    .addOption(new Option("--host <host>", "alias of --dataverse-host").hideHelp())
    .addOption(
      new Option(
        "-e, --environment <env>",
        "environment (id, URL, unique or display name) whose Dataverse host to use",
      ),
    );
}

/** The host flag value, from either spelling, or the environment `-e` names. */
export function hostOf(
  options: { dataverseHost?: string; host?: string; environment?: string },
): HostFlag | undefined {
  const host = options.dataverseHost ?? options.host;
  if (host !== undefined && options.environment !== undefined) {
    throw new UsageError("Give either --dataverse-host or -e/--environment, not both.");
  }
  return host ?? (options.environment !== undefined ? { environment: options.environment } : undefined);
}

/** `--key name=value,...` (repeatable): address a record by alternate key. */
export function keyFlag<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
) {
  return command.addOption(
    new Option(
      "--key <name=value,...>",
      "address the record by alternate key instead of id (repeatable); values are typed from the table's " +
        "metadata, 'quotes' force a string",
    ).argParser(collect),
  );
}

/** `--select`, `--expand` and `--annotations`: the shape of returned records (get, list, query). */
export function recordShapeFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
) {
  return command
    .option("--select <columns>", "columns to return, comma separated")
    .option("--expand <navs>", 'expand lookups, e.g. "primarycontactid($select=fullname)"')
    .addOption(new Option("--annotations", "include formatted values and lookup annotations"));
}
