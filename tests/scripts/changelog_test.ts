/**
 * CHANGELOG.md stays in Keep a Changelog form (issue 19): an Unreleased section first, then released versions
 * newest first with ISO dates, only the standard change kinds, and the newest release equal to the version
 * in deno.json (so `deno task release` and the release notes read what users see).
 */

import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { compareVersions } from "../../lib/upgrade/version_order.ts";
import { ROOT } from "../helpers/cli.ts";

const KINDS = new Set(["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]);

Deno.test("CHANGELOG.md: Unreleased, then versions newest first, standard sections, deno.json's version", async () => {
  const text = await Deno.readTextFile(`${ROOT}CHANGELOG.md`);
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)) as { version: string };
  const versions = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  strictEqual(versions[0], "[Unreleased]");
  const released = versions.slice(1).map((heading) => {
    const m = /^\[(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\] - (\d{4}-\d{2}-\d{2})$/.exec(heading);
    ok(m, `"## ${heading}" is not "## [X.Y.Z] - YYYY-MM-DD"`);
    return m[1];
  });
  ok(released.length > 0, "no released version");
  deepStrictEqual(
    released,
    [...released].sort((a, b) => compareVersions(b, a)),
    "versions are not newest first",
  );
  strictEqual(released[0], config.version, "the newest release differs from deno.json's version");
  const kinds = [...text.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
  deepStrictEqual(kinds.filter((k) => !KINDS.has(k)), []);
  ok(!/^#### /m.test(text), "no deeper headings: one list per kind");
});
