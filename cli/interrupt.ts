/**
 * What to say on Ctrl-C besides "Cancelled.": a long-running command registers the way to continue (for
 * `dv bulk-csv`, the exact command line with `--resume`); cli/main.ts prints it when SIGINT arrives.
 *
 * @module
 */

let hint: string | undefined;

/** Sets (or clears, with undefined) the line printed after "Cancelled." on Ctrl-C. */
export function setInterruptHint(text: string | undefined): void {
  hint = text;
}

/** The line to print after "Cancelled." on Ctrl-C, if a command registered one. */
export function interruptHint(): string | undefined {
  return hint;
}
