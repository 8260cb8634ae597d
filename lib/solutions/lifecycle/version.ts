/** Solution versions (`major.minor.build.revision`): parse, bump, and set in an unpacked Other/Solution.xml. */

import { writeFileAtomic } from "../../fs/atomic.ts";
import { join } from "node:path";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";

/** Which part to increment. */
export type VersionPart = "major" | "minor" | "build" | "revision";

const VERSION = /^\d+(\.\d+){1,3}$/;

/** Checks a version string. */
export function checkVersion(version: string, label = "version"): string {
  if (!VERSION.test(version)) {
    throw new ValidationError(`The ${label} '${version}' is not a solution version.`, {
      hint: "Use major.minor[.build[.revision]] with numbers, e.g. 1.2.0.3.",
    });
  }
  return version;
}

/** Increments one part and zeroes the parts after it (missing parts count as 0). */
export function bumpVersion(version: string, part: VersionPart): string {
  const nums = checkVersion(version).split(".").map(Number);
  while (nums.length < 4) nums.push(0);
  const i = ["major", "minor", "build", "revision"].indexOf(part);
  nums[i]++;
  for (let j = i + 1; j < 4; j++) nums[j] = 0;
  return nums.join(".");
}

const VERSION_EL = /(<SolutionManifest\b[\s\S]*?<Version>)([^<]*)(<\/Version>)/;

/**
 * Sets the version in `<folder>/Other/Solution.xml`, touching only that element's text so the rest of the
 * file stays byte-identical; the write is atomic. Returns the previous and new version.
 */
export async function setFolderVersion(
  folder: string,
  next: (current: string) => string,
): Promise<{ previous: string; version: string; file: string }> {
  const file = join(folder, "Other", "Solution.xml");
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    throw advised(
      new ValidationError(`${file} does not exist.`, {
        hint: "Pass the folder the solution was unpacked to (the one that holds Other/).",
      }),
      { kind: "unpacked-folder" },
    );
  }
  const m = VERSION_EL.exec(text);
  if (!m) throw new ValidationError(`${file} has no SolutionManifest/Version.`, { hint: "Check the file." });
  const previous = m[2].trim();
  const version = checkVersion(next(previous));
  const updated = text.replace(VERSION_EL, `$1${version}$3`);
  await writeFileAtomic(file, updated);
  return { previous, version, file };
}
