/**
 * The tables to include and exclude: table names (keys, logical names, entity sets or folder
 * names, comma separated) to the set of table keys; an unknown name is an error naming the valid ones.
 *
 * @module
 */

import { UnknownTableError } from "./errors.ts";
import { findTable, PAGES_TABLES } from "./tables.ts";

function resolve(words: string[], list: "include" | "exclude"): Set<string> {
  const out = new Set<string>();
  for (const w of words.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean)) {
    const t = findTable(w);
    if (!t) {
      throw new UnknownTableError(list, w, PAGES_TABLES.filter((x) => !x.reference).map((x) => x.key));
    }
    out.add(t.key);
  }
  return out;
}

/** The table keys to move; undefined means all. */
export function selectTables(include?: string[], exclude?: string[]): Set<string> | undefined {
  if (!include?.length && !exclude?.length) return undefined;
  const chosen = include?.length ? resolve(include, "include") : new Set(PAGES_TABLES.map((t) => t.key));
  for (const k of exclude?.length ? resolve(exclude, "exclude") : []) chosen.delete(k);
  chosen.add("website");
  // Web links are found through their sets (they carry no website id).
  if (chosen.has("weblink")) chosen.add("weblinkset");
  return chosen;
}
