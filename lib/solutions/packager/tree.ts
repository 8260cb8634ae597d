/** A case-insensitive index of the files in an unpacked solution folder. */

import { join } from "node:path";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";

/** Files under a folder, by lower-cased relative path. */
export class TreeIndex {
  readonly root: string;
  /** Lower-cased relative path -> relative path as on disk (`/` separators). */
  readonly files: Map<string, string>;

  private constructor(root: string, files: Map<string, string>) {
    this.root = root;
    this.files = files;
  }

  /** Like `load`, for a folder the user named: a missing one is a clear error (advice: check the path). */
  static async loadFolder(folder: string): Promise<TreeIndex> {
    try {
      return await TreeIndex.load(folder);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw advised(
          new ValidationError(`${folder} does not exist.`, {
            hint: "Check the folder's path.",
            cause: error,
          }),
          { kind: "check-path", input: "folder" },
        );
      }
      throw error;
    }
  }

  /** Walks `root`; symbolic links and names differing only in case are refused. */
  static load(root: string): Promise<TreeIndex> {
    const files = new Map<string, string>();
    // Synchronous: a source tree has thousands of folders, each listed in one call.
    const walk = (rel: string) => {
      for (const entry of Deno.readDirSync(rel ? join(root, rel) : root)) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isSymlink) {
          throw advised(
            new ValidationError(`${join(root, path)} is a symbolic link; ppx does not follow links.`, {
              hint: "Replace the link with the file it points to, or map it to its real place.",
            }),
            { kind: "symlink-in-tree" },
          );
        }
        if (entry.isDirectory) {
          walk(path);
          continue;
        }
        const key = path.toLowerCase();
        const other = files.get(key);
        if (other) {
          throw new ValidationError(`${root}: '${other}' and '${path}' differ only in case.`, {
            hint: "Remove one of them; ppx matches names case-insensitively.",
          });
        }
        files.set(key, path);
      }
    };
    walk("");
    return Promise.resolve(new TreeIndex(root, files));
  }

  /** The on-disk relative path of `path`, matched case-insensitively. */
  find(path: string): string | undefined {
    return this.files.get(path.toLowerCase());
  }

  /** The absolute path of a relative path. */
  abs(rel: string): string {
    return join(this.root, rel);
  }
}
