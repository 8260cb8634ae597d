/**
 * "Did you mean" for unknown command words, and the pointer for PACX command groups ppx does not have.
 * Commander's own suggester strips two characters from every candidate when the typed word starts with
 * `--` (so `ppx -- --version` suggested `--rsion`) and happily suggests `delete` for `select`; this one
 * compares command words only with command words and never offers a destructive command.
 *
 * @module
 */

import { closestMatches } from "../lib/text/edit_distance.ts";

/** Command words never offered as a guess: running one by accident loses data. */
const DESTRUCTIVE: ReadonlySet<string> = new Set([
  "delete",
  "remove",
  "rm",
  "clear",
  "logout",
  "purge",
  "reset",
  "drop",
  "uninstall",
]);

/**
 * PACX (Python) top-level groups that ppx does not have yet (parity reference, Appendix B). A group that
 * ppx registers stops being reported here (callers check the registry first).
 */
export const PACX_GROUPS: ReadonlySet<string> = new Set([
  "environment",
  "env",
  "env-group",
  "apps",
  "app",
  "flows",
  "power",
  "connection",
  "connector",
  "pages",
  "analytics",
  "governance",
  "licensing",
  "policy",
  "pva",
  "tenant",
  "users",
  "coe",
]);

/**
 * The closest command words to `word` (same rules as commander: at most 3 edits and 40 % similar), never
 * a destructive one, and nothing at all for a word that looks like a flag.
 */
export function similarCommands(word: string, candidates: Iterable<string>): string[] {
  if (word.startsWith("-") || word === "") return [];
  return closestMatches(word, [...candidates].filter((c) => !DESTRUCTIVE.has(c)));
}

/** The message for an unknown command word (commander's wording, our suggestion). */
export function unknownCommandMessage(word: string, candidates: Iterable<string>): string {
  const similar = similarCommands(word, candidates);
  const suggestion = similar.length > 1
    ? `\n(Did you mean one of ${similar.join(", ")}?)`
    : similar.length === 1
    ? `\n(Did you mean ${similar[0]}?)`
    : "";
  return `error: unknown command '${word}'${suggestion}`;
}

/** The message for a PACX group ppx does not have: what to use instead. */
export function missingGroupMessage(word: string): string {
  return `error: ppx has no '${word}' command group yet (PACX had one).\n` +
    "Until it lands, call the endpoint directly with `ppx api`, which signs the request for you, e.g.\n" +
    "  ppx api --audience bap GET " +
    "'/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2020-10-01'\n" +
    "See `ppx api --help` for the audiences (powerplatform, bap, graph) and `ppx --help` for what ppx has.";
}
