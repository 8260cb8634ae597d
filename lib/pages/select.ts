/**
 * `--include-entities` / `--exclude-entities`: table names (keys, logical names, entity sets or folder
 * names, comma separated) to the set of table keys; an unknown name is an error naming the valid ones.
 *
 * @module
 */

import { UsageError } from "../errors.ts";
import { findTable, PAGES_TABLES } from "./tables.ts";

function resolve(words: string[], flag: string): Set<string> {
  const out = new Set<string>();
  for (const w of words.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean)) {
    const t = findTable(w);
    if (!t) {
      throw new UsageError(`${flag}: unknown table '${w}'.`, {
        hint: `Use one of ${
          PAGES_TABLES.filter((x) => !x.reference).map((x) => x.key).join(", ")
        } (or their adx_ names).`,
      });
    }
    out.add(t.key);
  }
  return out;
}

/** The table keys to move; undefined means all. */
export function selectTables(include?: string[], exclude?: string[]): Set<string> | undefined {
  if (!include?.length && !exclude?.length) return undefined;
  const chosen = include?.length
    ? resolve(include, "--include-entities")
    : new Set(PAGES_TABLES.map((t) => t.key));
  for (const k of exclude?.length ? resolve(exclude, "--exclude-entities") : []) chosen.delete(k);
  chosen.add("website");
  // Web links are found through their sets (they carry no website id).
  if (chosen.has("weblink")) chosen.add("weblinkset");
  return chosen;
}
