/**
 * The connector errors that carry data instead of advice: each says why (`reason`) and with what (its
 * fields); the CLI words the next step (the flags to pass, the command to run).
 *
 * @module
 */

import { NotFoundError, UsageError, ValidationError } from "../errors.ts";

/** Why a connector request cannot be done as asked. */
export type ConnectorUsageReason =
  /** Files to write already exist (`files`, in `dir`). */
  | "files-exist"
  /** Validation through the connectivity API needs the connector's name. */
  | "validate-needs-name"
  /** The runtime status exists only on the connectivity API. */
  | "runtime-status-needs-connectivity"
  /** An update without a connector id (none given, none in settings.json). */
  | "no-connector-id"
  /** An OAuth connector created without its client secret. */
  | "client-secret-required";

/** A connector request that cannot be done as asked (exit 2). */
export class ConnectorUsageError extends UsageError {
  /** Why. */
  readonly reason: ConnectorUsageReason;
  /** The folder, for `files-exist`. */
  readonly dir?: string;
  /** The files that exist, for `files-exist`. */
  readonly files?: string[];

  /** `message` says what is wrong without naming a flag. */
  constructor(
    reason: ConnectorUsageReason,
    message: string,
    data: { dir?: string; files?: string[] } = {},
  ) {
    super(message);
    this.reason = reason;
    this.dir = data.dir;
    this.files = data.files;
  }
}

/** What a connector folder lacks or holds that cannot be read. */
export type ConnectorFolderReason =
  /** No API definition in the folder. */
  | "no-definition"
  /** No apiProperties.json in the folder. */
  | "no-properties"
  /** A file is not UTF-8 (`file`, `line`, `column`, `offset`, `byte`). */
  | "not-utf8";

/** A connector folder without a definition or apiProperties.json (exit 5, as every NotFoundError). */
export class ConnectorFolderMissingError extends NotFoundError {
  /** Why. */
  readonly reason: "no-definition" | "no-properties";
  /** The folder. */
  readonly dir: string;

  /** `message` names the missing file and folder. */
  constructor(reason: "no-definition" | "no-properties", dir: string, message: string) {
    super(message);
    this.reason = reason;
    this.dir = dir;
  }
}

/** A connector file that is not UTF-8: where the first bad byte is. */
export class NotUtf8Error extends ValidationError {
  /** The file as named in the message. */
  readonly file: string;
  /** The byte, as two hex digits. */
  readonly byte: string;
  /** The byte offset. */
  readonly offset: number;

  /** Location of the first byte that is not UTF-8. */
  constructor(file: string, byte: string, line: number, column: number, offset: number) {
    super(
      `${file} is not UTF-8: byte 0x${byte} at line ${line}, column ${column} (byte offset ${offset}).`,
      { location: { file, line, column } },
    );
    this.file = file;
    this.byte = byte;
    this.offset = offset;
  }
}

/** A connector the environment does not have. */
export class ConnectorNotFoundError extends NotFoundError {
  /** The connector's name. */
  readonly connector: string;
  /** The environment id. */
  readonly environment: string;

  /** Names the connector and environment. */
  constructor(connector: string, environment: string, cause?: unknown) {
    super(`Connector '${connector}' was not found in environment '${environment}'.`, { cause });
    this.connector = connector;
    this.environment = environment;
  }
}
