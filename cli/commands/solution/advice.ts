/**
 * The solution commands' wording of lib/solutions' {@link SolutionAdvice}: lib says what to fix as data,
 * this names the flag or the `ppx solution` command that fixes it. Every solution `run` passes its lib
 * calls through {@link worded}.
 */

import type { PpxError } from "../../../lib/errors.ts";
import { adviceOf, type SolutionAdvice, type SolutionInput } from "../../../lib/solutions/advice.ts";

/** The flag that sets each solution input. */
const FLAG: Record<SolutionInput, string> = {
  folder: "--folder",
  zipfile: "--zipfile",
  map: "--map",
  path: "--path",
};

/** The hint the CLI prints for `advice`. */
export function adviceHint(advice: SolutionAdvice): string {
  switch (advice.kind) {
    case "check-path":
      return advice.input === "path" ? "Check --path." : `Check the ${FLAG[advice.input]} path.`;
    case "pass-zip":
      return `Pass a .zip file to ${FLAG[advice.input]}.`;
    case "choose-another":
      return `Choose another ${FLAG[advice.input]}.`;
    case "overwrite":
      return "Pass --overwrite to replace it, or another --out.";
    case "package-type":
      return `Use --packagetype ${advice.actual}, or leave it out to take the type from the zip.`;
    case "both-needs-unmanaged":
      return "With --packagetype Both pass the unmanaged zip; its managed twin must sit beside it as " +
        "<name>_managed.zip.";
    case "unpack-both":
      return "Solutions change type only through an environment (import, then export as the other type). " +
        "Unpack both types with --packagetype Both to pack either.";
    case "symlink-in-tree":
      return "Replace the link with the file it points to, or use --map to read it from elsewhere.";
    case "mapped-file-missing":
      return "Build the mapped files first (for example the plug-in or web project), or fix the map.";
    case "pack-raw":
      return "This looks like a plain unzip of a solution; zip it with `ppx solution pack --raw`.";
    case "point-at-source":
      return "Point --folder at the folder that contains Other/ (for pac projects, the src/ folder).";
    case "unpack-raw":
      return "Pass a solution exported from Dataverse. To extract any other zip use `ppx solution unpack --raw`.";
    case "zip-contents":
      return "Zip the solution's contents, not the folder that holds them (or use `ppx solution pack`).";
    case "data-package":
      return "Import data packages with the Configuration Migration tool; `ppx solution` handles solutions.";
    case "not-a-zip":
      return "Pass a solution .zip exported from Dataverse or built by `ppx solution pack`.";
    case "not-a-solution":
      return "Pass a solution exported from Dataverse or built by `ppx solution pack`.";
    case "canvas-source":
      return `Pack the app with \`pac canvas pack\` into CanvasApps/${advice.app}_DocumentUri.msapp, or ` +
        "unpack the solution again with `ppx solution unpack --process-canvas-apps`.";
    case "settings-shape":
      return 'Expected { "EnvironmentVariables": [{ "SchemaName", "Value" }], "ConnectionReferences": ' +
        '[{ "LogicalName", "ConnectionId", "ConnectorId" }] } (`ppx solution create-settings` writes one).';
    case "unpacked-folder":
      return "Pass the folder `ppx solution unpack` wrote (the one that holds Other/).";
    case "unique-name":
      return advice.when === "export"
        ? "Check the solution's unique name with `ppx solution list` (unique names, not display names)."
        : "Check the unique name with `ppx solution list` (names are unique names, not display names).";
    case "check-dependencies":
      return "Check the solution for missing dependencies with `ppx solution check`.";
    case "raise-max-wait":
      return "Raise --max-wait.";
    case "reattach-import":
      return "It keeps running on the server. Reattach with " +
        `\`ppx solution import-status ${advice.importJobId} --wait\`.`;
  }
}

/** The message the CLI prints for an advised error, when it names an input differently from lib's. */
function adviceMessage(advice: SolutionAdvice, message: string): string {
  if (advice.kind === "mapped-file-missing") {
    return `${advice.path} is mapped by --map, but no mapped file exists.`;
  }
  return message;
}

/** `error` worded for the command line: same class, code and exit code; message and hint name the flags. */
export function wordError(error: unknown): unknown {
  const advice = adviceOf(error);
  if (!advice) return error;
  const original = error as PpxError;
  // A copy, not the thrown object changed in place: lib callers that still hold it keep lib's wording.
  const copy = Object.create(Object.getPrototypeOf(original), Object.getOwnPropertyDescriptors(original));
  Object.defineProperty(copy, "message", {
    value: adviceMessage(advice, original.message),
    writable: true,
    configurable: true,
  });
  Object.defineProperty(copy, "hint", { value: adviceHint(advice), writable: true, enumerable: true });
  return copy;
}

/** Runs lib work and rethrows its advised errors worded for the command line. */
export async function worded<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (error) {
    throw wordError(error);
  }
}
