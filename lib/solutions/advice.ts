/**
 * What a person can do about a solution error, as data. lib/solutions never names a flag or a `ppx`
 * command: an error carries an {@link SolutionAdvice} (which input to fix, which package type the zip has,
 * which import job to reattach to) and a plain hint for library callers; the CLI words the advice with its
 * own flags and commands (cli/commands/solution/advice.ts).
 *
 * @module
 */

import type { PpxError } from "../errors.ts";

/** A value the caller of a solution use-case gave (the CLI maps each to its flag). */
export type SolutionInput = "folder" | "zipfile" | "map" | "path";

/** The next step for a solution error; `kind` says which, the other fields are its data. */
export type SolutionAdvice =
  /** The path given for `input` does not exist or cannot be read. */
  | { kind: "check-path"; input: SolutionInput }
  /** `input` names something that is not a file; it must be a zip. */
  | { kind: "pass-zip"; input: SolutionInput }
  /** `input` names something that is in the way (a file where a folder goes). */
  | { kind: "choose-another"; input: SolutionInput }
  /** The file to write exists; replace it or write elsewhere. */
  | { kind: "overwrite" }
  /** The zip's package type is `actual`, not the one asked for. */
  | { kind: "package-type"; actual: "Managed" | "Unmanaged" }
  /** Both package types were asked for, but the zip given is the managed one. */
  | { kind: "both-needs-unmanaged" }
  /** A tree of one package type cannot be packed as the other; unpacking both types would allow it. */
  | { kind: "unpack-both" }
  /** The source tree holds a symbolic link; a mapping file can point at the real file instead. */
  | { kind: "symlink-in-tree" }
  /** The mapping file maps `path`, but the file it maps to does not exist. */
  | { kind: "mapped-file-missing"; path: string }
  /** The folder is a plain unzip of a solution: a plain zip would rebuild it. */
  | { kind: "pack-raw" }
  /** The folder does not hold Other/: the source folder is elsewhere. */
  | { kind: "point-at-source" }
  /** The archive is not a solution: a plain unzip would extract it. */
  | { kind: "unpack-raw" }
  /** The archive holds a folder that holds the solution: zip the contents (or pack them). */
  | { kind: "zip-contents" }
  /** The archive is a Configuration Migration data package. */
  | { kind: "data-package" }
  /** The file is not a zip archive at all. */
  | { kind: "not-a-zip" }
  /** The zip is not a solution (no solution.xml). */
  | { kind: "not-a-solution" }
  /** A canvas app's source is in the Power Apps source format, which only pac rebuilds. */
  | { kind: "canvas-source"; app: string }
  /** A deployment-settings file has the wrong shape; a template can be generated. */
  | { kind: "settings-shape" }
  /** The folder is not an unpacked solution (no Other/Solution.xml). */
  | { kind: "unpacked-folder" }
  /** No solution has that unique name; `when` says which operation looked it up. */
  | { kind: "unique-name"; when: "find" | "export" }
  /** An export failed; missing dependencies are the usual cause. */
  | { kind: "check-dependencies" }
  /** A wait ran out; a longer wait may let it finish. */
  | { kind: "raise-max-wait" }
  /** An import is still running on the server after the wait; it can be followed again by its job id. */
  | { kind: "reattach-import"; importJobId: string };

/** An error that carries {@link SolutionAdvice}. */
export type Advised<E extends PpxError> = E & { readonly advice: SolutionAdvice };

/** Puts `advice` on `error` (which keeps its class, message, hint and exit code) and returns it. */
export function advised<E extends PpxError>(error: E, advice: SolutionAdvice): Advised<E> {
  return Object.assign(error, { advice });
}

/** The advice an error carries, if it is one {@link advised} made. */
export function adviceOf(error: unknown): SolutionAdvice | undefined {
  if (typeof error !== "object" || error === null || !("advice" in error)) return undefined;
  const advice = (error as { advice: unknown }).advice;
  return typeof advice === "object" && advice !== null && "kind" in advice
    ? advice as SolutionAdvice
    : undefined;
}
