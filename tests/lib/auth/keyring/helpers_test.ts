// macOS and Windows helpers cannot run here: check the exact commands and stdin they produce.
import {
  assert,
  assertEquals,
  assertIncludes,
  assertNotIncludes,
  assertRejects,
} from "../../../helpers/assert.ts";
import { macosKeyring } from "../../../../lib/auth/keyring/macos.ts";
import { credentialScript, encodeCommand, windowsKeyring } from "../../../../lib/auth/keyring/windows.ts";
import type { CommandRequest, CommandResult } from "../../../../lib/auth/keyring/runner.ts";
import { KeyringError } from "../../../../lib/auth/keyring/errors.ts";
import { UsageError } from "../../../../lib/errors.ts";

function recorder(results: Partial<CommandResult>[]) {
  const seen: CommandRequest[] = [];
  let i = 0;
  const run = (request: CommandRequest) => {
    seen.push(request);
    return Promise.resolve({ code: 0, stdout: "", stderr: "", ...results[i++] });
  };
  return { seen, run };
}

function decodeCommand(b64: string): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder("utf-16le").decode(bytes);
}

Deno.test("macOS: security commands; the secret goes hex-encoded on stdin to `security -i`", async () => {
  const { seen, run } = recorder([{}, { stdout: "s3cret ✓\n" }, { code: 44 }, {}, { code: 44 }]);
  const keyring = macosKeyring(run);
  await keyring.set("ppx", "refresh-token:work", "s3cret ✓");
  assertEquals(await keyring.get("ppx", "refresh-token:work"), "s3cret ✓");
  assertEquals(await keyring.get("ppx", "none"), undefined);
  assertEquals(await keyring.delete("ppx", "refresh-token:work"), true);
  assertEquals(await keyring.delete("ppx", "none"), false);

  assertEquals(seen[0].command, "security");
  assertEquals(seen[0].args, ["-i"]);
  const hex = [...new TextEncoder().encode("s3cret ✓")].map((b) => b.toString(16).padStart(2, "0")).join("");
  assertEquals(
    seen[0].stdin,
    `add-generic-password -U -s "ppx" -a "refresh-token:work" -l "ppx:refresh-token:work" -X ${hex}\n`,
  );
  assertEquals(seen[1].args, ["find-generic-password", "-s", "ppx", "-a", "refresh-token:work", "-w"]);
  assertEquals(seen[3].args, ["delete-generic-password", "-s", "ppx", "-a", "refresh-token:work"]);
  for (const r of seen) assertNotIncludes(r.args.join(" "), "s3cret");
  assert(seen.every((r) => r.timeoutMs === 3_000));
});

Deno.test("macOS: a secret too long for security's 4,096-byte line is refused, never cut", async () => {
  const { seen, run } = recorder([]);
  const keyring = macosKeyring(run);
  const error = await assertRejects(
    () => keyring.set("ppx", "refresh-token:work", "x".repeat(2100)),
    KeyringError,
  );
  assertEquals(error.reason, "too-long");
  assertEquals(seen.length, 0, "nothing was sent to security");
  await keyring.set("ppx", "refresh-token:work", "x".repeat(1900));
  assertEquals(seen.length, 1);
});

Deno.test("macOS: a locked keychain and a timeout are specific errors", async () => {
  const locked = macosKeyring(
    recorder([{ code: 36, stderr: "security: User interaction is not allowed." }]).run,
  );
  assertEquals((await assertRejects(() => locked.get("ppx", "a"), KeyringError)).reason, "locked");
  const slow = macosKeyring(recorder([{ code: -1, timedOut: true }]).run);
  assertEquals((await assertRejects(() => slow.set("ppx", "a", "b"), KeyringError)).reason, "timeout");
  await assertRejects(() => slow.set('p"x', "a", "b"), UsageError);
});

Deno.test("Windows: PowerShell with an encoded script naming SERVICE:ACCOUNT; the secret only on stdin", async () => {
  const stored = btoa("s3cret");
  const { seen, run } = recorder([{}, { stdout: stored }, { code: 2 }, {}, { code: 2 }]);
  const keyring = windowsKeyring(run);
  await keyring.set("ppx", "refresh-token:work", "s3cret");
  assertEquals(await keyring.get("ppx", "refresh-token:work"), "s3cret");
  assertEquals(await keyring.get("ppx", "gone"), undefined);
  assertEquals(await keyring.delete("ppx", "refresh-token:work"), true);
  assertEquals(await keyring.delete("ppx", "gone"), false);

  assertEquals(seen[0].command, "powershell.exe");
  assertEquals(seen[0].args.slice(0, 5), [
    "-NoProfile",
    "-NonInteractive",
    "-ExecutionPolicy",
    "Bypass",
    "-EncodedCommand",
  ]);
  assertEquals(seen[0].stdin, btoa("s3cret"));
  const setScript = decodeCommand(seen[0].args[5]);
  assertEquals(setScript, credentialScript("set", "ppx", "refresh-token:work"));
  assertIncludes(setScript, "CredWriteW");
  assertIncludes(setScript, "$c.TargetName = 'ppx:refresh-token:work'");
  assertIncludes(setScript, "$c.Persist = 2");
  assertNotIncludes(setScript, "s3cret");
  assertIncludes(decodeCommand(seen[1].args[5]), "CredReadW('ppx:refresh-token:work', 1, 0, [ref]$p)");
  assertIncludes(decodeCommand(seen[3].args[5]), "CredDeleteW('ppx:refresh-token:work', 1, 0)");
  assertEquals(seen[1].stdin, undefined);
  assertEquals(encodeCommand("A"), btoa("A\0"));
});

Deno.test("Windows: a missing PowerShell and a failing CredWrite are specific errors", async () => {
  const absent = windowsKeyring(recorder([{ code: 127, notFound: true }]).run);
  assertIncludes(
    (await assertRejects(() => absent.get("ppx", "a"), KeyringError)).message,
    "powershell.exe not found",
  );
  const failing = windowsKeyring(recorder([{ code: 1, stderr: "CredWrite failed: Win32 error 1312" }]).run);
  assertIncludes(
    (await assertRejects(() => failing.set("ppx", "a", "b"), KeyringError)).message,
    "Win32 error 1312",
  );
});
