/**
 * Typed errors with stable codes. Library code throws these; `cli/main.ts` alone turns them into a
 * message and an exit code (see docs/exit-codes.md).
 *
 * @module
 */

/** Process exit codes, documented in docs/exit-codes.md. */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  Partial: 3,
  AuthRequired: 4,
  NotFound: 5,
  Throttled: 6,
  /** A long-running job is still running: ask again later (like gh's 8). */
  Pending: 8,
  Cancelled: 130,
} as const;

/** One of the documented exit codes. */
export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];

/**
 * A reference, inside an error's text, to an input the caller set or to a next step: data, because only the
 * front end knows how it is spelled (the CLI says `--id-column`, a script calling the library `idColumn`).
 */
export type TextRef = OptionRef | CommandRef;

/** An option of a use-case, by its property name (`idColumn`), with an optional value placeholder. */
export interface OptionRef {
  /** The use-case option's property name, e.g. `keyColumns`. */
  option: string;
  /** A value shown with it, e.g. `FILE` or `name=value`. */
  value?: string;
  /** Refers to turning a yes/no option off (`createIfMissing: false`). */
  negated?: boolean;
  /** The short spelling is meant where the front end has one (the CLI's `-e`). */
  short?: boolean;
  /** The spelling a catalog definition gives the option (its own data), when it has one. */
  flag?: string;
}

/** A command to run next, as its words after the program name: `["env", "list"]`. */
export interface CommandRef {
  /** The words, e.g. `["env", "select", "ENVIRONMENT"]`. */
  command: string[];
}

/** Text with references: literal strings and {@link TextRef}s, in reading order. */
export type Phrase = readonly (string | TextRef)[];

/** A message or hint: plain text, or a {@link Phrase} when it names an option or a command. */
export type ErrorText = string | Phrase;

/**
 * Builds a {@link Phrase} from a template: `phrase\`Pass ${option("key", "name=value")}.\``. Strings and
 * numbers interpolated are kept as text.
 */
export function phrase(
  strings: TemplateStringsArray,
  ...parts: (TextRef | Phrase | string | number)[]
): Phrase {
  const out: (string | TextRef)[] = [];
  strings.forEach((text, i) => {
    if (text) out.push(text);
    if (i >= parts.length) return;
    const part = parts[i];
    if (typeof part === "string" || typeof part === "number") out.push(String(part));
    else if (Array.isArray(part)) out.push(...(part as Phrase));
    else out.push(part as TextRef);
  });
  return out;
}

/** A reference to the use-case option `name` (see {@link OptionRef}). */
export function option(
  name: string,
  value?: string,
  more: Omit<OptionRef, "option" | "value"> = {},
): OptionRef {
  return { option: name, ...(value === undefined ? {} : { value }), ...more };
}

/** A reference to a command to run next (see {@link CommandRef}). */
export function command(...words: string[]): CommandRef {
  return { command: words };
}

/** How a front end spells the references of a {@link Phrase}. */
export interface Speller {
  /** The option's spelling, value included. */
  option(ref: OptionRef): string;
  /** The command's spelling. */
  command(ref: CommandRef): string;
}

/** The library's own spelling: option property names (`keyColumns`), command words without a program name. */
export const librarySpeller: Speller = {
  option: (ref) =>
    `${ref.option}${ref.negated ? ": false" : ""}${ref.value === undefined ? "" : ` ${ref.value}`}`,
  command: (ref) => ref.command.join(" "),
};

/** Spells `text` with `speller` (the library's own by default). */
export function spell(text: ErrorText, speller: Speller = librarySpeller): string {
  if (typeof text === "string") return text;
  return text.map((part) =>
    typeof part === "string" ? part : "option" in part ? speller.option(part) : speller.command(part)
  ).join("");
}

/** Options shared by every ppx error. */
export interface PpxErrorOptions {
  /** What the user can do about it; printed after the message. */
  hint?: ErrorText;
  /** The underlying error, kept for `--debug`. */
  cause?: unknown;
}

/** Base class of every error ppx raises on purpose. `code` is stable and machine readable. */
export class PpxError extends Error {
  /** Stable, machine-readable code, e.g. `usage`, `auth.required`, `api.error`. */
  readonly code: string;
  /** The exit code the CLI uses for this error. */
  readonly exitCode: ExitCodeValue;
  /** What to do next, for people (spelled for library callers; see `text` for the references). */
  readonly hint?: string;
  /** The first option the message refers to (the use-case's property name, e.g. `keyColumns`), if any. */
  readonly option?: string;
  /** The first command the hint suggests running, as words after the program name, if any. */
  readonly suggestion?: { command: string[] };
  /**
   * The message and hint with their references to options and commands kept as data, for a front end to
   * spell (`cli/kit/phrase.ts`); `message` and `hint` are the library's spelling of the same text.
   */
  readonly text: { message: Phrase; hint?: Phrase };

