/** Reading argv before the command framework loads (it is not needed for `--version`). */

/** Global options that take a value (the argv pre-scan must skip their values). */
export const VALUE_GLOBALS: ReadonlySet<string> = new Set(["--profile", "--output", "-o", "--color"]);

/**
 * The arguments as ppx reads them: a leading `--` is dropped, because `deno task ppx -- ARGS` (the
 * documented way to run from a checkout) hands it over unchanged, and nothing can precede the command.
 */
export function normalizeArgv(argv: readonly string[]): string[] {
  return argv[0] === "--" ? argv.slice(1) : [...argv];
}

/**
 * Finds the command path in argv without loading anything: the positional words before the first
 * option that is not a global, skipping global option values. `ppx --json dv list x` -> ["dv", "list", "x"].
 */
export function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      if (VALUE_GLOBALS.has(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}
