/** How ppx reads a yes/no value typed by a person: in `--key` values and in CSV cells alike. */

import { readBoolean } from "../parse/values.ts";

/** true or false for true/false, yes/no, y/n, 1/0 (any case); undefined for anything else. */
export function parseBooleanText(text: string): boolean | undefined {
  return readBoolean(text);
}