  /**
   * Subclasses pass their own fixed `code` and exit code; `name` becomes the subclass name so stack
   * traces and `--debug` output say which error it was.
   */
  constructor(code: string, message: ErrorText, exitCode: ExitCodeValue, options: PpxErrorOptions = {}) {
    super(spell(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint === undefined ? undefined : spell(options.hint);
    const asPhrase = (t: ErrorText): Phrase => typeof t === "string" ? [t] : t;
    this.text = {
      message: asPhrase(message),
      ...(options.hint === undefined ? {} : { hint: asPhrase(options.hint) }),
    };
    const refs = [...this.text.message, ...(this.text.hint ?? [])].filter((p) => typeof p !== "string");
    const firstOption = refs.find((r): r is OptionRef => "option" in r);
    const firstCommand = [...(this.text.hint ?? []), ...this.text.message]
      .find((r): r is CommandRef => typeof r !== "string" && "command" in r);
    if (firstOption) this.option = firstOption.option;
    if (firstCommand) this.suggestion = { command: firstCommand.command };
  }

  /** A JSON-safe view of the error for `--json` output. */
  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** The command line was wrong: unknown flag, missing argument, bad value. Exit 2. */
export class UsageError extends PpxError {
  /** Code `usage`; the hint should name the flag or argument to fix. */
  constructor(message: ErrorText, options: PpxErrorOptions = {}) {
    super("usage", message, ExitCode.Usage, options);
  }
}

/** Where in a text input a problem is: the file (or `stdin`, `inline`), 1-based line and column. */
export interface SourceLocation {
  /** The file path as the user gave it, or `stdin` / `inline` for text that came from no file. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
}

/** Options of a ValidationError. */
export interface ValidationErrorOptions extends PpxErrorOptions {
  /** Where the bad input is, for editors and scripts (also in `--json` error output). */
  location?: SourceLocation;
}

/** Input data (a file, a JSON payload) failed validation. Exit 2. */
export class ValidationError extends PpxError {
  /** Where the bad input is, when it came from a text the user gave. */
  readonly location?: SourceLocation;

  /** Code `validation`; the message should say which file, record or field failed and why. */
  constructor(message: ErrorText, options: ValidationErrorOptions = {}) {
    super("validation", message, ExitCode.Usage, options);
    this.location = options.location;
  }

  /** Adds the location (file, line, column) when known. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), ...(this.location ? { location: this.location } : {}) };
  }
}

/**
 * A value typed by a person (a flag value, a cell) is not what was expected. Carries the value and what was
 * expected, not a flag name: the CLI names the flag (`--top must be a whole number from 1, not 'x'.`).
 * Exit 2.
 */
export class InvalidValueError extends PpxError {
  /** The text as given. */
  readonly value: string;
  /** What was expected, as a phrase that follows "must be": `a whole number from 1 to 5000`. */
  readonly expected: string;

  /** Code `usage.invalid-value`. */
  constructor(value: string, expected: string, options: PpxErrorOptions = {}) {
    super("usage.invalid-value", `Expected ${expected}, not '${value}'.`, ExitCode.Usage, options);
    this.value = value;
    this.expected = expected;
  }
}

/** Configuration is missing, unreadable or damaged. Exit 1. */
export class ConfigError extends PpxError {
  /** Code `config` unless `options.code` names a more specific one. */
  constructor(message: ErrorText, options: PpxErrorOptions & { code?: string } = {}) {
    super(options.code ?? "config", message, ExitCode.Failure, options);
  }
}

/** Sign-in is needed or failed. Exit 4. */
export class AuthError extends PpxError {
  /** Code `auth.required` unless `options.code` names a more specific one (e.g. `auth.github.expired`). */
  constructor(message: ErrorText, options: PpxErrorOptions & { code?: string } = {}) {
    super(options.code ?? "auth.required", message, ExitCode.AuthRequired, options);
  }
}

/** Details a service returned with a failed request. */
export interface ApiErrorDetails {
  /** HTTP status, or 0 for a transport failure. */
  status: number;
  /** The service's own error code (e.g. Dataverse `0x80040217`, AADSTS code). */
  serviceCode?: string;
  /** The correlation / request id the service returned, for support tickets. */
  correlationId?: string;
  /** The client request id ppx sent. */
  requestId?: string;
  /** HTTP method of the failed request, upper case. */
  method?: string;
  /** URL of the failed request, already redacted (sensitive query parameters masked). */
  url?: string;
  /** The parsed error body, when it was JSON. */
  body?: unknown;
}

/** Exit code for an API failure: 404 -> not found, 401 -> sign-in needed, otherwise failure. */
function exitForStatus(status: number): ExitCodeValue {
  if (status === 404) return ExitCode.NotFound;
  if (status === 401) return ExitCode.AuthRequired;
  if (status === 429) return ExitCode.Throttled;
  return ExitCode.Failure;
}

/** A service answered with an error. Exit 5 for 404, 4 for 401, 6 for 429, else 1. */
export class ApiError extends PpxError {
  /** HTTP status, or 0 when no answer came (network failure, broken connection). */
  readonly status: number;
  /** The service's own error code, e.g. Dataverse `0x80040217` or an AADSTS number; undefined if none. */
  readonly serviceCode?: string;
  /** The id the service logged the request under; quote it in support tickets. */
  readonly correlationId?: string;
  /** The `x-ms-client-request-id` ppx sent with the failed attempt. */
  readonly requestId?: string;
  /** HTTP method of the failed request, upper case. */
  readonly method?: string;
  /** URL of the failed request, already redacted; safe to print. */
  readonly url?: string;
  /**
   * The parsed JSON error body; undefined when it was not JSON. For callers that inspect it; not part of
   * `toJSON`.
   */
  readonly body?: unknown;

  /**
   * Exit code from `details.status` (404 -> 5, 401 -> 4, 429 -> 6, else 1) unless `options.exitCode` says
   * otherwise (a host that stayed unreachable through the retries is 6); code `api.error` by default.
   */
  constructor(
    message: ErrorText,
    details: ApiErrorDetails,
    options: PpxErrorOptions & { code?: string; exitCode?: ExitCodeValue } = {},
  ) {
    super(options.code ?? "api.error", message, options.exitCode ?? exitForStatus(details.status), options);
    this.status = details.status;
    this.serviceCode = details.serviceCode;
    this.correlationId = details.correlationId;
    this.requestId = details.requestId;
    this.method = details.method;
    this.url = details.url;
    this.body = details.body;
  }

  /** Adds status, service code and the two request ids (when known) to the base view; never the body. */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      ...(this.serviceCode ? { serviceCode: this.serviceCode } : {}),
      ...(this.correlationId ? { correlationId: this.correlationId } : {}),
      ...(this.requestId ? { requestId: this.requestId } : {}),
    };
  }
}

/** The thing asked for does not exist (HTTP 404, unknown profile...). Exit 5. */
export class NotFoundError extends PpxError {
  /** Code `not-found`; the hint should say how to list what does exist. */
  constructor(message: ErrorText, options: PpxErrorOptions = {}) {
    super("not-found", message, ExitCode.NotFound, options);
  }
}

/** The service kept throttling (429/503) until the retry budget ran out. Exit 6. */
export class ThrottledError extends PpxError {
  /** Code `throttled`; `options.cause` is typically the last 429/503 ApiError. */
  constructor(message: ErrorText, options: PpxErrorOptions = {}) {
    super("throttled", message, ExitCode.Throttled, options);
  }
}

/** An operation did not finish in time. Exit 6. */
export class TimeoutError extends PpxError {
  /** Code `timeout`; shares exit 6 with throttling since both mean "try again later". */
  constructor(message: ErrorText, options: PpxErrorOptions = {}) {
    super("timeout", message, ExitCode.Throttled, options);
  }
}

/** The user cancelled (Ctrl-C, declined a confirmation without --yes). Exit 130. */
export class CancelledError extends PpxError {
  /** Code `cancelled`; the default message suits a Ctrl-C. */
  constructor(message: ErrorText = "Cancelled.", options: PpxErrorOptions = {}) {
    super("cancelled", message, ExitCode.Cancelled, options);
  }
}

/**
 * Some items of a bulk operation failed and others succeeded. Exit 3. Carries the result so the CLI can
 * still render what was done.
 */
export class PartialSuccessError extends PpxError {
  /** What was done (e.g. a bulk summary with per-item outcomes), for the CLI to render as usual. */
  readonly result: unknown;
  /** Code `partial`; pass the result as it stands so the CLI can show what did succeed. */
  constructor(message: ErrorText, result: unknown, options: PpxErrorOptions = {}) {
    super("partial", message, ExitCode.Partial, options);
    this.result = result;
  }
}

/** True for errors ppx raised on purpose (as opposed to bugs). */
export function isPpxError(error: unknown): error is PpxError {
  return error instanceof PpxError;
}
