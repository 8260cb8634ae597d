/**
 * Golden text for tests: normalising what changes run to run (ids, times, ports, temp paths, versions), a
 * unified diff of two texts, and snapshot files that only `deno task snapshots` (UPDATE_SNAPSHOTS=1) writes.
 */

import { AssertionError } from "./assert.ts";

/** True when snapshots are being refreshed (`deno task snapshots`). */
export const UPDATE_SNAPSHOTS: boolean = Deno.env.get("UPDATE_SNAPSHOTS") === "1";

/** What a run's output is normalised against: the values that differ between runs. */
export interface NormaliseContext {
  /** Paths replaced by a stable name, longest first: `{ "/tmp/x/work": "/work" }`. */
  paths?: Record<string, string>;
}

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
// 2026-12-04, 2026-12-04T10:15:00Z, 2026-12-04T10:15:00.123+01:00, 2026-12-05 22:32Z
const TIME = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d:])/g;
// A date cut by a narrow table column: "expires 2026-12-…" changes with the month, so it is a time too.
const CUT_TIME = /\b\d{4}-\d{2}(?:-\d{0,2}(?:[T ][\d:]*)?)?…/g;
// 1.2s, 350ms, 12 ms, 0.4 s
const DURATION = /(?<![\w.])\d+(?:\.\d+)?\s?(?:ms|s)\b/g;
const LOOPBACK = /\b(http:\/\/)?(?:127\.0\.0\.1|localhost):\d+/g;
// A three-part version (0.1.0, 1.2.3-rc.1), not part of a four-part solution version or an IP address.
const VERSION = /(?<![\d.])\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?(?![\d]|\.\d)/g;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
// Random hex ids of 16 or more digits (connector name suffixes, hashes), with at least one digit and letter.
const HEX = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b/g;

/**
 * Replaces run-specific values by placeholders: GUIDs `<guid>`, ISO dates and times `<time>`, durations
 * `<duration>`, loopback addresses `127.0.0.1:PORT`, hex ids `<hex>`, three-part versions `<version>`, JWTs
 * `<jwt>`, the
 * given paths by their names; ends lines without trailing blanks and the text without trailing blank lines.
 */
export function normalise(text: string, context: NormaliseContext = {}): string {
  let out = text;
  const paths = Object.entries(context.paths ?? {}).sort((a, b) => b[0].length - a[0].length);
  for (const [path, name] of paths) out = out.split(path).join(name);
  out = out
    .replace(JWT, "<jwt>")
    .replace(LOOPBACK, (_, scheme) => `${scheme ?? ""}127.0.0.1:PORT`)
    // The Pages manifest's file name carries the host and port: 127.0.0.1_8750-manifest.yml.
    .replace(/\b127\.0\.0\.1_\d+\b/g, "127.0.0.1_PORT")
    .replace(GUID, "<guid>")
    .replace(HEX, "<hex>")
    .replace(TIME, "<time>")
    .replace(CUT_TIME, "<time>…")
    .replace(VERSION, "<version>")
    .replace(DURATION, "<duration>");
  return out.split("\n").map((line) => line.trimEnd()).join("\n").replace(/\n+$/, "");
}

/** A unified diff of two texts (whole-text hunk with 3 lines of context), `""` when equal. */
export function unifiedDiff(
  expected: string,
  actual: string,
  labels: { expected: string; actual: string },
): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  // LCS table: outputs compared here are small (a page of text).
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: { op: " " | "-" | "+"; text: string; ai: number; bi: number }[] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: " ", text: a[i++], ai: i, bi: ++j });
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ op: "-", text: a[i++], ai: i, bi: j });
    } else ops.push({ op: "+", text: b[j++], ai: i, bi: j });
  }
  if (ops.every((o) => o.op === " ")) return "";
  const keep = ops.map((_, k) => ops.slice(Math.max(0, k - 3), k + 4).some((n) => n.op !== " "));
  const lines = [`--- ${labels.expected}`, `+++ ${labels.actual}`];
  for (let k = 0; k < ops.length; k++) {
    if (!keep[k]) continue;
    if (k === 0 || !keep[k - 1]) {
      lines.push(`@@ expected line ${ops[k].op === "+" ? ops[k].ai + 1 : ops[k].ai} @@`);
    }
    lines.push(`${ops[k].op}${ops[k].text}`);
  }
  return lines.join("\n");
}

/**
 * Compares `actual` with the snapshot file; with UPDATE_SNAPSHOTS=1 writes it instead. A missing or
 * different snapshot fails with the diff and the command that refreshes it.
 */
export async function assertSnapshot(file: URL, actual: string, label: string): Promise<void> {
  if (UPDATE_SNAPSHOTS) {
    await Deno.mkdir(new URL(".", file), { recursive: true });
    let old: string | undefined;
    try {
      old = await Deno.readTextFile(file);
    } catch {
      // a new snapshot
    }
    if (old !== actual) await Deno.writeTextFile(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = await Deno.readTextFile(file);
  } catch {
    throw new AssertionError({
      message:
        `no snapshot for ${label} (${file.pathname}): run \`deno task snapshots\` and review the new file`,
    });
  }
  if (expected === actual) return;
  const diff = unifiedDiff(expected, actual, { expected: `${label} (snapshot)`, actual: `${label} (now)` });
  throw new AssertionError({
    message: `${label} differs from its snapshot; if the change is intended run \`deno task snapshots\`\n` +
      (diff || `(whitespace only)\n${JSON.stringify(expected)}\n${JSON.stringify(actual)}`),
  });
}
