/**
 * The words for errors that lib/ throws as data: lib says what went wrong and with what (a reason, the
 * folder, the files...), never which flag or command fixes it; this module says that, in the terms of the
 * command line. cli/main.ts asks here before it prints an error.
 *
 * @module
 */

import {
  ConnectorFolderMissingError,
  ConnectorNotFoundError,
  ConnectorUsageError,
  NotUtf8Error,
} from "../lib/connectors/errors.ts";
import type { PpxError } from "../lib/errors.ts";

/** How to print one error: a message to use instead of the error's own, and the hint. */
export interface ErrorWords {
  message?: string;
  hint?: string;
}

const CONNECTOR_USAGE: Record<ConnectorUsageError["reason"], (e: ConnectorUsageError) => ErrorWords> = {
  "files-exist": () => ({ hint: "Add --overwrite to replace them, or choose another --out." }),
  "validate-needs-name": () => ({
    message: "Validation through the connectivity API needs the connector's name (--name).",
  }),
  "runtime-status-needs-connectivity": () => ({ hint: "Drop --endpoint powerapps." }),
  "no-connector-id": () => ({
    hint:
      "Pass --connector-id ID (see `ppx connector list`), or create it first with `ppx connector create`.",
  }),
  "client-secret-required": () => ({
    hint:
      "Pass it with --secret-env VAR or --secret-from keyring:SERVICE:ACCOUNT (a prompt asks on a terminal).",
  }),
};

/** The words for `error` when lib/ left them to the CLI; undefined keeps the error's message and hint. */
export function errorWords(error: PpxError): ErrorWords | undefined {
  if (error instanceof ConnectorUsageError) return CONNECTOR_USAGE[error.reason](error);
  if (error instanceof ConnectorNotFoundError) {
    return { hint: "List the environment's connectors with `ppx connector list`." };
  }
  if (error instanceof ConnectorFolderMissingError) {
    return {
      hint: error.reason === "no-definition"
        ? "A connector folder holds apiDefinition.swagger.json and apiProperties.json (`ppx connector init` makes one)."
        : "Add apiProperties.json (`ppx connector init` shows its shape), or push the definition alone with --openapi.",
    };
  }
  if (error instanceof NotUtf8Error) {
    return {
      hint: "Save the file as UTF-8, or read it as it is with --encoding latin1|windows-1252|utf-16.",
    };
  }
  return undefined;
}
