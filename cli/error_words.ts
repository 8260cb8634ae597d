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
import { isPpxError, type PpxError } from "../lib/errors.ts";
import {
  AlmNotFoundError,
  GitHubScopesError,
  SetupCiIncompleteError,
  TeardownCiIncompleteError,
} from "../lib/github/alm/errors.ts";
import {
  PlanNotApplicableError,
  SiteFolderError,
  type SiteFolderReason,
  SiteNotFoundError,
  UnknownTableError,
} from "../lib/pages/errors.ts";
import { RunsFromSourceError } from "../lib/upgrade/errors.ts";
import { teardownCommand } from "./commands/github/words.ts";

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

const BY_CODE: Record<string, string> = {
  "auth.github.repo": "Check --repo OWNER/NAME, and that the GitHub profile's token has the `repo` scope.",
  "auth.graph.permission":
    "Creating an app registration needs Graph Application.ReadWrite.All (e.g. the Application Developer " +
    "role, admin-consented). Sign in with such an account (`ppx auth create NAME --scope " +
    "https://graph.microsoft.com/.default`), or reuse an app you own: --client-id <appId>.",
};

/** The hint of `cause` as the CLI words it, followed by a line break; "" when it has none. */
function causeHint(cause: unknown): string {
  if (!isPpxError(cause)) return "";
  const hint = errorWords(cause)?.hint ?? cause.hint;
  return hint ? `${hint}\n` : "";
}

function githubWords(error: PpxError): ErrorWords | undefined {
  if (error instanceof GitHubScopesError) {
    return {
      hint: `Sign in again with them: ppx auth github <profile> --scopes "repo,workflow" ` +
        `(or a token with them in GH_TOKEN).${error.local ? "" : " With --local, `workflow` is not needed."}`,
    };
  }
  if (error instanceof AlmNotFoundError) {
    return {
      hint: error.reason === "client-id"
        ? "Check --client-id (the Application (client) ID), or leave it out to create an app."
        : "Pass --role with a role that exists there (e.g. 'System Customizer' or 'System Administrator').",
    };
  }
  if (error instanceof SetupCiIncompleteError) {
    return {
      hint: causeHint(error.cause) +
        (error.applied.length
          ? `Fix the cause and run the same command again (it picks up where it stopped), or undo with \`${
            teardownCommand(error.undo)
          }\`.`
          : "Fix the cause and run the same command again."),
    };
  }
  if (error instanceof TeardownCiIncompleteError) {
    return {
      hint: causeHint(error.cause) +
        "Fix the cause and run the same teardown again; it skips what is already gone.",
    };
  }
  const byCode = BY_CODE[error.code];
  return byCode ? { hint: byCode } : undefined;
}

const PAGES_FOLDER: Record<SiteFolderReason, (e: SiteFolderError) => ErrorWords> = {
  "no-site": () => ({ hint: PATH_HINT }),
  "no-website-yml": () => ({ hint: PATH_HINT }),
  "nothing-to-convert": () => ({
    hint: "Point --path at a pac download (website.yml) or an earlier ppx download (manifest.json).",
  }),
  "model-mismatch": () => ({
    hint:
      "Leave --model-version out (ppx reads the model from the folder), or convert with `ppx pages convert`.",
  }),
  "download-model-mismatch": () => ({
    hint: "Download into another folder, or convert the folder first with `ppx pages convert`.",
  }),
  "not-the-folders-site": (e) => ({
    message: `--website-id ${e.websiteId} is not the folder's site (${e.folderSite}).`,
    hint: "Leave --website-id out to upload the folder's site; records keep their ids in every environment.",
  }),
  "other-site": () => ({ hint: "Download into another folder, or pass --overwrite to replace it." }),
  "local-changes": () => ({
    hint:
      "Upload them first (ppx pages upload), or pass --overwrite to replace them with the environment's copy.",
  }),
};

const PATH_HINT = "Point --path at a folder written by `pac pages download` or `ppx pages download`.";

function pagesWords(error: PpxError): ErrorWords | undefined {
  if (error instanceof SiteFolderError) return PAGES_FOLDER[error.reason](error);
  if (error instanceof SiteNotFoundError) {
    return {
      hint: error.model
        ? "List the sites with `ppx pages list`; pass --model-version to choose the data model."
        : "List the sites with `ppx pages list`.",
    };
  }
  if (error instanceof UnknownTableError) {
    return { message: `--${error.list}-entities: unknown table '${error.table}'.` };
  }
  if (error instanceof PlanNotApplicableError) {
    return error.reason === "refused-files"
      ? {
        hint:
          "Fix or remove these files (or exclude web files with --exclude-entities webfile), then upload again.",
      }
      : {
        message: `--strategy create-only: ${error.message}`,
        hint: "Use --strategy skip-existing to leave them, or replace/merge to update them.",
      };
  }
  return undefined;
}

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
  if (error instanceof RunsFromSourceError) {
    return { hint: "Upgrade the package instead: deno install -g -f -n ppx -A jsr:@pacx/cli" };
  }
  return githubWords(error) ?? pagesWords(error);
}
