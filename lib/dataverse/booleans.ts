/** How ppx reads a yes/no value typed by a person: in `--key` values and in CSV cells alike. */

const TRUE = new Set(["true", "1", "yes", "y"]);
const FALSE = new Set(["false", "0", "no", "n"]);

/** true or false for true/false, yes/no, y/n, 1/0 (any case); undefined for anything else. */
export function parseBooleanText(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return undefined;
}
