/** Help topics beyond single commands: `ppx help <topic>`. */

import { environmentHelp } from "./environment.ts";

const EXIT_CODES = `Exit codes:

  0    success
  1    failure (the service or ppx reported an error)
  2    usage error: unknown command or flag, bad value, invalid input file
  3    partial success: some items of a bulk operation failed (see the report)
  4    authentication needed: sign in, or the credentials were rejected
  5    not found
  6    throttled or timed out after retries
  8    pending: a long-running job is still running (ask again later)
  130  cancelled (Ctrl-C, or a declined confirmation)
`;

const OUTPUT = `Output:

  On a terminal ppx prints aligned tables; when piped it prints tab-separated values with a header
  line, so \`cut\`, \`awk\` and \`sort\` work. --json prints JSON; --output json|yaml|csv|tsv|table picks a
  format explicitly. Messages, warnings and progress go to stderr, never mixed into data.
  Colour follows --color auto|always|never and NO_COLOR.
`;

/** Topic name -> text builder. */
export const HELP_TOPICS: Record<string, () => string> = {
  environment: environmentHelp,
  "exit-codes": () => EXIT_CODES,
  output: () => OUTPUT,
};
