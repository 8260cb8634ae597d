/** Recognises inputs that are not solutions, so the user gets a precise message instead of a parse error. */

import { ValidationError } from "../../errors.ts";
import { advised, type SolutionInput } from "../advice.ts";
import type { ZipEntry } from "../zip/read.ts";

const LFS = "version https://git-lfs.github.com/spec/v1";

/** Throws when `path` is missing, a folder, or a Git LFS pointer file. */
export async function assertZipFile(path: string, input: SolutionInput): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch {
    throw advised(new ValidationError(`${path} does not exist.`, { hint: "Check the path." }), {
      kind: "check-path",
      input,
    });
  }
  if (!info.isFile) {
    throw advised(new ValidationError(`${path} is not a file.`, { hint: "Pass a .zip file." }), {
      kind: "pass-zip",
      input,
    });
  }
  if (info.size > 1024) return;
  const head = new TextDecoder().decode(await Deno.readFile(path));
  if (head.startsWith(LFS)) {
    throw new ValidationError(`${path} is a Git LFS pointer, not the solution itself.`, {
      hint: "Run `git lfs pull` (or check out with LFS enabled) to fetch the real file.",
    });
  }
}

/** The root files of a solution zip, found case-insensitively. */
export interface SolutionRoots {
  solution: ZipEntry;
  customizations: ZipEntry;
  contentTypes?: ZipEntry;
}

/** Finds solution.xml and customizations.xml, or explains what the archive is instead. */
export function solutionRoots(entries: ZipEntry[], label: string): SolutionRoots {
  const root = (name: string) => entries.find((e) => e.path.toLowerCase() === name);
  const solution = root("solution.xml");
  const customizations = root("customizations.xml");
  if (solution && customizations) {
    return { solution, customizations, contentTypes: root("[content_types].xml") };
  }
  if (root("data.xml") && root("data_schema.xml")) {
    throw advised(
      new ValidationError(`${label} is a Configuration Migration data package, not a solution.`, {
        hint: "Import data packages with the Configuration Migration tool.",
      }),
      { kind: "data-package" },
    );
  }
  if (entries.some((e) => e.path.toLowerCase().endsWith("/solution.xml"))) {
    throw advised(
      new ValidationError(`${label} has solution.xml in a sub-folder, not at the root.`, {
        hint: "Zip the solution's contents, not the folder that holds them.",
      }),
      { kind: "zip-contents" },
    );
  }
  throw advised(
    new ValidationError(`${label} is not a solution: solution.xml and customizations.xml are missing.`, {
      hint: "Pass a solution exported from Dataverse; any other zip needs a plain unzip.",
    }),
    { kind: "unpack-raw" },
  );
}
