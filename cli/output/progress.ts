/** Progress for long work: on stderr, only on a terminal, never with machine-readable output. */

import type { IO } from "./io.ts";

/** A progress reporter. All methods are no-ops when progress is off. */
export interface Progress {
  /** Updates the line: `label done/total (pct%)`. */
  update(done: number, total?: number, label?: string): void;
  /** Clears the line. */
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

/** Creates a progress line when stderr is a terminal and output is not JSON/YAML. */
export function createProgress(io: IO, options: { machine: boolean; now?: () => number }): Progress {
  if (!io.stderrIsTTY || options.machine) return SILENT;
  const now = options.now ?? (() => Date.now());
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update(done, total, label = "") {
      const t = now();
      if (t - last < 100 && done !== total) return;
      last = t;
      shown = true;
      const pct = total ? ` (${Math.floor((done / total) * 100)}%)` : "";
      const count = total ? `${done}/${total}` : `${done}`;
      const line = `${label ? label + " " : ""}${count}${pct}`.slice(0, Math.max(10, io.columns - 1));
      io.stderr.write(`\r\x1b[2K${line}`);
    },
    done() {
      if (shown) io.stderr.write("\r\x1b[2K");
      shown = false;
    },
  };
}
