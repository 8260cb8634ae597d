import { CHECK_INTERVAL_MS, checkDue, newerRelease, noticeAllowed } from "../../../lib/upgrade/notice.ts";
import { archiveName, releaseTargetFor } from "../../../lib/upgrade/assets.ts";
import { parseChecksums } from "../../../lib/upgrade/checksums.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";

const person = { compiled: true, stderrIsTerminal: true, machineOutput: false, env: () => undefined };

Deno.test("update notice: only a release binary, at a terminal, without --json, outside CI", () => {
  assert(noticeAllowed(person));
  assert(!noticeAllowed({ ...person, compiled: false }));
  assert(!noticeAllowed({ ...person, stderrIsTerminal: false }));
  assert(!noticeAllowed({ ...person, machineOutput: true }));
  for (const name of ["CI", "GITHUB_ACTIONS", "TF_BUILD", "PPX_NO_UPDATE_NOTIFIER"]) {
    assert(!noticeAllowed({ ...person, env: (n) => n === name ? "true" : undefined }), name);
  }
});

Deno.test("update notice: at most one check a day; damaged state means never checked", () => {
  const now = 1_800_000_000_000;
  assert(checkDue(undefined, now));
  assert(checkDue("{not json", now));
  assert(!checkDue(JSON.stringify({ checkedAt: now - CHECK_INTERVAL_MS + 1000 }), now));
  assert(checkDue(JSON.stringify({ checkedAt: now - CHECK_INTERVAL_MS }), now));
  assert(checkDue(JSON.stringify({ checkedAt: now + 60_000 }), now), "a clock set back checks again");
  assertEquals(newerRelease("0.1.0", "0.1.0"), undefined);
  assertEquals(newerRelease("0.2.0", "0.1.9"), undefined);
  assertEquals(newerRelease("0.1.0", "garbage"), undefined);
  assertEquals(newerRelease("0.1.0", "0.2.0"), "0.2.0");
});

Deno.test("release assets: one name per target, a target per supported OS/CPU, strict SHA256SUMS", () => {
  assertEquals(archiveName("1.2.3", "x86_64-pc-windows-msvc"), "ppx-1.2.3-x86_64-pc-windows-msvc.zip");
  assertEquals(archiveName("1.2.3", "aarch64-apple-darwin"), "ppx-1.2.3-aarch64-apple-darwin.tar.gz");
  assertEquals(releaseTargetFor("linux", "aarch64"), "aarch64-unknown-linux-gnu");
  assertEquals(releaseTargetFor("windows", "aarch64"), undefined);
  const sums = parseChecksums(`${"A".repeat(64)}  a.zip\n${"b".repeat(64)} *b.tar.gz\n`);
  assertEquals([...sums], [["a.zip", "a".repeat(64)], ["b.tar.gz", "b".repeat(64)]]);
  let message = "";
  try {
    parseChecksums("not a checksum line");
  } catch (error) {
    message = (error as Error).message;
  }
  assert(message.includes("line 1"), message);
});
