/** A case-insensitive index of the files in an unpacked solution folder. */

import { join } from "node:path";
import { ValidationError } from "../../errors.ts";

/** Files under a folder, by lower-cased relative path. */
export class TreeIndex {
  readonly root: string;
  /** Lower-cased relative path -> relative path as on disk (`/` separators). */
  readonly files: Map<string, string>;

  private constructor(root: string, files: Map<string, string>) {
    this.root = root;
    this.files = files;
  }

  /** Walks `root`; symbolic links and names differing only in case are refused. */
  static async load(root: string): Promise<TreeIndex> {
    const files = new Map<string, string>();
    const walk = async (rel: string) => {
      for await (const entry of Deno.readDir(rel ? join(root, rel) : root)) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isSymlink) {
          throw new ValidationError(`${join(root, path)} is a symbolic link; ppx does not follow links.`, {
            hint: "Replace the link with the file it points to, or use --map to read it from elsewhere.",
          });
        }
        if (entry.isDirectory) {
          await walk(path);
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
    await walk("");
    return new TreeIndex(root, files);
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
