/** Minimal ANSI styling, switched off when colour is off. */

/** Styles text when colour is on; passes it through otherwise. */
export interface Styler {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (on: boolean, open: number, close: number) => (s: string) =>
  on ? `\x1b[${open}m${s}\x1b[${close}m` : s;

/** Builds a styler. */
export function styler(enabled: boolean): Styler {
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    red: wrap(enabled, 31, 39),
    green: wrap(enabled, 32, 39),
    yellow: wrap(enabled, 33, 39),
    cyan: wrap(enabled, 36, 39),
  };
}

/**
 * Decides whether to colour: `--color always|never` wins, then NO_COLOR (any value) and FORCE_COLOR,
 * then whether the stream is a terminal.
 */
export function colorEnabled(
  mode: "auto" | "always" | "never",
  isTTY: boolean,
  env: { get(name: string): string | undefined },
): boolean {
  if (mode === "always") return true;
  if (mode === "never") return false;
  if (env.get("NO_COLOR") !== undefined && env.get("NO_COLOR") !== "") return false;
  const force = env.get("FORCE_COLOR");
  if (force !== undefined && force !== "0") return true;
  if (env.get("TERM") === "dumb") return false;
  return isTTY;
}
